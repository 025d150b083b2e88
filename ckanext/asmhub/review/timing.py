"""Business days, and how the hub keeps its promise of a decision in 3-10 of them."""
from __future__ import annotations

import datetime
import statistics
from typing import Any

import ckan.plugins.toolkit as tk

from . import model as review_model


def business_days(start: datetime.datetime, end: datetime.datetime) -> float:
    """Working time (Monday to Friday) from ``start`` to ``end``, in days."""
    if end <= start:
        return 0.0
    total = 0.0
    day = start
    while day < end:
        next_midnight = datetime.datetime.combine(
            day.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=day.tzinfo)
        chunk_end = min(end, next_midnight)
        if day.weekday() < 5:
            total += (chunk_end - day).total_seconds() / 86400
        day = chunk_end
    return round(total, 1)


def target() -> tuple[int, int]:
    low, high = (int(v) for v in tk.config.get("ckanext.asmhub.review.target_business_days"))
    return low, high


def performance(days: int = 90) -> dict[str, Any]:
    """Time to decision over the last ``days`` days, against the promise."""
    since = review_model.now() - datetime.timedelta(days=days)
    durations = [business_days(d["submitted_at"], d["decided_at"])
                 for d in review_model.decisions_since(since) if d["submitted_at"]]
    low, high = target()
    return {
        "period_days": days,
        "decisions": len(durations),
        "median_business_days": round(statistics.median(durations), 1) if durations else None,
        "max_business_days": max(durations) if durations else None,
        "within_target": sum(1 for d in durations if d <= high),
        "target_business_days": [low, high],
    }
