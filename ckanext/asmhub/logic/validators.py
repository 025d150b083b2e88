"""Validators of the ASM schemas, named in ``schemas/*.yaml``.

Each message tells the person what is accepted, in the form and in the API
(``ValidationError`` keyed by field, or by estimate and sub-field).
"""
from __future__ import annotations

import datetime
import json
import math
import re
import urllib.parse
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.model import Package
from ckanext.scheming.helpers import scheming_field_choices
from ckanext.scheming.validation import scheming_validator

from ..metadata import vocabularies as v

FIRST_YEAR = 1900
# Accepted lists up to this length are spelt out in full in messages.
LIST_IN_MESSAGE = 25

# CKAN's own licence ids, as older clients send them, and the versioned licence each means.
LEGACY_LICENCES = {
    "cc-by": "CC-BY-4.0", "cc-by-sa": "CC-BY-SA-4.0", "cc-zero": "CC0-1.0",
    "cc-nc": "CC-BY-NC-4.0", "odc-odbl": "ODbL-1.0", "odc-by": "ODC-BY-1.0",
    "odc-pddl": "PDDL-1.0", "uk-ogl": "OGL-UK-3.0",
}


def _last_year() -> int:
    return datetime.date.today().year + 1


def _empty(value: Any) -> bool:
    return value is tk.missing or value is None or (isinstance(value, str) and not value.strip())


def _accepted_message(field: dict[str, Any], value: str, choices: list[str]) -> str:
    if len(choices) <= LIST_IN_MESSAGE:
        return tk._('Unknown value "{value}": use one of {accepted}.').format(
            value=value, accepted=", ".join(choices))
    return tk._('Unknown code "{value}": use {standard} codes such as {example}.').format(
        value=value, standard=field.get("asmhub_standard", ""), example=field.get("asmhub_example", ""))


def _matcher(field: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """The field's codes in order, and a case-insensitive lookup to the canonical code."""
    codes = [c["value"] for c in scheming_field_choices(field)]
    return codes, {c.lower(): c for c in codes}


@scheming_validator
def asmhub_choice(field: dict[str, Any], schema: dict[str, Any]):
    """One code from the field's vocabulary, in any letter case (after ``ignore_empty``)."""
    def validator(value: Any) -> Any:
        codes, lookup = _matcher(field)
        if not isinstance(value, (str, int)):
            raise tk.Invalid(tk._("Enter one code, not a list or an object."))
        code = lookup.get(str(value).strip().lower())
        if code is None:
            raise tk.Invalid(_accepted_message(field, str(value), codes))
        return code
    return validator


@scheming_validator
def asmhub_choices(field: dict[str, Any], schema: dict[str, Any]):
    """Several codes from the field's vocabulary (a list, or one string, or comma-separated),
    stored as a JSON list in vocabulary order, as scheming stores multiple choices."""
    def validator(key, data, errors, context) -> None:
        value = data.get(key)
        if _empty(value):
            data[key] = json.dumps([])
            return
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list):
            errors[key].append(tk._("Expecting a list of codes"))
            return
        codes, lookup = _matcher(field)
        selected = set()
        for item in value:
            if _empty(item):
                continue
            code = lookup.get(str(item).strip().lower())
            if code is None:
                errors[key].append(_accepted_message(field, str(item).strip(), codes))
            else:
                selected.add(code)
        if not errors[key]:
            data[key] = json.dumps([c for c in codes if c in selected])
    return validator


def asmhub_year(value: Any) -> Any:
    """A year from 1900 to next year, stored as an integer (after ``ignore_empty``)."""
    try:
        year = int(str(value).strip())
    except ValueError:
        raise tk.Invalid(tk._("Enter a year as four digits, such as 2020.")) from None
    if not FIRST_YEAR <= year <= _last_year():
        raise tk.Invalid(tk._("Enter a year between {first} and {last}.").format(
            first=FIRST_YEAR, last=_last_year()))
    return year


def asmhub_figure(value: Any) -> Any:
    """A non-negative number, stored as an integer when it is whole (after ``ignore_empty``)."""
    if isinstance(value, bool):
        raise tk.Invalid(tk._("Enter a number, such as 1500000."))
    try:
        number = float(str(value).strip())
    except ValueError:
        raise tk.Invalid(tk._(
            "Enter a number, such as 1500000 or 12.5 (digits only, no spaces, thousands "
            "separators or units).")) from None
    if not math.isfinite(number):
        raise tk.Invalid(tk._("Enter a number, such as 1500000."))
    if number < 0:
        raise tk.Invalid(tk._("Enter zero or more: a figure cannot be negative."))
    return int(number) if number.is_integer() else number


# Characters RFC 3986 never allows in a URI (they must be percent-encoded).
NOT_IN_URI = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f]')


def asmhub_web_link(value: Any) -> Any:
    """An http(s) address with a host and only the characters RFC 3986 allows
    (after ``ignore_empty``): what the pages link to and the RDF exports write."""
    value = str(value).strip()
    try:
        parts = urllib.parse.urlsplit(value)
        web = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. a malformed IPv6 host or port
        web = False
    if not web:
        raise tk.Invalid(tk._("Enter a web address starting with http:// or https://"))
    if NOT_IN_URI.search(value):
        raise tk.Invalid(tk._("Enter a web address without spaces, quotes or angle brackets "
                              "(encode them, e.g. %20 for a space)."))
    return value


def asmhub_library_record(value: Any, context: dict[str, Any]) -> Any:
    """The name of an active library document (after ``ignore_empty``): a figure's source record."""
    name = str(value).strip()
    record = context["model"].Package.get(name)
    if record is None or record.type != "library" or record.state != "active":
        raise tk.Invalid(tk._('There is no library document "{name}": give the name of the '
                              'document that records this source.').format(name=name))
    return record.name


def asmhub_licence(value: Any, context: dict[str, Any]) -> Any:
    """A licence from the hub's list; the hub's default licence when none is given."""
    if _empty(value):
        return tk.config.get("ckanext.asmhub.default_licence")
    value = LEGACY_LICENCES.get(str(value).strip(), str(value).strip())
    register = Package.get_license_register()
    if register.get(value) is None:
        raise tk.Invalid(tk._(
            'Unknown licence "{value}": use an id from the licence list (license_list), '
            'such as CC-BY-SA-4.0.').format(value=value))
    return value


def _estimate_indexes(data: dict[tuple, Any]) -> list[int]:
    return sorted({key[1] for key in data if len(key) == 3 and key[0] == "estimates"})


def asmhub_estimates(key, data, errors, context) -> None:
    """Check each estimate as a whole: a figure and its source, an ordered range, a unit that
    fits the indicator. A point estimate stays a point: no low or high is made up."""
    for i in _estimate_indexes(data):
        def get(name: str, i: int = i) -> Any:
            value = data.get(("estimates", i, name))
            return None if _empty(value) else value

        def fail(name: str, message: str, i: int = i) -> None:
            errors.setdefault(("estimates", i, name), []).append(message)

        def valid(*names: str, i: int = i) -> bool:
            return not any(errors.get(("estimates", i, name)) for name in names)

        low, central, high = get("low"), get("central"), get("high")
        if not get("source"):
            fail("source", tk._("Give the source of this estimate: who published it, and where."))
        if not valid("low", "central", "high"):
            continue
        if low is None and central is None and high is None:
            fail("central", tk._("Give the figure: a central value, or a low and a high value."))
        if low is not None and central is not None and low > central:
            fail("low", tk._("The low value must not be above the central value."))
        if central is not None and high is not None and central > high:
            fail("high", tk._("The high value must not be below the central value."))
        if low is not None and high is not None and low > high:
            fail("high", tk._("The high value must not be below the low value."))

        if not valid("indicator", "unit"):
            continue
        indicator, unit = get("indicator"), get("unit")
        units = v.INDICATOR_UNITS.get(indicator, ()) if isinstance(indicator, str) else ()
        if not units:
            continue
        if unit is None:
            data[("estimates", i, "unit")] = units[0]
        elif unit not in units:
            fail("unit", tk._('Unit "{unit}" does not fit the indicator "{indicator}": use {units}.').format(
                unit=unit, indicator=tk._(v.INDICATORS[indicator][0]), units=", ".join(units)))
        elif unit == "percent" and max(x for x in (low, central, high, 0) if x is not None) > 100:
            fail("high" if high is not None else "central", tk._("A percentage cannot be above 100."))


def asmhub_coverage_years(key, data, errors, context) -> None:
    """The coverage ends no earlier than it starts."""
    start, end = data.get(("temporal_start",)), data.get(("temporal_end",))
    if isinstance(start, int) and isinstance(end, int) and start > end:
        errors.setdefault(("temporal_end",), []).append(
            tk._("The end year must not be before the start year."))
