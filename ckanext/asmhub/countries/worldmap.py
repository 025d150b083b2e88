"""The thematic world maps of the home page and ``/country``: the sector country by country.

One layer at a time (people in ASM, women's share, the share in gold, data solidity),
chosen with ``?map=<layer>``: every country of Natural Earth (``atlas.world_paths``)
drawn by the hub as SVG on the server, so the maps need no script, no library and no
tile server. A country with a figure is filled with its class's colour and links to its
profile; a country with none is hatched, never shown as zero. Each country's title
gives its figure with the range, year and source; the Countries table is the same
data as text.
"""
from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import Any, NamedTuple
from urllib.parse import urlencode

from markupsafe import Markup, escape

import ckan.plugins.toolkit as tk

from ..maps import atlas, extents
from ..localisation import N_
from . import display, figures

LAYERS = ("people", "women", "gold", "solidity")
DEFAULT_LAYER = "people"

PEOPLE_BREAKS = (10_000, 50_000, 200_000, 1_000_000)
SHARE_BREAKS = {"women": (10, 25, 40, 50), "gold": (20, 40, 60, 80)}
SOLIDITY_CLASS = {"weak": 1, "fair": 2, "solid": 3}

# Light to dark, so each layer also reads in grey; the hub's earth, plum, gold and slate.
PALETTES = {
    "people": ("#f8e7c4", "#eebf74", "#d28b35", "#9c5a1c", "#5e3311"),
    "women": ("#f1e2ef", "#d9abd3", "#b676b0", "#86468a", "#52214f"),
    "gold": ("#fbf0bf", "#f1d064", "#d7a21c", "#a3720d", "#624306"),
    "solidity": ("#d5e6ee", "#74a9c2", "#1f5f7a"),
}
NO_DATA = "url(#asmhub-nodata)"
STROKE = "#ffffff"


class Entry(NamedTuple):
    """One country on one layer: its class (None: no figure), what its title says,
    and the figures behind it (for the sources and years under the map)."""
    cls: int | None
    text: str
    used: tuple[dict[str, Any], ...]


def layer_of(value: str | None) -> str:
    return value if value in LAYERS else DEFAULT_LAYER


def magnitude(estimate: dict[str, Any] | None) -> float | None:
    """The number a country is classed by: the central figure, else the middle of its
    range, else its one bound."""
    if not estimate:
        return None
    if estimate["central"] is not None:
        return float(estimate["central"])
    bounds = [b for b in (estimate["low"], estimate["high"]) if b is not None]
    return sum(bounds) / len(bounds) if bounds else None


def share(part: dict[str, Any] | None, whole: dict[str, Any] | None) -> float | None:
    """A share in percent: as published, or worked out from a count and the count of
    everyone in ASM (capped at 100)."""
    value = magnitude(part)
    if value is None:
        return None
    if part["unit"] == "percent":
        return min(value, 100.0)
    total = magnitude(whole)
    if not total or part["unit"] != (whole or {}).get("unit"):
        return None
    return min(value / total * 100, 100.0)


def classify(value: float, breaks: tuple[float, ...]) -> int:
    """1 for values under the first break, up to len(breaks) + 1."""
    return 1 + sum(value >= b for b in breaks)


def _dated(estimate: dict[str, Any]) -> str:
    year = display.year(estimate)
    source = estimate["source"] or estimate["dataset_title"]
    return tk._("{year}, {source}").format(year=year, source=source) if source else year


def _no_figure(name: str, row: dict[str, Any] | None) -> str:
    info = (row or {}).get("documented") or {}
    if info.get("status") == "documented":
        return tk._("{country}: ASM documented, no figure published").format(country=name)
    return tk._("{country}: no figure").format(country=name)


def _people(name: str, row: dict[str, Any]) -> Entry:
    best = row["people"]
    value = magnitude(best)
    if value is None:
        return Entry(None, _no_figure(name, row), ())
    text = tk._("{country}: {figure} ({dated})").format(
        country=name, figure=display.value(best), dated=_dated(best))
    return Entry(classify(value, PEOPLE_BREAKS), text, (best,))


def _share_of(name: str, row: dict[str, Any], layer: str) -> Entry:
    part, whole = row[layer], row["people"]
    value = share(part, whole)
    if not part:
        return Entry(None, _no_figure(name, row), ())
    number = display.number(round(value or 0), "percent")
    women = layer == "women"
    if value is None:
        text = (tk._("{country}: {figure} are women ({dated}); no figure of all people in ASM to compare")
                if women else
                tk._("{country}: {figure} mine gold ({dated}); no figure of all people in ASM to compare"))
        return Entry(None, text.format(country=name, figure=display.value(part), dated=_dated(part)), (part,))
    if part["unit"] == "percent":
        text = (tk._("{country}: women are {share} of people in ASM ({dated})") if women else
                tk._("{country}: {share} of people in ASM mine gold ({dated})"))
        return Entry(classify(value, SHARE_BREAKS[layer]),
                     text.format(country=name, share=number, dated=_dated(part)), (part,))
    text = (tk._("{country}: women are {share} of people in ASM: {figure} ({dated}) of {total} ({total_dated})")
            if women else
            tk._("{country}: {share} of people in ASM mine gold: {figure} ({dated}) of {total} ({total_dated})"))
    return Entry(classify(value, SHARE_BREAKS[layer]),
                 text.format(country=name, share=number, figure=display.value(part), dated=_dated(part),
                             total=display.value(whole), total_dated=_dated(whole)), (part, whole))


def _solidity(name: str, row: dict[str, Any]) -> Entry:
    solidity = row["solidity"]
    cls = SOLIDITY_CLASS.get(solidity["level"])
    if cls is None:
        return Entry(None, _no_figure(name, row), ())
    text = tk.ungettext("{country}: data solidity {level} ({points} point)",
                        "{country}: data solidity {level} ({points} points)",
                        solidity["points"]).format(
        country=name, level=display.solidity(solidity["level"])["label"], points=solidity["points"])
    return Entry(cls, text, tuple(e for e in (row["people"] or row["gold"],) if e))


def entry(layer: str, iso3: str, row: dict[str, Any] | None) -> Entry:
    name = display.country(iso3)
    if row is None:
        return Entry(None, _no_figure(name, None), ())
    if layer == "people":
        return _people(name, row)
    if layer == "solidity":
        return _solidity(name, row)
    return _share_of(name, row, layer)


def legend(layer: str) -> list[dict[str, Any]]:
    """The classes of a layer, each with its colour and words; "no figure" last."""
    colours = PALETTES[layer]
    if layer == "solidity":
        labels = [display.solidity(level)["label"] for level in ("weak", "fair", "solid")]
    else:
        breaks = PEOPLE_BREAKS if layer == "people" else SHARE_BREAKS[layer]
        unit = "" if layer == "people" else "percent"
        shown = [display.number(b, unit) for b in breaks]
        labels = ([tk._("under {n}").format(n=shown[0])]
                  + [tk._("{low} to {high}").format(low=a, high=b) for a, b in pairwise(shown)]
                  + [tk._("{n} or more").format(n=shown[-1])])
    classes = [{"cls": i + 1, "colour": colour, "label": label}
               for i, (colour, label) in enumerate(zip(colours, labels, strict=True))]
    return classes + [{"cls": None, "colour": NO_DATA, "label": tk._("No figure")}]


def summary(entries: dict[str, Entry], top: int = 3) -> dict[str, Any]:
    """What the coloured countries rest on: how many, the years and the main sources."""
    coloured = [e for e in entries.values() if e.cls is not None]
    used = [f for e in coloured for f in e.used]
    years = sorted(figures.year(f) for f in used if figures.year(f))
    sources = Counter()
    for e in coloured:
        for source in {f["source"] or f["dataset_title"] for f in e.used}:
            sources[source] += 1
    ranked = sorted(sources.items(), key=lambda item: (-item[1], item[0]))
    return {"countries": len(coloured), "first": years[0] if years else None,
            "last": years[-1] if years else None,
            "sources": [{"source": s, "countries": n} for s, n in ranked[:top]],
            "more": max(len(ranked) - top, 0)}


def _swatch(colour: str) -> Markup:
    return Markup(
        '<svg class="asmhub-swatch" width="22" height="14" viewBox="0 0 22 14" aria-hidden="true" focusable="false">'
        f'<rect x="0.5" y="0.5" width="21" height="13" fill="{escape(colour)}" stroke="#6b6b6b"/></svg>')


def _hatch(pattern_id: str) -> str:
    return (f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="5" height="5" '
            f'patternTransform="rotate(45)"><rect width="5" height="5" fill="#f3f3f3"/>'
            f'<line x1="0" y1="0" x2="0" y2="5" stroke="#9a9a9a" stroke-width="1.4"/></pattern>')


TITLES = {
    "people": N_("People working in artisanal and small-scale mining, per country"),
    "women": N_("Women's share of people working in ASM, per country"),
    "gold": N_("Share of people working in ASM who mine gold, per country"),
    "solidity": N_("How solid each country's figure of people in ASM is"),
}


def svg(layer: str, rows: dict[str, dict[str, Any]], entries: dict[str, Entry], map_id: str) -> Markup:
    """The map itself: every country a path, linked to its profile when the hub lists it."""
    world = atlas.world_paths()
    colours = PALETTES[layer]
    coloured = sum(e.cls is not None for e in entries.values())
    described = tk.ungettext(
        "{n} country is coloured by its figure; the others, with no figure, are hatched. "
        "The Countries table gives every figure as text.",
        "{n} countries are coloured by their figure; the others, with no figure, are hatched. "
        "The Countries table gives every figure as text.", coloured).format(n=coloured)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {world.width} {world.height}" width="100%" '
        f'class="asmhub-worldmap" data-layer="{layer}" role="group" '
        f'aria-labelledby="{map_id}-title" aria-describedby="{map_id}-desc">',
        f'<title id="{map_id}-title">{escape(tk._(TITLES[layer]))}</title>',
        f'<desc id="{map_id}-desc">{escape(described)}</desc>',
        f'<defs>{_hatch("asmhub-nodata")}</defs>',
        f'<path class="asmhub-worldmap-sea" d="{world.sphere}" fill="#e6f0f5"/>',
        f'<path d="{world.graticule}" fill="none" stroke="#c9d9e2" stroke-width="0.6"/>',
    ]
    drawn = set()
    shapes = [(iso3, name, d) for iso3, name, d in world.countries if d]
    # A country too small for the 1:110m atlas (Cabo Verde) is a dot where its box is.
    for iso3 in sorted(set(rows) - {iso3 for iso3, _, _ in shapes}):
        box = extents.country_boxes().get(iso3)
        if box:
            x, y = world.locate((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            shapes.append((iso3, "", f"M{x - 3.5:.1f} {y:.1f}a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0-7 0z"))
    for iso3, natural_earth_name, d in shapes:
        e = entries.get(iso3) if iso3 else None
        if e is None:
            e = Entry(None, _no_figure(display.country(iso3) if iso3 else natural_earth_name, None), ())
        fill = colours[e.cls - 1] if e.cls else NO_DATA
        shape = (f'<path d="{d}" fill="{fill}" stroke="{STROKE}" stroke-width="0.5" fill-rule="evenodd">'
                 f'<title>{escape(e.text)}</title></path>')
        if iso3 and iso3 in rows and iso3 not in drawn:
            drawn.add(iso3)
            url = tk.url_for("asmhub_countries.read", code=iso3)
            shape = f'<a href="{escape(url)}" aria-label="{escape(e.text)}" data-iso3="{iso3}">{shape}</a>'
        parts.append(shape)
    parts.append("</svg>")
    return Markup("".join(parts))


def layer_url(layer: str) -> str:
    """This page with another layer (its other parameters kept), scrolled to the map."""
    args = {k: v for k, v in tk.request.args.items() if k != "map"}
    if layer != DEFAULT_LAYER:
        args["map"] = layer
    query = urlencode(args)
    return f"{tk.request.path}{'?' + query if query else ''}#asmhub-worldmap"


LAYER_LABELS = {
    "people": N_("People in ASM"),
    "women": N_("Women's share"),
    "gold": N_("Share in gold"),
    "solidity": N_("Data solidity"),
}


def world_map(rows: list[dict[str, Any]], layer: str | None = None, map_id: str = "worldmap") -> dict[str, Any]:
    """Everything the map snippet shows: the layer switch, the SVG, its legend and sources."""
    layer = layer_of(layer)
    by_code = {row["iso3"]: row for row in rows}
    codes = {iso3 for iso3, _, _ in atlas.world_paths().countries if iso3} | set(by_code)
    entries = {iso3: entry(layer, iso3, by_code.get(iso3)) for iso3 in codes}
    return {
        "layer": layer,
        "layers": [{"key": key, "label": tk._(LAYER_LABELS[key]), "url": layer_url(key), "current": key == layer}
                   for key in LAYERS],
        "title": tk._(TITLES[layer]),
        "svg": svg(layer, by_code, entries, map_id),
        "legend": [{**item, "swatch": _swatch(item["colour"] if item["cls"] else "url(#asmhub-nodata-key)")}
                   for item in legend(layer)],
        "hatch": Markup(f'<svg width="0" height="0" aria-hidden="true" focusable="false" class="asmhub-defs">'
                        f'<defs>{_hatch("asmhub-nodata-key")}</defs></svg>'),
        "summary": summary(entries),
    }
