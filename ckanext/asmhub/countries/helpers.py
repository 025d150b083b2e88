"""Template helpers of the countries capability (figures as people read them)."""
from __future__ import annotations

from typing import Any, Callable

from markupsafe import Markup
from werkzeug.routing import BuildError

import ckan.plugins.toolkit as tk

from .. import helpers as hub_helpers
from . import aggregate, cache, charts, display, figures, regions, worldmap


def sector_overview() -> dict[str, Any] | None:
    """The home page's figures: global estimates (with a chart), gold share, countries;
    None when they cannot be computed right now (the home page then leaves them out)."""
    try:
        overview = dict(aggregate.overview())
    except cache.Unavailable:
        return None
    overview["chart"] = Markup("")
    if overview["people"]:
        overview["chart"] = charts.estimates_chart(
            overview["people"], hub_helpers.asmhub_indicator_label(figures.GLOBAL_PEOPLE), "chart-global")
    overview["themes"] = aggregate.themes()["themes"]
    return overview


def world_map() -> dict[str, Any] | None:
    """The thematic world map of the layer in ``?map=`` (``worldmap``); None when the
    figures cannot be computed right now."""
    try:
        rows = aggregate.table()["rows"]
    except cache.Unavailable:
        return None
    return worldmap.world_map(rows, tk.request.args.get("map"))


def country_url(iso3: str) -> str:
    return tk.url_for("asmhub_countries.read", code=iso3)


def dataset_url(listing: dict[str, Any]) -> str:
    """A dataset's or document's page, by its type's own route when it has one."""
    try:
        return tk.url_for(f"{listing['type']}.read", id=listing["name"])
    except BuildError:  # the type has no blueprint of its own
        return tk.url_for("dataset.read", id=listing["name"])


def search_url(kind: str, **filters: str) -> str | None:
    """The search page of datasets or documents with these filters (facets kept)."""
    dataset_type = "dataset" if kind == "datasets" else aggregate.document_types()[0]
    try:
        return tk.url_for(f"{dataset_type}.search", **filters)
    except BuildError:  # documents are not installed on this site
        return None


def get_helpers() -> dict[str, Callable[..., Any]]:
    return {
        "asmhub_estimate_value": display.value,
        "asmhub_estimate_exact": display.exact_text,
        "asmhub_estimate_year": display.year,
        "asmhub_estimate_is_point": display.is_point,
        "asmhub_figure_number": display.number,
        "asmhub_mineral_label": display.mineral,
        "asmhub_theme_label": display.theme,
        "asmhub_theme_description": display.theme_description,
        "asmhub_country_label": display.country,
        "asmhub_country_url": country_url,
        "asmhub_listing_url": dataset_url,
        "asmhub_search_url": search_url,
        "asmhub_region_label": regions.name,
        "asmhub_solidity": display.solidity,
        "asmhub_solidity_rule": display.solidity_rule,
        "asmhub_sector_overview": sector_overview,
        "asmhub_world_map": world_map,
    }
