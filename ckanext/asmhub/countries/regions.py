"""UN M49 regions of each country.

pycountry has no regions, so the hub ships the UN Statistics Division's M49
grouping (``data/un_m49_regions.csv``: region and sub-region code per ISO3;
source https://unstats.un.org/unsd/methodology/m49/; where M49 has an
intermediate region, e.g. Western Africa within Sub-Saharan Africa, that is
the sub-region, as readers filter by it). Region names come from
Babel's CLDR data, which uses the same M49 codes and translates them.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files

from babel import Locale, UnknownLocaleError

import ckan.plugins.toolkit as tk

REGION_ORDER = ("002", "019", "142", "150", "009")


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str]]:
    with files("ckanext.asmhub").joinpath("data", "un_m49_regions.csv").open(encoding="utf-8") as f:
        return {row["iso3"]: (row["region"], row["subregion"]) for row in csv.DictReader(f)}


def of(iso3: str) -> tuple[str, str]:
    """(region code, sub-region code) of a country; empty strings if unknown."""
    return _table().get(iso3, ("", ""))


def name(code: str) -> str:
    """The region's name in the visitor's language (English if Babel lacks it)."""
    if not code:
        return ""
    try:
        locale = Locale.parse(tk.h.lang() or "en")
    except (UnknownLocaleError, ValueError, RuntimeError):
        locale = Locale.parse("en")
    return locale.territories.get(code) or Locale.parse("en").territories.get(code, code)


def choices(present: set[str]) -> list[dict[str, object]]:
    """Regions with their sub-regions, limited to the codes in ``present``."""
    groups = []
    for region in REGION_ORDER:
        subs = sorted({s for r, s in _table().values() if r == region and s in present}, key=name)
        if region in present or subs:
            groups.append({"code": region, "name": name(region),
                           "subregions": [{"code": s, "name": name(s)} for s in subs]})
    return groups
