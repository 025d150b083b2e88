"""Numbers and ranges written the way the reader's language writes them.

"1.0–1.7 million" in English is "1,0–1,7 million" in French, "1,0–1,7 millones"
in Spanish and "milioni 1.0–1.7" in Swahili: separators, the scale word, its
plural and its position all come from CLDR through Babel. Both ends of a range
share one scale and one precision, so a range never looks more precise than it is.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from babel import Locale
from babel.numbers import format_decimal

from . import current_locale

DASH = "—"  # shown where a figure is unknown
RANGE_SEPARATOR = "–"  # en dash, no spaces, between the ends of a range
# Figures from a million up are written with a scale word ("1.7 million").
COMPACT_FROM = Decimal(1_000_000)


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _scale(locale: Locale, magnitude: Decimal) -> tuple[int, dict[str, Any]] | None:
    """The CLDR long compact patterns (one per plural form) for ``magnitude``."""
    if abs(magnitude) < COMPACT_FROM:
        return None
    formats = locale.compact_decimal_formats["long"]
    digits = len(str(int(abs(magnitude))))
    key = str(10 ** (digits - 1))
    patterns = {form: formats[form][key] for form in formats if key in formats[form]}
    if not patterns:
        return None
    zeros = patterns.get("other", next(iter(patterns.values()))).pattern.split(";")[0].count("0")
    return 10 ** (digits - zeros), patterns


def _join(locale: Locale, numbers: list[Decimal]) -> str:
    largest = max(abs(n) for n in numbers)
    scale = _scale(locale, largest)
    if scale is None:
        texts = [format_decimal(n, format="#,##0.##", locale=locale) for n in numbers]
        return RANGE_SEPARATOR.join(texts)
    divisor, patterns = scale
    scaled = [n / divisor for n in numbers]
    # One decimal below ten ("1.7 million"), whole numbers above ("44 million");
    # both ends of a range keep it ("1.0–1.7"), a single figure drops a zero ("1 million").
    pattern = "#,##0" if max(abs(s) for s in scaled) >= 10 else "#,##0.0" if len(numbers) > 1 else "#,##0.#"
    texts = [format_decimal(s, format=pattern, locale=locale) for s in scaled]
    form = locale.plural_form(float(scaled[-1]))
    compact = (patterns.get(form) or patterns.get("other")).pattern.split(";")[0]
    return re.sub(r"0+", lambda _m: RANGE_SEPARATOR.join(texts), compact, count=1).replace("'", "")


def format_number(value: Any, locale: str | None = None) -> str:
    """``value`` for the reader (``1 700 000`` → "1,7 million" in French); a dash if unknown."""
    number = _number(value)
    if number is None:
        return DASH
    return _join(Locale.parse(locale or current_locale()), [number])


def format_range(low: Any, high: Any, central: Any = None, locale: str | None = None) -> str:
    """A range when both ends are known ("1,0–1,7 million"), else the one figure
    known (a point estimate stays a point), else a dash."""
    ends = [_number(low), _number(high)]
    if None in ends or ends[0] == ends[1]:
        known = next((n for n in (_number(central), *ends) if n is not None), None)
        return format_number(known, locale)
    return _join(Locale.parse(locale or current_locale()), sorted(ends))
