"""The four catalogues translate every string of ours, and the .pot is current."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
I18N = os.path.join(ROOT, "ckanext", "asmhub", "i18n")
POT = os.path.join(I18N, "ckanext-asmhub.pot")
LOCALES = ["fr", "es", "pt_BR", "sw"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def _catalogue(path: str, locale: str | None = None):
    with open(path, "rb") as fh:
        return read_po(fh, locale=locale)


def _ids(catalogue) -> set:
    return {m.id for m in catalogue if m.id}


def _plain(string):
    return tuple(string) if isinstance(string, (list, tuple)) else string


def _po(locale: str) -> str:
    return os.path.join(I18N, locale, "LC_MESSAGES", "ckanext-asmhub.po")


def test_the_pot_lists_exactly_the_strings_in_the_code(tmp_path):
    """Fails when a string was added or changed without re-extracting
    (``python setup.py extract_messages``)."""
    fresh = tmp_path / "fresh.pot"
    subprocess.run([sys.executable, "setup.py", "-q", "extract_messages", "--output-file", str(fresh)],
                   cwd=ROOT, check=True, capture_output=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    expected, committed = _ids(_catalogue(str(fresh))), _ids(_catalogue(POT))
    assert not expected - committed, f"missing from the .pot: {sorted(expected - committed)}"
    assert not committed - expected, f"no longer in the code: {sorted(committed - expected)}"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_string_is_translated_and_none_is_fuzzy(locale):
    catalogue = _catalogue(_po(locale), locale)
    translated = {m.id: m for m in catalogue if m.id}
    untranslated = sorted(str(i) for i in _ids(_catalogue(POT)) if i not in translated or not (
        all(translated[i].string) if isinstance(i, tuple) else translated[i].string))
    fuzzy = sorted(str(m.id) for m in catalogue if m.id and m.fuzzy)
    assert not untranslated, f"{locale}: untranslated {untranslated}"
    assert not fuzzy, f"{locale}: fuzzy {fuzzy}"
    assert not catalogue.fuzzy, f"{locale}: the catalogue header is marked fuzzy"


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_every_placeholder(locale):
    """Same placeholders as the English; a singular form may leave out the count
    ("Voir le résultat" for "See the {n} result")."""
    wrong = []
    for message in _catalogue(_po(locale), locale):
        if not message.id:
            continue
        expected = set(PLACEHOLDER.findall(message.id[-1] if message.pluralizable else message.id))
        strings = message.string if message.pluralizable else (message.string,)
        for index, string in enumerate(strings):
            found = set(PLACEHOLDER.findall(string))
            singular = message.pluralizable and index == 0 and len(strings) > 1
            if not found <= expected or (found != expected and not singular):
                wrong.append((message.id, string))
    assert not wrong, f"{locale}: placeholders differ {wrong}"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_compiled_catalogue_is_the_current_one(locale):
    """``make test``/``make run`` compile the .po files; CKAN reads the .mo."""
    mo_path = _po(locale)[:-3] + ".mo"
    assert os.path.exists(mo_path), f"{mo_path} not compiled (run `make i18n`)"
    with open(mo_path, "rb") as fh:
        compiled = {_plain(m.id): _plain(m.string) for m in read_mo(fh) if m.id}
    source = {_plain(m.id): _plain(m.string) for m in _catalogue(_po(locale), locale) if m.id and m.string}
    assert compiled == source
