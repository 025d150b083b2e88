"""Demo content from the curated evidence: ``ckan asmhub seed``.

Builds, from ``data/evidence/`` (see ``files``): the organisations behind the
main sources; one library record per cited source; one dataset per country with
every figure published for it (each linked to its source record) and one
dataset of global figures, owned by the hub's curators. Everything goes through
the action API, so the rows meet the same validators as a contributor's form.
Running it again changes nothing that is already as the data says.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from importlib.resources import files as package_files
from typing import Any, Callable, Iterator

import ckan.plugins.toolkit as tk

from ..maps import extents
from ..metadata import vocabularies as v
from .files import WORLD, Evidence, citation, load, record_name

CURATORS = "asm-hub-curators"
LICENCE = "CC-BY-SA-4.0"
# The hub holds the reference and a link, not the document: its licence is the publisher's.
LIBRARY_LICENCE = "notspecified"
# What every seeded compilation says about itself.
COMPILATION = {
    "source_type": "compilation", "language": ["en"], "update_frequency": "irregular",
    "attribution": "ASM Hub curators",
}
DOCUMENT_TYPES = {"report": "report", "web page": "website", "dataset": "dataset",
                  "census": "census", "article": "article", "policy": "policy"}
# The theme each indicator speaks to; people counts are about livelihoods.
INDICATOR_THEMES = {"women_in_asm": "gender", "production": "production", "asm_gold_share": "production",
                    "mercury_use": "environment-mercury"}
ESTIMATE_FIELDS = ("indicator", "low", "central", "high", "unit", "ref_year", "pub_year",
                   "confidence", "curation", "coverage", "source_url")


def _estimate(row: dict[str, Any], sources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    source = sources[row["source_code"]]
    estimate = {k: row.get(k) for k in ESTIMATE_FIELDS}
    estimate.update(source=citation(source), source_record=record_name(row["source_code"]),
                    note=row.get("note"))
    return {k: val for k, val in estimate.items() if val not in (None, "")}


def _themes(rows: list[dict[str, Any]]) -> list[str]:
    found = {"livelihoods"} | {INDICATOR_THEMES[r["indicator"]] for r in rows if r["indicator"] in INDICATOR_THEMES}
    return [t for t in v.THEMES if t in found]


def _years(estimates: list[dict[str, Any]]) -> dict[str, int]:
    years = sorted(int(e.get("ref_year") or e["pub_year"]) for e in estimates)
    return {"temporal_start": years[0], "temporal_end": years[-1]} if years else {}


def _by_country(evidence: Evidence) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in evidence.estimates:
        grouped[row["iso3"]].append(row)
    return grouped


def _compilation(rows: list[dict[str, Any]], sources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What a country's or the world's dataset says about its figures and their sources."""
    estimates = [_estimate(r, sources) for r in rows]
    return {
        "estimates": estimates,
        "themes": _themes(rows),
        "data_confidence": min(e["confidence"] for e in estimates),
        "license_id": LICENCE,
        "source_citation": "; ".join(sorted({e["source"] for e in estimates})),
        **COMPILATION,
        **_years(estimates),
    }


def country_datasets(evidence: Evidence | None = None) -> Iterator[dict[str, Any]]:
    evidence = evidence or load()
    for iso3, rows in sorted(_by_country(evidence).items()):
        if iso3 == WORLD:
            continue
        name = v.country_name(iso3, "en")
        compiled = _compilation(rows, evidence.sources)
        mineral_row = evidence.minerals.get(iso3)
        minerals = mineral_row["minerals"].split(";") if mineral_row else []
        key_minerals = (f"\n\nMinerals mined artisanally: {mineral_row['note'] or ', '.join(minerals)} "
                        f"({citation(evidence.sources[mineral_row['source_code']])}: "
                        f"{mineral_row['source_url']})." if mineral_row else "")
        yield {
            "name": f"asm-people-{iso3.lower()}",
            "title": f"Artisanal and small-scale mining in {name}: how many people",
            "notes": (f"Public estimates of the number of people working in artisanal and "
                      f"small-scale mining in {name}, each as its source published it: a range "
                      f"only where the source gives one, with its reference year, curation, "
                      f"confidence and the page that states it.\n\nSources: "
                      + compiled["source_citation"] + key_minerals),
            "countries": [iso3],
            "spatial": extents.countries_extent([iso3]),
            # In vocabulary order, as scheming stores multiple choices.
            "minerals": [m for m in v.MINERALS if m in minerals],
            **compiled,
        }


def global_dataset(evidence: Evidence | None = None) -> dict[str, Any]:
    evidence = evidence or load()
    return {
        "name": "asm-people-global",
        "title": "Artisanal and small-scale mining worldwide: how many people",
        "notes": "Global estimates of the number of people working in artisanal and "
                 "small-scale mining over time, each with its source. The figures come from "
                 "different methods and are not a time series of one measurement.",
        **_compilation(_by_country(evidence)[WORLD], evidence.sources),
    }


def organizations() -> list[dict[str, Any]]:
    """The organisations behind the main sources, and the hub's curators."""
    with package_files("ckanext.asmhub").joinpath("data", "organizations.csv").open(encoding="utf-8") as f:
        return [{k: val for k, val in row.items() if val} for row in csv.DictReader(f)]


def library_documents(evidence: Evidence | None = None) -> Iterator[dict[str, Any]]:
    """One library record per cited source, saying what the hub cites it for."""
    evidence = evidence or load()
    cited: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in evidence.estimates:
        cited[row["source_code"]].append(row)
    for code, source in sorted(evidence.sources.items()):
        rows = cited[code]
        countries = sorted({r["iso3"] for r in rows if r["iso3"] != WORLD})
        places = [v.country_name(c, "en") for c in countries] + (
            ["the world"] if any(r["iso3"] == WORLD for r in rows) else [])
        notes = citation(source) + "."
        if rows:
            notes += (f"\n\nThe hub cites it for {len(rows)} figure{'s' if len(rows) != 1 else ''} "
                      f"on: {', '.join(sorted(places, key=v.sort_key))}.")
        document = {
            "type": "library",
            "name": record_name(code),
            "title": source["title"],
            "notes": notes,
            "authors": source.get("authors"),
            "year": source["year"],
            "publisher": source["publisher"],
            "document_type": DOCUMENT_TYPES[source["kind"]],
            "language": (source.get("language") or "en").split(";"),
            "countries": countries,
            "themes": _themes(rows) if rows else [],
            "url": source.get("url"),
            "access": source.get("access") or "open",
            "source_citation": citation(source),
            "license_id": LIBRARY_LICENCE,
            "_organization": source.get("organization") or CURATORS,
        }
        yield {k: val for k, val in document.items() if val not in (None, "", [])}


def _plain(value: Any) -> Any:
    """Values as strings, so that 2003 and "2003" compare equal; lists of codes as sets."""
    if isinstance(value, dict):
        return {k: _plain(x) for k, x in value.items() if x not in (None, "")}
    if isinstance(value, list):
        plain = [_plain(x) for x in value]
        return sorted(plain) if all(isinstance(x, str) for x in plain) else plain
    return str(value)


def _same(existing: dict[str, Any], wanted: dict[str, Any]) -> bool:
    return all(_plain(existing.get(k)) == _plain(val) for k, val in wanted.items())


def _upsert(context: dict[str, Any], kind: str, wanted: dict[str, Any], counts: dict[str, int]) -> dict[str, Any]:
    """Create ``wanted`` (an organization or a package), or patch it to match; count which."""
    action = tk.get_action
    try:
        existing = action(f"{kind}_show")(dict(context), {"id": wanted["name"]})
    except tk.ObjectNotFound:
        counts["created"] += 1
        return action(f"{kind}_create")(dict(context), wanted)
    if _same(existing, wanted):
        counts["unchanged"] += 1
        return existing
    counts["updated"] += 1
    return action(f"{kind}_patch")(dict(context), {"id": existing["id"], **wanted})


def seed(context: dict[str, Any], progress: Callable[[list[Any]], Any] = iter) -> dict[str, int]:
    """Create or bring up to date the seeded catalogue; return what changed.

    Source records come before the datasets whose figures link to them.
    """
    evidence = load()
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    items = ([("organization", org) for org in organizations()]
             + [("package", d) for d in [*library_documents(evidence), *country_datasets(evidence),
                                         global_dataset(evidence)]])
    org_ids: dict[str, str] = {}
    for kind, wanted in progress(items):
        if kind == "organization":
            org_ids[wanted["name"]] = _upsert(context, kind, wanted, counts)["id"]
            continue
        wanted = dict(wanted)
        wanted["owner_org"] = org_ids[wanted.pop("_organization", CURATORS)]
        _upsert(context, kind, wanted, counts)
    return counts
