"""``/country.csv`` and ``/country.json``: every figure of the Countries table, with its citation.

The JSON keeps the table's shape (a country with its best figures) and adds
every figure; the CSV is long, one row per figure, so that a spreadsheet can
filter and pivot it. A country with no figure gets one row naming the source
that documents ASM there. The columns are documented in docs/countries.md.
"""
from __future__ import annotations

import csv
import io
from typing import Any

import ckan.plugins.toolkit as tk

from ..security.spreadsheet import FORMULA_STARTS
from . import display, figures, regions

HEADLINE_KEYS = (("people", figures.PEOPLE), ("women", figures.WOMEN), ("gold", figures.GOLD_MINERS))
FIGURE_KEYS = ("indicator", "low", "central", "high", "unit", "ref_year", "pub_year", "confidence",
               "curation", "coverage", "source", "source_url", "source_record_url", "note", "dataset_url")
CSV_COLUMNS = ("iso3", "country", "region", "subregion", "status", "best", *FIGURE_KEYS,
               "key_minerals", "solidity", "profile_url")


def _url(endpoint: str, name: str) -> str:
    return tk.url_for(endpoint, id=name, _external=True) if name else ""


def figure(estimate: dict[str, Any] | None) -> dict[str, Any] | None:
    if not estimate:
        return None
    return {**{k: estimate.get(k) for k in FIGURE_KEYS if not k.endswith("_url") or k == "source_url"},
            "source_record_url": _url("library.read", estimate.get("source_record", "")),
            "dataset_url": _url("dataset.read", estimate.get("dataset", ""))}


def _status(row: dict[str, Any]) -> str:
    """quantified (a figure is known), documented or likely (per the evidence), or catalogue."""
    if row["estimates"]:
        return "quantified"
    return (row.get("documented") or {}).get("status") or "catalogue"


def _documented_by(row: dict[str, Any]) -> dict[str, str] | None:
    info = row.get("documented") or {}
    if info.get("status") not in ("documented", "likely"):
        return None
    return {"source": info["source"], "source_url": info["source_url"], "note": info["note"],
            "source_record_url": _url("library.read", info["source_record"])}


def rows(table_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The JSON's countries: the table's best figures, then every figure, best first."""
    return [{
        "iso3": row["iso3"], "country": display.country(row["iso3"]),
        "region": regions.name(row["region"]), "subregion": regions.name(row["subregion"]),
        "status": _status(row), "documented_by": _documented_by(row),
        **{key: figure(row[key]) for key, _ in HEADLINE_KEYS},
        "figures": [figure(e) for e in row["estimates"]],
        "key_minerals": row["minerals"], "datasets": row["datasets"], "documents": row["documents"],
        "solidity": row["solidity"]["level"], "solidity_points": row["solidity"]["points"],
        "profile_url": tk.url_for("asmhub_countries.read", code=row["iso3"], _external=True),
    } for row in table_rows]


def safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet will show, never run: a leading '=' '+' '-' '@' gets a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def to_csv(table_rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for country in rows(table_rows):
        base = {"iso3": country["iso3"], "country": country["country"], "region": country["region"],
                "subregion": country["subregion"], "status": country["status"],
                "key_minerals": ";".join(country["key_minerals"]), "solidity": country["solidity"],
                "profile_url": country["profile_url"]}
        shown = [country[key] for key, _ in HEADLINE_KEYS if country[key]]
        lines = [{**base, **f, "best": "yes" if f in shown else "no"} for f in country["figures"]]
        for line in lines or [{**base, **(country["documented_by"] or {})}]:
            writer.writerow({k: safe_cell(line.get(k)) for k in CSV_COLUMNS})
    return out.getvalue()
