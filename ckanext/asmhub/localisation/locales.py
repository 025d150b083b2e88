"""Offer the languages the hub translates even where CKAN ships no catalogue.

CKAN lists a language (language switcher, ``url_for(..., locale=...)``) only
if its own ``ckan/i18n`` holds a catalogue for it, and it has none for
Swahili. The hub's catalogue translates its own strings and the core strings
its pages show (``core_strings.py``), so offered languages with a hub
catalogue are added to CKAN's list of available locales.
"""
from __future__ import annotations

import os
from functools import lru_cache

from babel.support import NullTranslations, Translations

from ckan.lib import i18n

from . import default_locale, offered_locales

I18N_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "i18n")


def hub_catalogues() -> list[str]:
    return sorted(d for d in os.listdir(I18N_DIR) if os.path.isdir(os.path.join(I18N_DIR, d)))


def offer_hub_locales(offered: list[str]) -> None:
    """Make CKAN list every offered locale the hub has a catalogue for."""
    i18n.locales = i18n.available_locales = i18n.locales_dict = None
    locales = i18n.get_locales()
    locales += [loc for loc in hub_catalogues() if loc in offered and loc not in locales]


@lru_cache(maxsize=16)
def _catalogue(locale: str) -> NullTranslations:
    return Translations.load(I18N_DIR, [locale], "ckanext-asmhub")


def in_every_language(message: str) -> list[str]:
    """``message`` in each offered language, read from the compiled catalogues
    directly (no request needed: the search index uses it)."""
    return [_catalogue(loc).gettext(message) for loc in offered_locales() if loc != default_locale()]
