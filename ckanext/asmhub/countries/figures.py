"""Estimates as figures: parsing, the best current figure, and the solidity rule.

An estimate is a record of a dataset's ``estimates`` field. It speaks for a
country when its dataset covers exactly that one country (a dataset covering
several countries gives regional figures, which are not split between them);
``*_global`` indicators speak for the world wherever they are.
"""
from __future__ import annotations

import datetime
from typing import Any, Iterable

PEOPLE = "asm_miners"
WOMEN = "women_in_asm"
GOLD_MINERS = "asgm_miners"
GLOBAL_PEOPLE = "asm_miners_global"
GOLD_SHARE = "asm_gold_share"
HEADLINES = (PEOPLE, WOMEN, GOLD_MINERS)
GLOBAL_INDICATORS = (GLOBAL_PEOPLE, GOLD_SHARE)

CONFIDENCE_RANK = {"A": 0, "B": 1, "C": 2}

# The data-solidity rule (shown on the Countries page; keep the two in step).
CONFIDENCE_POINTS = {"A": 2, "B": 1, "C": 0}
RECENT_YEARS = 5       # 2 points if the best figure is at most this old
OLDER_YEARS = 10       # 1 point if at most this old
SOURCES_FOR_TWO = 3    # independent sources for 2 points (2 sources: 1 point)
SOLID_FROM = 4         # points for "solid"
FAIR_FROM = 2          # points for "fair"; fewer is "weak"
SOLIDITY_LEVELS = ("solid", "fair", "weak", "none")


def _number(value: Any) -> int | float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).replace(",", "").strip())
    except ValueError:
        return None
    if number != number or number < 0 or number in (float("inf"),):  # NaN, negative, infinite
        return None
    # A count stays a whole number: 1200000, not 1200000.0, in pages and downloads.
    return int(number) if number.is_integer() else number


def _year(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None and 1000 <= number <= 9999 else None


def parse(raw: dict[str, Any], dataset: dict[str, Any]) -> dict[str, Any] | None:
    """One estimate as plain JSON-able data, or None when it holds no number."""
    low, central, high = (_number(raw.get(k)) for k in ("low", "central", "high"))
    if low is None and central is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    confidence = str(raw.get("confidence") or "").strip().upper()
    source_url = str(raw.get("source_url") or "").strip()
    return {
        "indicator": str(raw.get("indicator") or "").strip(),
        "low": low, "central": central, "high": high,
        "unit": str(raw.get("unit") or "").strip(),
        "ref_year": _year(raw.get("ref_year")),
        "pub_year": _year(raw.get("pub_year")),
        "confidence": confidence if confidence in CONFIDENCE_RANK else "",
        "curation": str(raw.get("curation") or "").strip(),
        "coverage": "partial" if str(raw.get("coverage") or "").strip() == "partial" else "national",
        "source": str(raw.get("source") or "").strip(),
        # Only web links become links.
        "source_url": source_url if source_url.lower().startswith(("http://", "https://")) else "",
        "note": str(raw.get("note") or "").strip(),
        "source_record": str(raw.get("source_record") or "").strip(),
        "dataset": dataset.get("name", ""),
        "dataset_title": dataset.get("title") or dataset.get("name", ""),
    }


def estimates_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in (parse(raw, doc) for raw in doc.get("estimates", [])) if e]


def year(estimate: dict[str, Any]) -> int | None:
    """The year a figure describes: its reference year, else its publication year."""
    return estimate.get("ref_year") or estimate.get("pub_year")


def _rank(estimate: dict[str, Any]) -> tuple:
    has_range = estimate["low"] is not None and estimate["high"] is not None
    # The last keys only make the order total, so every process picks the same figure.
    return (CONFIDENCE_RANK.get(estimate["confidence"], 3), -(year(estimate) or 0),
            -(estimate.get("pub_year") or 0), not has_range, estimate["source"],
            estimate["source_url"], [-(estimate[k] or 0) for k in ("central", "high", "low")])


def national(estimate: dict[str, Any]) -> bool:
    """Whether a figure is of the whole country's ASM (not a region, a mineral or a wider sector)."""
    return estimate.get("coverage") != "partial"


def best(estimates: Iterable[dict[str, Any]], indicator: str) -> dict[str, Any] | None:
    """The best current national figure: best confidence (A, B, C), then newest year,
    then newest publication, then a range before a point. A figure of part of the
    country or sector is never the headline, however well it was counted."""
    candidates = [e for e in estimates if e["indicator"] == indicator and national(e)]
    return min(candidates, key=_rank) if candidates else None


def ranked(estimates: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(estimates, key=_rank)


def independent_sources(estimates: Iterable[dict[str, Any]]) -> int:
    """Distinct sources (citations compared without case or spacing)."""
    return len({" ".join(e["source"].lower().split()) for e in estimates if e["source"]})


def solidity(estimates: list[dict[str, Any]], today: datetime.date | None = None) -> dict[str, Any]:
    """How solid a country's figure of people in ASM is, with the points behind it.

    Scored on the national people-in-ASM estimates (gold-miner estimates when a
    country has none): confidence of the best figure (A 2, B 1, C 0), its age (at most
    5 years 2, at most 10 years 1, older or undated 0) and the number of
    independent sources (3 or more 2, two 1, one 0). 4 points or more is
    solid, 2-3 fair, 0-1 weak; no figure at all is "none".
    """
    estimates = [e for e in estimates if national(e)]
    people = [e for e in estimates if e["indicator"] == PEOPLE] or \
        [e for e in estimates if e["indicator"] == GOLD_MINERS and e["unit"] != "percent"]
    if not people:
        return {"level": "none", "points": None, "confidence": 0, "recency": 0, "sources": 0,
                "age": None, "source_count": 0}
    top = min(people, key=_rank)
    this_year = (today or datetime.date.today()).year
    age = this_year - year(top) if year(top) else None
    recency = 0 if age is None else 2 if age <= RECENT_YEARS else 1 if age <= OLDER_YEARS else 0
    source_count = independent_sources(people)
    sources = 2 if source_count >= SOURCES_FOR_TWO else 1 if source_count == 2 else 0
    confidence = CONFIDENCE_POINTS.get(top["confidence"], 0)
    points = confidence + recency + sources
    level = "solid" if points >= SOLID_FROM else "fair" if points >= FAIR_FROM else "weak"
    return {"level": level, "points": points, "confidence": confidence, "recency": recency,
            "sources": sources, "age": age, "source_count": source_count}
