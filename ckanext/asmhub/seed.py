"""Demo content from real public figures: ``ckan asmhub seed``.

Builds, from the reference data in ``data/``: the organisations behind the main
sources; one dataset per country with all its estimates (each with its source,
years, confidence and curation) and one dataset of global figures, owned by the
hub's curators; and a library document for every cited report or paper, owned
by its publisher. Running it again changes nothing that is already as the data says.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from functools import lru_cache
from importlib.resources import files
from typing import Any, Callable, Iterator

import ckan.plugins.toolkit as tk

from . import maps
from . import vocabularies as v

CURATORS = "asm-hub-curators"
LICENCE = "CC-BY-SA-4.0"
# The hub holds the reference and a link, not the document: its licence is the publisher's.
LIBRARY_LICENCE = "notspecified"
# What every seeded compilation says about itself.
COMPILATION = {
    "source_type": "compilation", "language": ["en"], "update_frequency": "irregular",
    "attribution": "ASM Hub curators",
}


@lru_cache(maxsize=None)
def _sources() -> dict[str, dict[str, str]]:
    return {s["source_code"]: s for s in _rows("sources.csv")}


def _rows(name: str) -> list[dict[str, str]]:
    with files("ckanext.asmhub").joinpath("data", name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _citation(source: dict[str, str] | None, code: str) -> str:
    if not source:
        return code
    return f"{source['citation']} ({source['publisher']}, {source['year']})"


def _estimate(row: dict[str, str], sources: dict[str, dict[str, str]]) -> dict[str, Any]:
    source = sources.get(row["source_code"])
    estimate = {
        "indicator": row["indicator"],
        "low": row["low"], "central": row["central"], "high": row["high"],
        "unit": row["unit"], "ref_year": row["ref_year"], "pub_year": row["pub_year"],
        "confidence": row["confidence"], "curation": row["curation"],
        "source": _citation(source, row["source_code"]),
        "source_url": row.get("source_url") or (source or {}).get("url", ""),
        "note": row.get("notes", ""),
    }
    return {k: val for k, val in estimate.items() if val not in (None, "")}


def _best_confidence(estimates: list[dict[str, Any]]) -> str:
    return min(e.get("confidence", "C") for e in estimates)


def _years(estimates: list[dict[str, Any]]) -> dict[str, int]:
    years = sorted(int(e["ref_year"]) for e in estimates if e.get("ref_year"))
    return {"temporal_start": years[0], "temporal_end": years[-1]} if years else {}


def country_datasets() -> Iterator[dict[str, Any]]:
    sources = _sources()
    minerals = {m["iso3"]: m for m in _rows("country_minerals.csv")}
    by_country: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in _rows("asm_country_estimates.csv"):
        by_country[row["iso3"]].append(row)
    for iso3, rows in by_country.items():
        name = v.country_name(iso3, "en")
        estimates = [_estimate(r, sources) for r in rows]
        themes = ["livelihoods"] + (["gender"] if any(
            r["indicator"] == "women_in_asm" for r in rows) else [])
        mineral_row = minerals.get(iso3)
        cited = sorted({e["source"] for e in estimates})
        yield {
            "name": f"asm-people-{iso3.lower()}",
            "title": f"Artisanal and small-scale mining in {name}: how many people",
            "notes": (f"Public estimates of the number of people working in artisanal and "
                      f"small-scale mining in {name}, with the range, reference year, "
                      f"confidence and source of each figure.\n\nSources: "
                      + "; ".join(cited)
                      + (f"\n\nKey minerals: {mineral_row['notes']} "
                         f"({_citation(sources.get(mineral_row['source_code']), mineral_row['source_code'])})."
                         if mineral_row else "")),
            "countries": [iso3],
            "spatial": maps.countries_extent([iso3]),
            # In vocabulary order, as scheming stores multiple choices.
            "minerals": [m for m in v.MINERALS
                         if mineral_row and m in mineral_row["minerals"].split(";")],
            "themes": themes,
            "estimates": estimates,
            "data_confidence": _best_confidence(estimates),
            "license_id": LICENCE,
            "source_citation": "; ".join(cited),
            **COMPILATION,
            **_years(estimates),
        }


def global_dataset() -> dict[str, Any]:
    sources = _sources()
    estimates = [_estimate({**r, "confidence": "C", "curation": "as reported"}, sources)
                 for r in _rows("asm_global_figures.csv")]
    return {
        "name": "asm-people-global",
        "title": "Artisanal and small-scale mining worldwide: how many people",
        "notes": "Global estimates of the number of people working in artisanal and "
                 "small-scale mining over time, each with its source. The figures come from "
                 "different methods and are not a time series of one measurement.",
        "themes": ["livelihoods"],
        "estimates": estimates,
        "data_confidence": "C",
        "license_id": LICENCE,
        "source_citation": "; ".join(sorted({e["source"] for e in estimates})),
        **COMPILATION,
        **_years(estimates),
    }


def _codes(cell: str) -> list[str]:
    return [code for code in cell.split(";") if code]


def organizations() -> list[dict[str, Any]]:
    """The organisations behind the main sources, and the hub's curators."""
    return [{k: val for k, val in row.items() if val} for row in _rows("organizations.csv")]


def library_documents() -> Iterator[dict[str, Any]]:
    """One library document per cited report or paper, saying which figures cite it."""
    sources = _sources()
    cited_for: dict[str, set[str]] = defaultdict(set)
    for row in _rows("asm_country_estimates.csv"):
        cited_for[row["source_code"]].add(v.country_name(row["iso3"]))
    for row in _rows("asm_global_figures.csv"):
        cited_for[row["source_code"]].add("the world")
    for row in _rows("library.csv"):
        code, source = row["source_code"], sources[row["source_code"]]
        places = sorted(cited_for[code])
        document = {
            "type": "library",
            "name": f"library-{code.lower()}",
            "title": row["title"],
            "notes": (f"{source['citation']}. {source['publisher']}, {source['year']}."
                      + (f"\n\nCited by the hub for the figures on: {', '.join(places)}." if places else "")),
            "authors": row["authors"],
            "year": source["year"],
            "publisher": source["publisher"],
            "document_type": row["document_type"],
            "language": _codes(row["language"]),
            "countries": _codes(row["countries"]),
            "minerals": _codes(row["minerals"]),
            "themes": _codes(row["themes"]),
            "url": source["url"],
            "access": row["access"],
            "source_citation": _citation(source, code),
            "license_id": LIBRARY_LICENCE,
            "_organization": row["organization"],
        }
        yield {k: val for k, val in document.items() if val not in ("", [])}


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
    """Create or bring up to date the seeded catalogue; return what changed."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    items = ([("organization", org) for org in organizations()]
             + [("package", d) for d in [*country_datasets(), global_dataset(), *library_documents()]])
    org_ids: dict[str, str] = {}
    for kind, wanted in progress(items):
        if kind == "organization":
            org_ids[wanted["name"]] = _upsert(context, kind, wanted, counts)["id"]
            continue
        wanted = dict(wanted)
        wanted["owner_org"] = org_ids[wanted.pop("_organization", CURATORS)]
        _upsert(context, kind, wanted, counts)
    return counts
