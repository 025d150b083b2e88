"""Template helpers (also used by scheming as ``choices_helper``)."""
from __future__ import annotations

from typing import Any

from . import vocabularies as v


def asmhub_country_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return [{"value": code, "label": name}
            for code, name in sorted(v.countries().items(), key=lambda item: item[1])]


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
