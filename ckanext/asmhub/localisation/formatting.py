"""Numbers and ranges written the way the reader's language writes them.

"1.0–1.7 million" in English is "1,0–1,7 million" in French, "1,0–1,7 millones"
in Spanish and "milioni 1.0–1.7" in Swahili: separators, the scale word, its
plural and its position all come from CLDR through Babel. The values shown
together share one scale and one number of decimals — the fewest (up to two)
that show every value as given — so a range never looks more or less precise
than its source.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from babel import Locale
from babel.numbers import format_decimal

from . import current_locale

DASH = "—"  # shown where a figure is unknown
RANGE = "{low}–{high}"  # en dash, no spaces
# Figures from a million up are written with a scale word ("1.7 million").
COMPACT_FROM = 1_000_000
MAX_DECIMALS = 2


def number(value: Any) -> Decimal | None:
    """``value`` as a number, or None when it is not one ("", "n/a", NaN, True)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        result = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return result if result.is_finite() else None


def _scale_pattern(locale: Locale, top: Decimal) -> tuple[int, str]:
    """The divisor for ``top`` and CLDR's long compact pattern ("{value} million",
    "milioni {value}"), its plural chosen for ``top``; (1, "{value}") below a million."""
    if abs(top) < COMPACT_FROM:
        return 1, "{value}"
    formats = locale.compact_decimal_formats["long"]
    digits = len(str(int(abs(top))))
    key = str(10 ** (digits - 1))
    other = formats["other"].get(key) if "other" in formats else None
    if other is None:
        return 1, "{value}"
    zeros = other.pattern.split(";")[0].count("0")
    divisor = 10 ** (digits - zeros)
    form = locale.plural_form(float(abs(top) / divisor))
    chosen = formats[form].get(key, other) if form in formats else other
    text = chosen.pattern.split(";")[0].replace("'", "")
    return divisor, text.replace("0" * zeros, "{value}", 1)


def _decimals(values: list[Decimal]) -> int:
    for decimals in range(MAX_DECIMALS):
        if all(v == round(v, decimals) for v in values):
            return decimals
    return MAX_DECIMALS


def scale(values: list[Any], locale: str | None = None) -> tuple[list[str], str]:
    """``values`` as strings in one shared scale, and the pattern naming the scale.

    ``scale([1_000_000, 1_700_000], "fr")`` → ``(["1,0", "1,7"], "{value} million")``;
    below a million the pattern is ``"{value}"``. Values that are not numbers are dropped.
    """
    babel_locale = Locale.parse(locale or current_locale())
    numbers = [n for n in (number(v) for v in values) if n is not None]
    if not numbers:
        return [], "{value}"
    divisor, pattern = _scale_pattern(babel_locale, max(numbers, key=abs))
    scaled = [n / divisor for n in numbers]
    decimals = _decimals(scaled)
    number_format = "#,##0" + ("." + "0" * decimals if decimals else "")
    return [format_decimal(s, format=number_format, locale=babel_locale) for s in scaled], pattern


def format_number(value: Any, locale: str | None = None) -> str:
    """``value`` for the reader (1700000 → "1,7 million" in French); a dash if unknown."""
    strings, pattern = scale([value], locale)
    return pattern.format(value=strings[0]) if strings else DASH


def format_range(low: Any, high: Any, central: Any = None, locale: str | None = None) -> str:
    """A range when both ends are known ("1,0–1,7 million"), else the one figure
    known (a point estimate stays a point), else a dash."""
    ends = [number(low), number(high)]
    if None in ends or ends[0] == ends[1]:
        known = next((n for n in (number(central), *ends) if n is not None), None)
        return format_number(known, locale)
    strings, pattern = scale(sorted(ends), locale)
    return pattern.format(value=RANGE.format(low=strings[0], high=strings[1]))
