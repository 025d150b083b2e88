"""The hub's curated figures as DataStore tables: each country's estimates as a
CSV resource of its dataset, with a data dictionary (what each column holds,
in which unit), queryable with ``datastore_search`` like any uploaded table."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

TABLE_NAME = "Estimates (table)"
TABLE_DESCRIPTION = ("Every estimate of this dataset, one row each, as a table: filter it, "
                     "query it with the DataStore API or download it as CSV.")
# (column, DataStore type, label, description): the data dictionary.
FIELDS = [
    ("indicator", "text", "Indicator",
     "What is counted: asm_miners (people working in ASM), women_in_asm (women among them), "
     "asgm_miners (people in artisanal gold mining) and the hub's other indicators "
     "(/vocab/indicators.ttl)."),
    ("low", "numeric", "Low estimate",
     "Lower bound of the source's range, in the row's unit; empty when the source gives a single figure."),
    ("central", "numeric", "Central estimate",
     "The figure the source gives (or the one it puts forward within its range), in the row's unit."),
    ("high", "numeric", "High estimate",
     "Upper bound of the source's range, in the row's unit; empty when the source gives a single figure."),
    ("unit", "text", "Unit", "Unit of low, central and high: people, percent, tonnes…"),
    ("ref_year", "int", "Reference year", "The year the figure describes."),
    ("pub_year", "int", "Publication year", "The year the source was published."),
    ("confidence", "text", "Confidence",
     "A: census or systematic survey; B: recent single study or official estimate; "
     "C: old, extrapolated or hypothesis."),
    ("curation", "text", "Curation", "How the figure was obtained: census, as reported, extrapolated, hypothesis."),
    ("coverage", "text", "Coverage", "What part of the country or sector the figure covers."),
    ("source", "text", "Source", "The citation of the source that states the figure."),
    ("source_url", "text", "Source URL", "The page that states the figure."),
    ("note", "text", "Note", "The curators' note on the figure."),
]


def fields() -> list[dict[str, Any]]:
    return [{"id": name, "type": kind, "info": {"label": label, "notes": notes}}
            for name, kind, label, notes in FIELDS]


def records(estimates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{name: (estimate.get(name) if estimate.get(name) not in ("", None) else None)
             for name, *_ in FIELDS} for estimate in estimates]


def publish(context: dict[str, Any], package: dict[str, Any]) -> str | None:
    """Create or refresh a dataset's estimates table; return its resource id."""
    estimates = package.get("estimates") or []
    if not estimates:
        return None
    table = next((r for r in package.get("resources") or []
                  if r.get("url_type") == "datastore" and r.get("name") == TABLE_NAME), None)
    action = tk.get_action
    if table is None:
        created = action("datastore_create")(dict(context), {
            "resource": {"package_id": package["id"], "name": TABLE_NAME, "format": "CSV",
                         "description": TABLE_DESCRIPTION},
            "fields": fields(), "records": records(estimates), "force": True,
            "calculate_record_count": True})
        return created["resource_id"]
    # Small tables: counted at once rather than by a job per table on the worker's queue.
    action("datastore_delete")(dict(context), {"resource_id": table["id"], "filters": {}, "force": True,
                                               "calculate_record_count": False})
    action("datastore_create")(dict(context), {"resource_id": table["id"], "fields": fields(),
                                               "records": records(estimates), "force": True,
                                               "calculate_record_count": True})
    return table["id"]


def publish_all(context: dict[str, Any]) -> int:
    """Every seeded country and global dataset's table; returns how many."""
    names = [name for (name,) in model.Session.query(model.Package.name).filter(
        model.Package.name.like("asm-people-%"), model.Package.state == "active")]
    done = 0
    for name in sorted(names):
        package = tk.get_action("package_show")(dict(context), {"id": name})
        done += publish(context, package) is not None
    return done
