"""``/country``, ``/country/<ISO3>`` and the table downloads; ``/theme`` and ``/theme/<slug>``."""
from __future__ import annotations

import datetime
import json
from typing import Any, Callable

from flask import Blueprint, Response, redirect, request

import ckan.plugins.toolkit as tk

from .. import helpers as hub_helpers
from ..metadata import vocabularies as v
from . import aggregate, cache, charts, display, export, figures, regions

countries = Blueprint("asmhub_countries", __name__)
themes = Blueprint("asmhub_themes", __name__)


def unavailable(error: cache.Unavailable) -> tuple[str, int]:
    """Figures that cannot be computed right now: a page that says so, never a 500."""
    return tk.render("asmhub/countries/unavailable.html"), 503


countries.register_error_handler(cache.Unavailable, unavailable)
themes.register_error_handler(cache.Unavailable, unavailable)


def _central(key: str) -> Callable[[dict[str, Any]], Any]:
    def value(row: dict[str, Any]) -> Any:
        estimate = row[key]
        if not estimate:
            return None
        return estimate["central"] if estimate["central"] is not None else estimate["high"] or estimate["low"]
    return value


SORTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "country": lambda row: display.country(row["iso3"]).lower(),
    "people": _central("people"),
    "women": _central("women"),
    "gold": _central("gold"),
    "year": lambda row: figures.year(row["people"]) if row["people"] else None,
    "datasets": lambda row: row["datasets"],
    "documents": lambda row: row["documents"],
    "solidity": lambda row: None if row["solidity"]["points"] is None else row["solidity"]["points"],
}
DEFAULT_SORT = ("people", "desc")


def _arg(name: str, allowed: Any) -> str:
    value = request.args.get(name, "")
    return value if value in allowed else ""


def select_rows() -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The table's rows after the visitor's filters and sort (unknown values are ignored)."""
    rows = aggregate.table()["rows"]
    region_codes = {code for row in rows for code in (row["region"], row["subregion"]) if code}
    chosen = {
        "region": _arg("region", region_codes),
        "mineral": _arg("mineral", v.MINERALS),
        "solidity": _arg("solidity", figures.SOLIDITY_LEVELS),
        "sort": _arg("sort", SORTS) or DEFAULT_SORT[0],
    }
    chosen["dir"] = _arg("dir", ("asc", "desc")) or ("asc" if chosen["sort"] == "country" else "desc")
    if chosen["region"]:
        rows = [r for r in rows if chosen["region"] in (r["region"], r["subregion"])]
    if chosen["mineral"]:
        rows = [r for r in rows if chosen["mineral"] in r["minerals"]]
    if chosen["solidity"]:
        rows = [r for r in rows if r["solidity"]["level"] == chosen["solidity"]]
    key = SORTS[chosen["sort"]]
    known = sorted((r for r in rows if key(r) is not None), key=key, reverse=chosen["dir"] == "desc")
    # Rows without a figure stay at the bottom whichever way the column is sorted.
    unknown = sorted((r for r in rows if key(r) is None), key=SORTS["country"])
    return known + unknown, chosen


def _sort_links(chosen: dict[str, str]) -> dict[str, dict[str, str]]:
    """Per column: the URL that sorts by it (the other way if it is the current sort)."""
    links = {}
    filters = {k: chosen[k] for k in ("region", "mineral", "solidity") if chosen[k]}
    for key in SORTS:
        first = "asc" if key == "country" else "desc"
        current = chosen["dir"] if chosen["sort"] == key else ""
        direction = ("desc" if current == "asc" else "asc") if current else first
        links[key] = {"url": tk.url_for("asmhub_countries.index", sort=key, dir=direction, **filters),
                      "aria": {"asc": "ascending", "desc": "descending"}.get(current, "none")}
    return links


@countries.route("/country")
def index() -> str:
    rows, chosen = select_rows()
    filters = {k: chosen[k] for k in ("region", "mineral", "solidity", "sort", "dir") if chosen[k]}
    all_rows = aggregate.table()["rows"]
    present = {code for row in all_rows for code in (row["region"], row["subregion"]) if code}
    minerals = sorted({m for row in all_rows for m in row["minerals"]}, key=list(v.MINERALS).index)
    return tk.render("asmhub/countries/index.html", extra_vars={
        "rows": rows, "total": len(all_rows), "chosen": chosen,
        "region_choices": regions.choices(present), "mineral_choices": minerals,
        "solidity_levels": figures.SOLIDITY_LEVELS, "computed": aggregate.table()["computed"],
        "sort_links": _sort_links(chosen),
        "downloads": {fmt: tk.url_for("asmhub_countries.download", fmt=fmt, **filters)
                      for fmt in ("csv", "json")},
    })


@countries.route("/country.<fmt>")
def download(fmt: str) -> Response:
    if fmt not in ("csv", "json"):
        return tk.abort(404, tk._("Downloads are available as .csv and .json"))
    rows, chosen = select_rows()
    headers = {"Content-Disposition": f"attachment; filename=asmhub-countries.{fmt}"}
    if fmt == "csv":
        return Response(export.to_csv(rows), mimetype="text/csv", headers=headers)
    body = {
        "title": tk._("ASM Hub: people working in artisanal and small-scale mining, by country"),
        "computed": aggregate.table()["computed"],
        "filters": {k: chosen[k] for k in ("region", "mineral", "solidity") if chosen[k]},
        "solidity_rule": display.solidity_rule(),
        "note": tk._("Every figure carries its reference year, publication year and source; cite the "
                     "original source. Empty values mean no figure is known."),
        "countries": export.rows(rows),
    }
    return Response(json.dumps(body, ensure_ascii=False, indent=1), mimetype="application/json",
                    headers=headers)


@countries.route("/country/sources")
def sources() -> str:
    """Every source with the figures it supplies, and how the best estimate is chosen."""
    listed = aggregate.sources()
    return tk.render("asmhub/countries/sources.html", extra_vars={
        "sources": listed, "figures": sum(s["figures"] for s in listed),
        "computed": aggregate.table()["computed"]})


@countries.route("/country/<code>")
def read(code: str) -> Any:
    if code.upper() != code:
        return redirect(tk.url_for("asmhub_countries.read", code=code.upper()), 301)
    if code not in v.countries():
        return tk.abort(404, tk._("There is no country with the code {code}").format(code=code))
    profile = aggregate.profile(code)
    name = display.country(code)
    series = []
    for s in profile["series"]:
        # An indicator counted in several units gets a chart per unit, each titled with it.
        heading = hub_helpers.asmhub_indicator_label(s["indicator"])
        unit = v.UNITS.get(s["unit"])
        if unit:
            heading += " (" + tk._(unit).replace("{value}", "…").strip() + ")"
        chart_id = "chart-" + "-".join(filter(None, (s["indicator"], s["unit"].replace(" ", "-"))))
        series.append({**s, "heading": heading, "chart": charts.estimates_chart(
            s["estimates"], tk._("{indicator} in {country}").format(indicator=heading, country=name), chart_id)})
    extent = profile["extent"] and charts.extent_map(
        profile["extent"], tk._("Area covered by datasets on {country}").format(country=name), "extent", code)
    newest = profile["newest_year"]
    return tk.render("asmhub/countries/read.html", extra_vars={
        "country": profile, "name": name, "series": series, "extent": extent,
        "age": datetime.date.today().year - newest if newest else None,
    })


@themes.route("/theme", endpoint="index")
def theme_index() -> str:
    return tk.render("asmhub/themes/index.html", extra_vars={"themes": aggregate.themes()["themes"]})


@themes.route("/theme/<slug>", endpoint="read")
def theme_read(slug: str) -> str:
    if slug not in v.THEMES:
        return tk.abort(404, tk._("There is no theme {slug}").format(slug=slug))
    return tk.render("asmhub/themes/read.html", extra_vars={"theme": aggregate.theme(slug)})
