"""The hub's controlled vocabularies: one place for codes and their labels.

Schemas (through ``choices_helper``), the index (labels make codes findable
by words) and the seed all read these lists.
"""
from __future__ import annotations

from functools import lru_cache

import pycountry

MINERALS = {
    "gold": "Gold", "silver": "Silver", "tin": "Tin (cassiterite)",
    "tantalum": "Tantalum (coltan)", "tungsten": "Tungsten (wolframite)",
    "cobalt": "Cobalt", "copper": "Copper", "diamonds": "Diamonds",
    "coloured-gemstones": "Coloured gemstones", "jade": "Jade", "lithium": "Lithium",
    "mica": "Mica", "sand-gravel": "Sand and gravel", "clay": "Clay",
    "limestone": "Limestone", "salt": "Salt", "dimension-stone": "Dimension stone",
    "coal": "Coal", "other": "Other minerals",
}
# Words that should find a mineral besides its label ("3T" finds tin, tantalum, tungsten).
MINERAL_KEYWORDS = {
    "tin": "3T cassiterite", "tantalum": "3T coltan", "tungsten": "3T wolframite",
    "coloured-gemstones": "gemstones gems", "diamonds": "diamond",
}

THEMES = {
    "livelihoods": "Livelihoods and population", "production": "Production and trade",
    "gender": "Gender", "child-labour": "Child labour", "health-safety": "Health and safety",
    "environment-mercury": "Environment and mercury", "formalisation": "Formalisation and policy",
    "supply-chains": "Supply chains and due diligence", "conflict": "Conflict and security",
    "covid-19": "COVID-19", "land-conservation": "Land and conservation",
}

INDICATORS = {
    "asm_miners": ("People working in ASM", "people"),
    "women_in_asm": ("Women working in ASM", "people"),
    "asgm_miners": ("People working in artisanal gold mining", "people"),
    "dependants": ("People depending on ASM", "people"),
    "production": ("Production", "tonnes"),
    "mercury_use": ("Mercury use", "tonnes per year"),
    "mine_sites": ("Mine sites", "sites"),
    "asm_miners_global": ("People working in ASM worldwide", "people"),
    "asm_gold_share": ("Share of world gold production from ASM", "percent"),
}

CONFIDENCE = {
    "A": "A: census or systematic survey",
    "B": "B: recent single study or official estimate",
    "C": "C: old, extrapolated or hypothesis",
}
CURATION = {"as reported": "As reported", "extrapolated": "Extrapolated", "hypothesis": "Hypothesis"}

# Units a figure may be given in, with how a value reads in that unit.
UNITS = {
    "people": "{value} people", "households": "{value} households",
    "sites": "{value} sites", "percent": "{value}%",
    "tonnes": "{value} tonnes", "kilograms": "{value} kg", "carats": "{value} carats",
    "tonnes per year": "{value} tonnes a year", "kilograms per year": "{value} kg a year",
    "US dollars": "US${value}",
}
# Units that fit each indicator; the first is the indicator's usual unit (INDICATORS).
INDICATOR_UNITS = {
    "asm_miners": ("people",), "asm_miners_global": ("people",),
    "asgm_miners": ("people",), "dependants": ("people", "households"),
    "women_in_asm": ("people", "percent"),
    "production": ("tonnes", "kilograms", "carats", "tonnes per year", "kilograms per year", "US dollars"),
    "mercury_use": ("tonnes per year", "kilograms per year", "tonnes", "kilograms"),
    "mine_sites": ("sites",), "asm_gold_share": ("percent",),
}

DATASET_TYPES = {"dataset": "Dataset", "library": "Library document"}
SOURCE_TYPES = {
    "census": "Census", "survey": "Survey", "official-estimate": "Official estimate",
    "modelled": "Modelled estimate", "compilation": "Compilation of other sources",
}
UPDATE_FREQUENCIES = {
    "one-off": "Not planned to be updated", "irregular": "Irregularly",
    "annual": "Every year", "biennial": "Every two years", "quarterly": "Every quarter",
    "monthly": "Every month", "continuous": "Continuously",
}
DOCUMENT_TYPES = {
    "report": "Report", "article": "Journal article", "book": "Book or chapter",
    "working-paper": "Working or discussion paper", "policy": "Policy, law or regulation",
    "thesis": "Thesis", "guidance": "Guidance or toolkit", "presentation": "Presentation",
    "website": "Web page or database", "other": "Other document",
}
ACCESS = {"open": "Open access", "paywalled": "Paywalled"}
ORGANIZATION_KINDS = {
    "government": "Government", "ngo": "NGO", "research": "Research",
    "company": "Company", "miners-association": "Miners' association",
    "international": "International body",
}


def choices(vocabulary: dict) -> list[dict[str, str]]:
    return [{"value": code, "label": label if isinstance(label, str) else label[0]}
            for code, label in vocabulary.items()]


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code to English short name, from pycountry."""
    return {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries}


def country_name(code: str) -> str:
    return countries().get(code, code)


@lru_cache(maxsize=1)
def languages() -> dict[str, str]:
    """ISO 639-1 code to English name, from pycountry."""
    return {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}
