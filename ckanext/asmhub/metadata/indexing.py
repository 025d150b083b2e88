"""Shape ASM fields for search, whichever backend holds the index.

Scheming stores list fields (minerals, countries, themes) and repeating
estimates as JSON strings; the index wants real lists so that each value is
filtered and counted on its own, plus the words (labels, country names, "3T")
that make the codes findable — in every language the hub offers, so that
"orpaillage", "Tanzanie" or "dhahabu" find what "gold mining", "Tanzania" or
"gold" find.
"""
from __future__ import annotations

import json
from typing import Any

from . import vocabularies as v
from ..localisation import offered_locales
from ..localisation.locales import in_every_language

LIST_FIELDS = ("minerals", "countries", "themes", "language")
LABELS = {"minerals": v.MINERALS, "themes": v.THEMES, "language": v.languages()}


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.startswith("[") else [value]
        except ValueError:
            value = [value]
    return list(value) if isinstance(value, (list, tuple)) else []


def index_fields(doc: dict[str, Any]) -> dict[str, Any]:
    words: list[str] = []
    for name in LIST_FIELDS:
        if name not in doc:
            continue
        values = [str(x) for x in _as_list(doc[name]) if x]
        doc[name] = values
        for code in values:
            if name == "countries":
                # In a fixed order: the words' positions are part of the vector,
                # and a rebuild leaves a row whose vector is unchanged alone.
                words += [code, *dict.fromkeys(v.country_name(code, loc)
                                               for loc in offered_locales())]
            elif code in LABELS[name]:
                words += [LABELS[name][code], *in_every_language(LABELS[name][code])]
                words.append(v.MINERAL_KEYWORDS.get(code, "") if name == "minerals" else "")
            else:
                words.append(code)
    estimates = [e for e in _as_list(doc.get("estimates")) if isinstance(e, dict)]
    if estimates:
        doc["estimates"] = json.dumps(estimates)
        doc["indicators"] = sorted({e["indicator"] for e in estimates if e.get("indicator")})
        doc["ref_year"] = sorted({str(e["ref_year"]) for e in estimates if e.get("ref_year")})
        words += [e.get("source") or "" for e in estimates]
        for indicator in doc["indicators"]:
            if indicator in v.INDICATORS:
                words += [v.INDICATORS[indicator][0], *in_every_language(v.INDICATORS[indicator][0])]
    doc["keyword_labels"] = " ".join(w for w in words if w)
    return doc


FACET_VOCABULARIES = {**LABELS, "data_confidence": v.CONFIDENCE, "indicators": v.INDICATORS,
                      "dataset_type": v.DATASET_TYPES}


def facet_label(field: str, value: str) -> str | None:
    """A facet value's label in the reader's language."""
    if field == "countries":
        return v.country_name(value)
    if field in FACET_VOCABULARIES:
        return v.label(FACET_VOCABULARIES[field], value)
    return None
