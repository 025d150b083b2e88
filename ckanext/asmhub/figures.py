"""Figures as people should read them: a range or a point, dated, graded, never over-precise.

``estimate_text`` turns a stored estimate into "1.0–1.7 million people (2020,
confidence B)" or "500,000 people (2019, confidence C)", and "—" when there is
no figure. Numbers are formatted with Babel in the current locale, so French
readers get "1,0–1,7".
"""
from __future__ import annotations

import json
from typing import Any

from babel.numbers import format_decimal

import ckan.plugins.toolkit as tk
from ckan.lib import i18n

from . import vocabularies as v

DASH = "—"
# Above these values a figure is shown in millions or billions.
SCALES = ((1_000_000_000, "{value} billion"), (1_000_000, "{value} million"))
MAX_DECIMALS = 2


def _locale() -> str:
    try:
        return i18n.get_lang()
    except RuntimeError:  # outside a request (CLI, jobs)
        return tk.config.get("ckan.locale_default") or "en"


def _number(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _decimals(values: list[float]) -> int:
    """The fewest decimals (up to two) that show every value as given."""
    for decimals in range(MAX_DECIMALS):
        if all(abs(round(x, decimals) - x) < 1e-9 for x in values):
            return decimals
    return MAX_DECIMALS


def _format(values: list[float], locale: str) -> tuple[list[str], str]:
    """The values as strings in one shared scale, and the pattern that names the scale."""
    top = max(values)
    divisor, pattern = 1, "{value}"
    for size, scale_pattern in SCALES:
        if top >= size:
            divisor, pattern = size, tk._(scale_pattern)
            break
    scaled = [x / divisor for x in values]
    decimals = _decimals(scaled)
    number_format = "#,##0" + ("." + "0" * decimals if decimals else "")
    return [format_decimal(x, format=number_format, locale=locale) for x in scaled], pattern


def estimates_of(pkg: dict[str, Any]) -> list[dict[str, Any]]:
    """A dataset's estimates as a list of dicts, however they were stored."""
    estimates = pkg.get("estimates") or []
    if isinstance(estimates, str):
        try:
            estimates = json.loads(estimates)
        except ValueError:
            return []
    return [e for e in estimates if isinstance(e, dict)]


def _shown(low: float | None, central: float | None, high: float | None) -> dict[str, float]:
    """The values a reader sees: a range when both ends are known, else the central value
    with whichever bound there is, else the one bound."""
    if low is not None and high is not None:
        return {"low": low, "high": high}
    values = {"low": low, "central": central, "high": high}
    return {k: x for k, x in values.items() if x is not None}


def figure_text(estimate: dict[str, Any] | None) -> str:
    """The figure and its unit: "1.0–1.7 million people", "500,000 people", or "—"."""
    estimate = estimate or {}
    values = _shown(*(_number(estimate.get(k)) for k in ("low", "central", "high")))
    if not values:
        return DASH
    strings, scale = _format(list(values.values()), _locale())
    shown = dict(zip(values, strings, strict=True))
    if "low" in shown and "high" in shown:
        value = scale.format(value=tk._("{low}–{high}").format(low=shown["low"], high=shown["high"]))
    elif "central" in shown:
        value = scale.format(value=shown["central"])
    elif "low" in shown:
        value = tk._("at least {value}").format(value=scale.format(value=shown["low"]))
    else:
        value = tk._("up to {value}").format(value=scale.format(value=shown["high"]))
    unit = estimate.get("unit") or ""
    text = tk._(v.UNITS[unit]).format(value=value) if unit in v.UNITS else f"{value} {unit}".strip()
    if "central" in shown and len(shown) == 2:
        if "low" in shown:
            bound = tk._("low estimate {value}").format(value=scale.format(value=shown["low"]))
        else:
            bound = tk._("high estimate {value}").format(value=scale.format(value=shown["high"]))
        text = tk._("{figure}, {bound}").format(figure=text, bound=bound)
    return text


def context_text(estimate: dict[str, Any]) -> str:
    """When the figure is for and how much to trust it: "2020, confidence B"."""
    if estimate.get("ref_year"):
        parts = [str(estimate["ref_year"])]
    elif estimate.get("pub_year"):
        parts = [tk._("published {year}").format(year=estimate["pub_year"])]
    else:
        parts = [tk._("year not stated")]
    if estimate.get("confidence"):
        parts.append(tk._("confidence {grade}").format(grade=estimate["confidence"]))
    return ", ".join(parts)


def estimate_text(estimate: dict[str, Any] | None) -> str:
    """The figure with its year and confidence, or "—" when there is no figure."""
    figure = figure_text(estimate)
    if figure == DASH:
        return DASH
    return tk._("{figure} ({context})").format(figure=figure, context=context_text(estimate or {}))
