"""Figures as people should read them: a range or a point, dated, graded, never over-precise.

``estimate_text`` turns a stored estimate into "1.0–1.7 million people (2020,
confidence B)" or "500,000 people (2019, confidence C)", and "—" when there is
no figure. Numbers, scale words and their order come from the reader's
language (``localisation.formatting``): French readers get "1,0–1,7 million de
personnes", Swahili readers "watu milioni 1.0–1.7".
"""
from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk

from . import vocabularies as v
from ..localisation import formatting

DASH = formatting.DASH


def _number(value: Any) -> float | None:
    number = formatting.number(value)
    return float(number) if number is not None else None


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
    strings, scale = formatting.scale(list(values.values()))
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
    if unit in v.UNITS:
        # After a scale word some languages need more ("1,7 million de personnes").
        scaled = scale != "{value}" and unit in v.SCALED_UNITS
        text = (tk._(v.SCALED_UNITS[unit]).format(scaled=value) if scaled
                else tk._(v.UNITS[unit]).format(value=value))
    else:
        text = f"{value} {unit}".strip()
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
