"""Template helpers (also used by scheming as ``choices_helper``)."""
from __future__ import annotations

from typing import Any

from . import vocabularies as v
from .localisation import formatting


def asmhub_country_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    names = v.country_names(v.current_locale())
    return [{"value": code, "label": name}
            for code, name in sorted(names.items(), key=lambda item: v.sort_key(item[1]))]


def asmhub_mineral_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.MINERALS)


def asmhub_theme_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.THEMES)


def asmhub_indicator_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.INDICATORS)


def asmhub_confidence_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.CONFIDENCE)


def asmhub_curation_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.CURATION)


def asmhub_country_name(code: str) -> str:
    """A country's name in the reader's language."""
    return v.country_name(code)


def asmhub_format_number(value: Any) -> str:
    """A figure in the reader's language ("1,7 million"); a dash when unknown."""
    return formatting.format_number(value)


def asmhub_format_range(low: Any, high: Any, central: Any = None) -> str:
    """A low–high range in the reader's language ("1,0–1,7 million"), the single
    figure known for a point estimate, or a dash."""
    return formatting.format_range(low, high, central)
