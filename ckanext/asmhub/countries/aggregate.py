"""The aggregates behind the Countries table, country and theme pages and the home page.

Each is computed from the public catalogue (``catalogue``) and cached per
catalogue version (``cache``); values are plain JSON so any process can share
them through Redis.
"""
from __future__ import annotations

import datetime
import json
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any, Iterable

import ckan.plugins.toolkit as tk

from ..metadata import vocabularies as v
from ..evidence import files as evidence_files
from . import cache, catalogue, facets, figures, regions

LIST_SIZE = 8
# A chart of more estimates than this is unreadable; the page says how many are left out.
CHART_LIMIT = 60
EXTENT_SAMPLE = 100


def document_types() -> list[str]:
    return tk.config.get("ckanext.asmhub.document_types")


def _kind(dataset_type: str) -> str | None:
    """"datasets", "documents", or None for other types (e.g. harvest sources)."""
    if dataset_type in document_types():
        return "documents"
    return "datasets" if dataset_type == "dataset" else None


def _type_filter(kind: str) -> str:
    types = ["dataset"] if kind == "datasets" else document_types()
    return "dataset_type:(%s)" % " OR ".join(f'"{t}"' for t in types)


@lru_cache(maxsize=1)
def documented() -> dict[str, dict[str, Any]]:
    """Countries where the hub's evidence knows of ASM, each with what documents it.

    Every one is listed, with a dash where no approved figure is known; for a
    country without any published figure the dash names the source that
    documents ASM there (status "documented" or "likely").
    """
    evidence = evidence_files.load()
    known: dict[str, dict[str, Any]] = {
        r["iso3"]: {"status": "quantified"} for r in evidence.estimates if r["iso3"] != evidence_files.WORLD}
    for row in evidence.countries:
        source = evidence.sources[row["source_code"]]
        known[row["iso3"]] = {"status": row["status"], "source": evidence_files.citation(source),
                              "source_url": row["source_url"], "note": row.get("note") or "",
                              "source_record": evidence_files.record_name(row["source_code"])}
    return known


def _ranked_codes(counter: Counter, vocabulary: dict[str, Any]) -> list[str]:
    order = list(vocabulary)
    return sorted((c for c in counter if c in vocabulary), key=lambda c: (-counter[c], order.index(c)))


def _listing(doc: dict[str, Any]) -> dict[str, Any]:
    return {"name": doc["name"], "title": doc.get("title") or doc["name"],
            "type": doc["dataset_type"], "created": doc.get("metadata_created") or "",
            "modified": doc.get("metadata_modified") or ""}


class _Country:
    """What the catalogue says about one country, from the facet counts."""

    def __init__(self) -> None:
        self.estimates: list[dict[str, Any]] = []
        self.minerals: Counter = Counter()
        self.themes: Counter = Counter()
        self.counts = {"datasets": 0, "documents": 0}

    def add_type(self, dataset_type: str, count: int) -> None:
        kind = _kind(dataset_type)
        if kind:
            self.counts[kind] += count

    def summary(self, iso3: str) -> dict[str, Any]:
        region, subregion = regions.of(iso3)
        heads = {key: figures.best(self.estimates, indicator) for key, indicator in
                 (("people", figures.PEOPLE), ("women", figures.WOMEN), ("gold", figures.GOLD_MINERS))}
        years = [figures.year(e) for e in self.estimates if figures.year(e)]
        return {
            "iso3": iso3, "region": region, "subregion": subregion, **heads,
            # Most often named first; the pages show the first few, filters use them all.
            "minerals": _ranked_codes(self.minerals, v.MINERALS),
            "themes": _ranked_codes(self.themes, v.THEMES),
            **self.counts,
            "solidity": figures.solidity(self.estimates),
            "figures": len(self.estimates),
            "newest_year": max(years) if years else None,
            # Every figure, best first: what the downloads carry.
            "estimates": figures.ranked(self.estimates),
        }


def _countries(counts: dict[str, dict[str, int]], only: str | None = None) -> dict[str, _Country]:
    """Per country, what the facet counts of ``facets.FIELDS`` say."""
    known = v.countries()
    countries: dict[str, _Country] = defaultdict(_Country)
    for iso3, dataset_type, n in facets.pairs(counts[facets.TYPE], only):
        if iso3 in known:
            countries[iso3].add_type(dataset_type, n)
    for field, attribute in ((facets.MINERAL, "minerals"), (facets.THEME, "themes")):
        for iso3, code, n in facets.pairs(counts[field], only):
            if iso3 in known:
                getattr(countries[iso3], attribute)[code] += n
    for iso3, estimate in facets.estimates(counts[facets.FIGURE], only):
        if iso3 in known:
            countries[iso3].estimates.append(estimate)
    return countries


def _extent(spatial: Any) -> list[float] | None:
    """[minx, miny, maxx, maxy] of a GeoJSON geometry, or None."""
    try:
        geometry = json.loads(spatial) if isinstance(spatial, str) else spatial
        points: list[Any] = [geometry["coordinates"]]
        xs, ys = [], []
        while points:
            item = points.pop()
            if item and isinstance(item[0], (int, float)):
                xs.append(float(item[0]))
                ys.append(float(item[1]))
            else:
                points.extend(item)
    except (TypeError, ValueError, KeyError, IndexError):
        return None
    return [min(xs), min(ys), max(xs), max(ys)] if xs else None


def _union(extents: Iterable[list[float]]) -> list[float] | None:
    extents = list(extents)
    if not extents:
        return None
    return [min(e[0] for e in extents), min(e[1] for e in extents),
            max(e[2] for e in extents), max(e[3] for e in extents)]


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


# The Countries table ---------------------------------------------------------

def table() -> dict[str, Any]:
    """One row per seeded country and per country any public dataset covers."""
    return cache.cached("countries-table", _table)


def _country_counts() -> dict[str, dict[str, int]]:
    """The pair facets of the whole public catalogue.

    No filter: only datasets covering a country carry pairs, and a request
    with none is counted from the counts the index keeps, at any size.
    """
    return facets.counts("")


def _table() -> dict[str, Any]:
    countries = _countries(_country_counts())
    known = documented()
    codes = sorted(set(countries) | set(known))
    return {"rows": [{**(countries[c] if c in countries else _Country()).summary(c),
                      "documented": known.get(c)} for c in codes],
            "computed": _now()}


# Sources and method -------------------------------------------------------------

def sources() -> list[dict[str, Any]]:
    """Every source behind the Countries table: how many figures and countries it supplies,
    most figures first, and the countries where it documents ASM without a figure."""
    found: dict[str, dict[str, Any]] = {}

    def entry(item: dict[str, Any]) -> dict[str, Any]:
        key = item.get("source_record") or " ".join(item["source"].lower().split())
        return found.setdefault(key, {"source": item["source"], "source_record": item.get("source_record", ""),
                                      "figures": 0, "countries": set(), "documented_in": set(),
                                      "indicators": set()})

    for row in table()["rows"]:
        for estimate in row["estimates"]:
            if estimate["source"]:
                source = entry(estimate)
                source["figures"] += 1
                source["countries"].add(row["iso3"])
                source["indicators"].add(estimate["indicator"])
        info = row.get("documented") or {}
        if info.get("status") in ("documented", "likely"):
            entry(info)["documented_in"].add(row["iso3"])
    listed = [{**s, "countries": sorted(s["countries"]), "documented_in": sorted(s["documented_in"]),
               "indicators": [i for i in v.INDICATORS if i in s["indicators"]]} for s in found.values()]
    return sorted(listed, key=lambda s: (-s["figures"], -len(s["documented_in"]), v.sort_key(s["source"])))


# A country's profile ----------------------------------------------------------

def profile(iso3: str) -> dict[str, Any]:
    return cache.cached(f"country:{iso3}", lambda: _profile(iso3))


def _profile(iso3: str) -> dict[str, Any]:
    fq = f'countries:"{iso3}"'
    country = _countries(_country_counts(), iso3).get(iso3) or _Country()
    summary = {**country.summary(iso3), "documented": documented().get(iso3)}
    # One chart per indicator and unit: a share and a count never share an axis.
    by_series: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for estimate in figures.ranked(country.estimates):
        by_series[(estimate["indicator"], estimate["unit"])].append(estimate)
    order = list(figures.HEADLINES) + [i for i in v.INDICATORS if i not in figures.HEADLINES]
    units = Counter(indicator for indicator, _ in by_series)
    series = [{"indicator": i, "unit": unit if units[i] > 1 else "", "estimates": by_series[(i, unit)][:CHART_LIMIT],
               "total": len(by_series[(i, unit)])}
              for i, unit in sorted(by_series, key=lambda key: (order.index(key[0]) if key[0] in order
                                                                else len(order), key[1]))]
    listings = {kind: [_listing(catalogue.shaped(d))
                       for d in catalogue.newest(f"{fq} {_type_filter(kind)}", LIST_SIZE)]
                for kind in ("datasets", "documents")}
    latest = catalogue.search(q="*:*", fq=fq, rows=1, sort="metadata_modified desc", fl=["metadata_modified"])
    # The extent: the union of the boxes of the newest datasets on this country alone.
    located = catalogue.search(q="*:*", fq=f"{fq} spatial:*", rows=EXTENT_SAMPLE,
                               sort="metadata_modified desc", fl=["countries", "spatial"])["results"]
    extents = [_extent(d.get("spatial")) for d in map(catalogue.shaped, located) if d["countries"] == [iso3]]
    return {**summary, "series": series, "listings": listings,
            "modified": latest["results"][0]["metadata_modified"] if latest["results"] else "",
            "extent": _union(e for e in extents if e), "computed": _now()}


# Themes -------------------------------------------------------------------------

# The indicators that speak most directly to a theme come first on its page.
THEME_INDICATORS = {
    "livelihoods": ("asm_miners_global", "asm_miners", "dependants"),
    "production": ("asm_gold_share", "production", "asgm_miners"),
    "gender": ("women_in_asm",),
    "environment-mercury": ("mercury_use",),
    "health-safety": ("mercury_use",),
}

def themes() -> dict[str, Any]:
    """Every theme with its counts of datasets and documents."""
    def compute() -> dict[str, Any]:
        datasets = facets.counts(_type_filter("datasets"), ["themes"])["themes"]
        documents = facets.counts(_type_filter("documents"), ["themes"])["themes"]
        return {"themes": [{"slug": slug, "datasets": datasets.get(slug, 0),
                            "documents": documents.get(slug, 0)} for slug in v.THEMES]}
    return cache.cached("themes", compute)


def theme(slug: str) -> dict[str, Any]:
    return cache.cached(f"theme:{slug}", lambda: _theme(slug))


def _key_figures(values: dict[str, int], first: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Per indicator: the best world figure, and the best figure of each country."""
    world: dict[str, list[dict[str, Any]]] = defaultdict(list)
    national: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for key, estimate in facets.estimates(values):
        if key == facets.WORLD:
            world[estimate["indicator"]].append(estimate)
        else:
            national[estimate["indicator"]][key].append(estimate)
    result = []
    for indicator in list(dict.fromkeys([*first, *v.INDICATORS])):
        world_best = figures.best(world.get(indicator, ()), indicator)
        # A country whose figures all cover part of it (a region, one mineral) has no best one.
        bests = [{"iso3": iso3, "estimate": best} for iso3, items in national[indicator].items()
                 if (best := figures.best(items, indicator))]
        if world_best:
            result.append({"indicator": indicator, "world": world_best, "countries": [], "total": 0})
        elif bests:
            # Counts before shares: a share and a count are not ordered on one scale.
            bests.sort(key=lambda b: (b["estimate"]["unit"] == "percent",
                                      -(b["estimate"]["central"] or b["estimate"]["high"] or 0)))
            result.append({"indicator": indicator, "world": None,
                           "countries": bests[:LIST_SIZE], "total": len(bests)})
    return result


def _theme(slug: str) -> dict[str, Any]:
    fq = f'themes:"{slug}"'
    return {
        "slug": slug,
        "datasets": catalogue.count(f"{fq} {_type_filter('datasets')}"),
        "documents": catalogue.count(f"{fq} {_type_filter('documents')}"),
        "newest": {kind: [_listing(catalogue.shaped(d))
                          for d in catalogue.newest(f"{fq} {_type_filter(kind)}", LIST_SIZE)]
                   for kind in ("datasets", "documents")},
        "figures": _key_figures(facets.counts(fq, [facets.FIGURE])[facets.FIGURE],
                                THEME_INDICATORS.get(slug, ())),
        "computed": _now(),
    }


# The home page ----------------------------------------------------------------

def overview() -> dict[str, Any]:
    return cache.cached("home", _overview)


def _overview() -> dict[str, Any]:
    fq = " OR ".join(f'indicators:"{i}"' for i in figures.GLOBAL_INDICATORS)
    world = [e for _, e in facets.estimates(facets.counts(fq, [facets.FIGURE])[facets.FIGURE], facets.WORLD)]
    people = sorted((e for e in world if e["indicator"] == figures.GLOBAL_PEOPLE),
                    key=lambda e: (figures.year(e) or 0, e["pub_year"] or 0))
    rows = [r for r in table()["rows"] if r["people"]]
    rows.sort(key=lambda r: -(r["people"]["central"] or r["people"]["high"] or 0))
    return {
        "people": people[-CHART_LIMIT:],
        "gold_share": figures.best(world, figures.GOLD_SHARE),
        "featured": rows[:6],
        "newest": [_listing(catalogue.shaped(d))
                   for d in catalogue.newest(_type_filter("datasets"), 5)],
        "datasets": catalogue.count(_type_filter("datasets")),
        "documents": catalogue.count(_type_filter("documents")),
        "countries_with_figures": len(rows),
        "computed": _now(),
    }
