"""The hub in its readers' languages: catalogues, locale-aware formatting,
the API's language and each user's language for emails.

Translations live in ``ckanext/asmhub/i18n`` (gettext domain
``ckanext-asmhub``), loaded through CKAN's ``ITranslation``. Schema labels and
vocabulary labels are written in English and translated through the same
catalogues (see ``docs/i18n.md``).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import flask_babel

import ckan.plugins.toolkit as tk


def N_(message: str) -> str:
    """Mark ``message`` for the catalogues without translating it here.

    Vocabulary labels are defined at import time, in English; they are
    translated with ``tk._`` where they are shown, in the reader's language.
    """
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for the catalogues (translated with ``ngettext``)."""
    return singular, plural


def offered_locales() -> list[str]:
    return list(tk.config.get("ckan.locales_offered") or [default_locale()])


def default_locale() -> str:
    return tk.config.get("ckan.locale_default") or "en"


def current_locale() -> str:
    """The language of the current request (or of ``in_locale``), else the default."""
    locale = flask_babel.get_locale()
    return str(locale) if locale else default_locale()


@contextmanager
def in_locale(locale: str) -> Iterator[None]:
    """Translate strings and render templates in ``locale`` (an email in its
    recipient's language) whatever the language of the current request.

    Like CKAN's mailer, it needs a Flask request or app context.
    """
    with flask_babel.force_locale(locale):
        yield
