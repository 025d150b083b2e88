"""How figures read: numbers in the visitor's locale, ranges, years and sources.

Figures read as everywhere in the hub (``ckanext.asmhub.metadata.figures``): a range as
the source gave it, a single number as a point estimate, never widened into a
range. Axis ticks and the central value of a range are numbers on their own:
in full under a million, "1.5 million" above.
"""
from __future__ import annotations

from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import format_compact_decimal, format_decimal

import ckan.plugins.toolkit as tk

from ..metadata import figures as hub_figures
from ..metadata import vocabularies as v
from . import figures

DASH = hub_figures.DASH  # shown where there is no figure


def _locale() -> Locale:
    try:
        return Locale.parse(tk.h.lang() or "en")
    except (UnknownLocaleError, ValueError, RuntimeError, TypeError):
        return Locale.parse("en")


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return DASH
    locale = _locale()
    if unit == "percent":
        return tk._("{value}%").format(value=format_decimal(value, format="#,##0.#", locale=locale))
    if value >= 1_000_000:
        return format_compact_decimal(value, format_type="long", fraction_digits=1, locale=locale)
    return format_decimal(round(value), locale=locale)


def exact(value: float | None) -> str:
    return DASH if value is None else format_decimal(value, locale=_locale())


def value(estimate: dict[str, Any] | None) -> str:
    """"1.0–1.7 million people", "806,957 people" or a dash: the hub's one way to show a figure."""
    return hub_figures.figure_text(estimate)


def is_point(estimate: dict[str, Any] | None) -> bool:
    """A single figure with no range at all (a half-open range says so in its text)."""
    return bool(estimate) and estimate["low"] is None and estimate["high"] is None


def exact_text(estimate: dict[str, Any] | None) -> str:
    """Every number of an estimate in full, for a tooltip or a caption."""
    if not estimate:
        return DASH
    parts = [tk._("low {n}").format(n=exact(estimate["low"])) if estimate["low"] is not None else "",
             tk._("central {n}").format(n=exact(estimate["central"])) if estimate["central"] is not None else "",
             tk._("high {n}").format(n=exact(estimate["high"])) if estimate["high"] is not None else ""]
    return ", ".join(p for p in parts if p)


def year(estimate: dict[str, Any] | None) -> str:
    """"2020", "2003, published 2018", "published 2021" or a dash."""
    if not estimate:
        return DASH
    ref, pub = estimate.get("ref_year"), estimate.get("pub_year")
    if ref and pub and pub != ref:
        return tk._("{ref}, published {pub}").format(ref=ref, pub=pub)
    if ref:
        return str(ref)
    if pub:
        return tk._("published {pub}").format(pub=pub)
    return tk._("year not stated")


def mineral(code: str) -> str:
    return tk._(v.MINERALS.get(code, code))


def theme(code: str) -> str:
    return tk._(v.THEMES.get(code, code))


def country(iso3: str) -> str:
    return v.country_name(iso3)


def solidity(level: str) -> dict[str, str]:
    """The solidity flag as words and marks, so it reads without colour."""
    labels = {"solid": (tk._("Solid"), "●●●"), "fair": (tk._("Fair"), "●●○"),
              "weak": (tk._("Weak"), "●○○"), "none": (tk._("No figure"), "○○○")}
    label, marks = labels.get(level, labels["none"])
    return {"level": level, "label": label, "marks": marks}


def solidity_rule() -> str:
    """The rule of ``figures.solidity`` in words, for the page and the downloads."""
    return tk._(
        "The flag scores the estimates of people working in ASM (of gold miners where a country "
        "has none). Confidence of the best figure: A {a} points, B {b}, C 0. Its age: up to {recent} "
        "years {two} points, up to {older} years 1, older or undated 0. Independent sources: "
        "{many} or more {two} points, two 1, one 0. {solid} points or more: solid; {fair} or {fair_top}: "
        "fair; fewer: weak."
    ).format(a=figures.CONFIDENCE_POINTS["A"], b=figures.CONFIDENCE_POINTS["B"],
             recent=figures.RECENT_YEARS, older=figures.OLDER_YEARS, two=2,
             many=figures.SOURCES_FOR_TWO, solid=figures.SOLID_FROM, fair=figures.FAIR_FROM,
             fair_top=figures.SOLID_FROM - 1)


def theme_description(slug: str) -> str:
    descriptions = {
        "livelihoods": tk._("How many people work in artisanal and small-scale mining, and how many "
                            "depend on it for a living."),
        "production": tk._("What ASM produces and sells: volumes, values and trade of gold, gemstones, "
                           "3T minerals and development minerals."),
        "gender": tk._("Women in ASM: how many, which roles, and what they earn and risk."),
        "child-labour": tk._("Children working at mine sites, and what keeps them there or out."),
        "health-safety": tk._("Accidents, dust, mercury exposure and the health of miners and their "
                              "communities."),
        "environment-mercury": tk._("Mercury use and releases, land and water degradation, and cleaner "
                                    "processing."),
        "formalisation": tk._("Licences, laws, taxes and programmes that bring ASM into the legal "
                              "economy."),
        "supply-chains": tk._("Traceability, due diligence and responsible sourcing of ASM minerals."),
        "conflict": tk._("Armed groups, security forces and conflicts around mine sites."),
        "covid-19": tk._("How the COVID-19 pandemic affected mining communities and markets."),
        "land-conservation": tk._("Mining in and near protected areas, land rights and land use."),
    }
    return descriptions.get(slug, "")
