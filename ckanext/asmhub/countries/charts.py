"""Server-rendered SVG: estimates over time, and a country's extent on the map around it.

Written by the hub (no chart library, so no licence to worry about). Every chart
has a title and a description for screen readers, and reads without colour:
ranges are vertical bars with caps, single figures are dots, figures dated only
by their publication year are hollow, and each mark carries the number of its
source, listed with its years under the plot.
"""
from __future__ import annotations

import math
import textwrap
from typing import Any

from markupsafe import Markup, escape

import ckan.plugins.toolkit as tk

from ..maps import atlas
from . import display, figures

WIDTH = 760
LEFT, RIGHT, TOP, PLOT_HEIGHT = 90, 24, 16, 240
LINE = 16
INK = "#1b3a4b"


def _nice_step(span: float) -> float:
    raw = span / 5 or 1
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _text(x: float, y: float, content: str, **attrs: Any) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(val)}"' for k, val in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(content)}</text>'


def _sources(estimates: list[dict[str, Any]]) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for estimate in estimates:
        numbers.setdefault(estimate["source"] or estimate["dataset_title"], len(numbers) + 1)
    return numbers


def estimates_chart(estimates: list[dict[str, Any]], title: str, chart_id: str) -> Markup:
    """Every estimate of one indicator over time, with its sources listed below."""
    dated = [e for e in estimates if figures.year(e)]
    undated = [e for e in estimates if not figures.year(e)]
    numbers = _sources(estimates)
    unit = next((e["unit"] for e in estimates if e["unit"]), "")
    plot_width = WIDTH - LEFT - RIGHT
    years = [figures.year(e) for e in dated] or [0]
    first, last = min(years) - 1, max(years) + 1
    top_value = max([v for e in dated for v in (e["low"], e["central"], e["high"]) if v is not None] or [1])
    step = _nice_step(top_value)
    y_max = step * math.ceil(top_value * 1.05 / step)

    def x_of(year: float) -> float:
        return LEFT + (year - first) / (last - first) * plot_width

    def y_of(value: float) -> float:
        return TOP + PLOT_HEIGHT - value / y_max * PLOT_HEIGHT

    parts = [f'<rect x="{LEFT}" y="{TOP}" width="{plot_width}" height="{PLOT_HEIGHT}" '
             f'fill="none" stroke="#999"/>']
    tick = 0.0
    while tick <= y_max + step / 2:
        y = y_of(tick)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_width}" y2="{y:.1f}" '
                     f'stroke="#ddd"/>')
        parts.append(_text(LEFT - 6, y + 4, display.number(tick, unit), text_anchor="end", font_size="11"))
        tick += step
    year_step = max(1, math.ceil((last - first) / 10))
    for year in range(first + 1, last, year_step) if dated else ():
        parts.append(_text(x_of(year), TOP + PLOT_HEIGHT + 16, str(year), text_anchor="middle",
                           font_size="11"))
    parts.append(_text(LEFT + plot_width / 2, TOP + PLOT_HEIGHT + 34, tk._("Year the figure describes"),
                       text_anchor="middle", font_size="12"))

    same_year: dict[int, int] = {}
    for estimate in dated:
        year = figures.year(estimate)
        slot = same_year.get(year, 0)
        same_year[year] = slot + 1
        # Figures of the same year sit side by side: 0, +10, -10, +20 px...
        x = x_of(year) + (slot + 1) // 2 * 10 * (1 if slot % 2 else -1)
        hollow = not estimate["ref_year"]
        fill = "white" if hollow else INK
        low, central, high = estimate["low"], estimate["central"], estimate["high"]
        label = display.value(estimate)
        if low is not None and high is not None:
            parts.append(f'<line x1="{x:.1f}" y1="{y_of(low):.1f}" x2="{x:.1f}" y2="{y_of(high):.1f}" '
                         f'stroke="{INK}" stroke-width="3"/>')
            for end in (low, high):
                parts.append(f'<line x1="{x - 6:.1f}" y1="{y_of(end):.1f}" x2="{x + 6:.1f}" '
                             f'y2="{y_of(end):.1f}" stroke="{INK}" stroke-width="2"/>')
        point = central if central is not None else (high if high is not None else low)
        parts.append(f'<circle cx="{x:.1f}" cy="{y_of(point):.1f}" r="5" fill="{fill}" '
                     f'stroke="{INK}" stroke-width="2"><title>{escape(label)} ({escape(display.year(estimate))})'
                     f'</title></circle>')
        parts.append(_text(x + 8, y_of(point) - 6, f"[{numbers[estimate['source'] or estimate['dataset_title']]}]",
                           font_size="11"))

    y = TOP + PLOT_HEIGHT + 58
    legend = [tk._("Bars: range from low to high. Dots: the central or single figure. "
                   "Hollow dots: dated by publication (reference year not stated).")]
    if undated:
        legend.append(tk._("Not drawn, no year given: {figures}").format(
            figures="; ".join(f"{display.value(e)} [{numbers[e['source'] or e['dataset_title']]}]"
                              for e in undated)))
    legend.append(tk._("Sources:"))
    for source, n in numbers.items():
        years = sorted({display.year(e) for e in estimates if (e["source"] or e["dataset_title"]) == source})
        legend.append(tk._("[{n}] {source}. Year: {years}").format(n=n, source=source, years="; ".join(years)))
    for entry in legend:
        for line in textwrap.wrap(entry, 112) or [""]:
            parts.append(_text(8, y, line, font_size="12"))
            y += LINE
    height = y + 4
    description = tk._("{count} estimates of {indicator} from {sources} sources, {first} to {last}.").format(
        count=len(estimates), indicator=title, sources=len(numbers),
        first=min(years) if dated else "-", last=max(years) if dated else "-")
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="asmhub-chart" '
        f'font-family="sans-serif" fill="#222">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        + "".join(parts) + "</svg>")


def _frame(extent: list[float]) -> tuple[float, float, float, float]:
    """The part of the world to show around a box: the box with a margin, 3:2 on screen."""
    minx, miny, maxx, maxy = extent
    pad = max(6.0, (maxx - minx) / 2, (maxy - miny) / 2)
    x0, x1, y0, y1 = minx - pad, maxx + pad, miny - pad, maxy + pad
    shrink = math.cos(math.radians(max(-70.0, min(70.0, (y0 + y1) / 2))))
    wide, tall = (x1 - x0) * shrink, y1 - y0
    if wide < tall * 1.5:
        grow = (tall * 1.5 / shrink - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = (wide / 1.5 - tall) / 2
        y0, y1 = y0 - grow, y1 + grow
    return max(x0, -180.0), max(y0, -90.0), min(x1, 180.0), min(y1, 90.0)


def extent_map(extent: list[float], title: str, chart_id: str, iso3: str | None = None) -> Markup:
    """The box a country's datasets cover, on Natural Earth's land and borders around it
    (the country itself shaded)."""
    minx, miny, maxx, maxy = extent
    x0, y0, x1, y1 = _frame(extent)
    shrink = math.cos(math.radians(max(-70.0, min(70.0, (y0 + y1) / 2))))
    width = 360
    k = width / ((x1 - x0) * shrink)
    height = round((y1 - y0) * k)

    def px(lon: float, lat: float) -> tuple[float, float]:
        return (lon - x0) * shrink * k, (y1 - lat) * k

    land = []
    for shape in atlas.countries("50m"):
        sx0, sy0, sx1, sy1 = shape.bounds()
        if sx1 < x0 or sx0 > x1 or sy1 < y0 or sy0 > y1:
            continue
        d = atlas.path_data([[px(*p) for p in ring] for ring in shape.rings])
        fill = "#e3c98f" if iso3 and shape.iso3 == iso3 else "#f4efe3"
        land.append(f'<path d="{d}" fill="{fill}" stroke="#7d8c97" stroke-width="0.6" fill-rule="evenodd"/>')
    bx0, by0 = px(minx, maxy)
    bx1, by1 = px(maxx, miny)
    box_w, box_h = max(bx1 - bx0, 3), max(by1 - by0, 3)
    description = tk._("Extent from {minx}° to {maxx}° longitude and {miny}° to {maxy}° latitude.").format(
        minx=round(minx, 2), maxx=round(maxx, 2), miny=round(miny, 2), maxy=round(maxy, 2))
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="asmhub-map asmhub-extent-map">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f'<rect width="{width}" height="{height}" fill="#dce9f1"/>{"".join(land)}'
        f'<rect x="{bx0:.1f}" y="{by0:.1f}" width="{box_w:.1f}" height="{box_h:.1f}" '
        f'fill="{INK}" fill-opacity="0.2" stroke="{INK}" stroke-width="2"/>'
        f'<rect width="{width}" height="{height}" fill="none" stroke="#999"/></svg>')
