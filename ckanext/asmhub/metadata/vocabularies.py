"""The hub's controlled vocabularies: one place for codes and their labels.

Schemas (through ``choices_helper``), the index (labels make codes findable
by words) and the seed all read these lists. Labels are English msgids marked
with ``N_``; ``label()`` and scheming translate them where they are shown.
Country names come from pycountry's ISO 3166 catalogues, translated.
"""
from __future__ import annotations

import gettext
import unicodedata
from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError

import ckan.plugins.toolkit as tk

from ..localisation import N_, current_locale

MINERALS = {
    "gold": N_("Gold"), "silver": N_("Silver"), "tin": N_("Tin (cassiterite)"),
    "tantalum": N_("Tantalum (coltan)"), "tungsten": N_("Tungsten (wolframite)"),
    "cobalt": N_("Cobalt"), "copper": N_("Copper"), "diamonds": N_("Diamonds"),
    "coloured-gemstones": N_("Coloured gemstones"), "jade": N_("Jade"), "lithium": N_("Lithium"),
    "mica": N_("Mica"), "sand-gravel": N_("Sand and gravel"), "clay": N_("Clay"),
    "limestone": N_("Limestone"), "salt": N_("Salt"), "dimension-stone": N_("Dimension stone"),
    "coal": N_("Coal"), "other": N_("Other minerals"),
}
# Words that should find a mineral besides its label ("3T" finds tin, tantalum, tungsten).
MINERAL_KEYWORDS = {
    "tin": "3T cassiterite", "tantalum": "3T coltan", "tungsten": "3T wolframite",
    "coloured-gemstones": "gemstones gems", "diamonds": "diamond",
}

THEMES = {
    "livelihoods": N_("Livelihoods and population"), "production": N_("Production and trade"),
    "gender": N_("Gender"), "child-labour": N_("Child labour"), "health-safety": N_("Health and safety"),
    "environment-mercury": N_("Environment and mercury"), "formalisation": N_("Formalisation and policy"),
    "supply-chains": N_("Supply chains and due diligence"), "conflict": N_("Conflict and security"),
    "covid-19": N_("COVID-19"), "land-conservation": N_("Land and conservation"),
}

INDICATORS = {
    "asm_miners": (N_("People working in ASM"), N_("people")),
    "women_in_asm": (N_("Women working in ASM"), N_("people")),
    "asgm_miners": (N_("People working in artisanal gold mining"), N_("people")),
    "dependants": (N_("People depending on ASM"), N_("people")),
    "production": (N_("Production"), N_("tonnes")),
    "mercury_use": (N_("Mercury use"), N_("tonnes per year")),
    "mine_sites": (N_("Mine sites"), N_("sites")),
    "asm_miners_global": (N_("People working in ASM worldwide"), N_("people")),
    "asm_gold_share": (N_("Share of world gold production from ASM"), N_("percent")),
}

CONFIDENCE = {
    "A": N_("A: census or systematic survey"),
    "B": N_("B: recent single study or official estimate"),
    "C": N_("C: old, extrapolated or hypothesis"),
}
# How a figure came about, as its source published it: counted, estimated, derived, or guessed.
CURATION = {"census": N_("Census or survey"), "as reported": N_("As reported"),
            "extrapolated": N_("Extrapolated"), "hypothesis": N_("Hypothesis")}
# What a figure covers: the country's whole ASM sector, or less (a region, a mineral,
# registered miners) or something else (all mining and quarrying). Only national
# figures compete to be a country's headline; the others stay in its history.
COVERAGE = {"national": N_("The whole country's ASM"),
            "partial": N_("Not the national ASM total")}


def label(vocabulary: dict, code: str) -> str | None:
    """The label of ``code`` in the reader's language (None for an unknown code)."""
    english = vocabulary.get(code)
    if english is None:
        return None
    return tk._(english if isinstance(english, str) else english[0])


def unit(indicator: str) -> str:
    """The unit an indicator is counted in, in the reader's language."""
    return tk._(INDICATORS[indicator][1]) if indicator in INDICATORS else ""

# Units a figure may be given in, with how a value reads in that unit.
UNITS = {
    "people": N_("{value} people"), "households": N_("{value} households"),
    "sites": N_("{value} sites"), "percent": N_("{value}%"),
    "tonnes": N_("{value} tonnes"), "kilograms": N_("{value} kg"), "carats": N_("{value} carats"),
    "tonnes per year": N_("{value} tonnes a year"), "kilograms per year": N_("{value} kg a year"),
    "US dollars": N_("US${value}"),
}
# The same after a scale word: "{scaled}" is a figure such as "1.7 million", and
# French, Spanish and Portuguese say "1,7 million de personnes".
SCALED_UNITS = {
    "people": N_("{scaled} people"), "households": N_("{scaled} households"),
    "sites": N_("{scaled} sites"), "tonnes": N_("{scaled} tonnes"), "kilograms": N_("{scaled} kg"),
    "carats": N_("{scaled} carats"), "tonnes per year": N_("{scaled} tonnes a year"),
    "kilograms per year": N_("{scaled} kg a year"), "US dollars": N_("US${scaled}"),
}
# Units that fit each indicator; the first is the indicator's usual unit (INDICATORS).
INDICATOR_UNITS = {
    "asm_miners": ("people",), "asm_miners_global": ("people",),
    "asgm_miners": ("people", "percent"), "dependants": ("people", "households"),
    "women_in_asm": ("people", "percent"),
    "production": ("tonnes", "kilograms", "carats", "tonnes per year", "kilograms per year", "US dollars"),
    "mercury_use": ("tonnes per year", "kilograms per year", "tonnes", "kilograms"),
    "mine_sites": ("sites",), "asm_gold_share": ("percent",),
}

# The hub's dataset types, as the search page's "Type" facet shows them.
DATASET_TYPES = {"dataset": N_("Dataset"), "library": N_("Library document")}

SOURCE_TYPES = {
    "census": N_("Census"), "survey": N_("Survey"), "official-estimate": N_("Official estimate"),
    "modelled": N_("Modelled estimate"), "compilation": N_("Compilation of other sources"),
}
UPDATE_FREQUENCIES = {
    "one-off": N_("Not planned to be updated"), "irregular": N_("Irregularly"),
    "annual": N_("Every year"), "biennial": N_("Every two years"), "quarterly": N_("Every quarter"),
    "monthly": N_("Every month"), "continuous": N_("Continuously"),
}
DOCUMENT_TYPES = {
    "report": N_("Report"), "article": N_("Journal article"), "book": N_("Book or chapter"),
    "working-paper": N_("Working or discussion paper"), "policy": N_("Policy, law or regulation"),
    "thesis": N_("Thesis"), "guidance": N_("Guidance or toolkit"), "presentation": N_("Presentation"),
    "website": N_("Web page or database"), "dataset": N_("Dataset"),
    "census": N_("Census or survey report"), "other": N_("Other document"),
}
ACCESS = {"open": N_("Open access"), "paywalled": N_("Paywalled")}
ORGANIZATION_KINDS = {
    "government": N_("Government"), "ngo": N_("NGO"), "research": N_("Research"),
    "company": N_("Company"), "miners-association": N_("Miners' association"),
    "international": N_("International body"),
}


def choices(vocabulary: dict) -> list[dict[str, str]]:
    return [{"value": code, "label": label(vocabulary, code)} for code in vocabulary]


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code to English short name, from pycountry."""
    return {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries}


@lru_cache(maxsize=16)
def country_names(locale: str) -> dict[str, str]:
    """ISO 3166-1 alpha-3 code to the short name in ``locale``.

    From pycountry's iso-codes catalogue (common name, else official short
    name); where iso-codes has no translation (most of Swahili), CLDR's
    territory names through Babel; else English.
    """
    english = countries()
    if locale.split("_")[0] == "en":
        return dict(english)
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)
    try:
        cldr = Locale.parse(locale).territories
    except (ValueError, UnknownLocaleError):
        cldr = {}
    names = {}
    for country in pycountry.countries:
        candidates = [english[country.alpha_3], country.name]
        translated = next((catalogue.gettext(c) for c in candidates if catalogue.gettext(c) != c), None)
        names[country.alpha_3] = translated or cldr.get(country.alpha_2) or english[country.alpha_3]
    return names


def country_name(code: str, locale: str | None = None) -> str:
    """A country's name in ``locale`` (default: the reader's language); the code if unknown."""
    return country_names(locale or current_locale()).get(code, code)


def sort_key(text: str) -> str:
    """Alphabetical order that ignores accents and case ("Équateur" between E and F)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


@lru_cache(maxsize=1)
def languages() -> dict[str, str]:
    """ISO 639-1 code to English name, from pycountry."""
    return {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}


@lru_cache(maxsize=16)
def language_names(locale: str) -> dict[str, str]:
    """ISO 639-1 code to the language's name in ``locale``: CLDR's through Babel
    (consistent within a language), else pycountry's ISO 639 catalogue, else English."""
    catalogue = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[locale], fallback=True)
    try:
        cldr = Locale.parse(locale).languages
    except (ValueError, UnknownLocaleError):
        cldr = {}
    names = {}
    for code, english in languages().items():
        names[code] = cldr.get(code) or catalogue.gettext(english)
    return names
