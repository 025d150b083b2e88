"""Figures and ranges are written as each language writes them."""
from __future__ import annotations

import pytest

from ckanext.asmhub.localisation.formatting import format_number, format_range


@pytest.mark.parametrize("locale, expected", [
    ("en", "1.0–1.7 million"),
    ("fr", "1,0–1,7 million"),
    ("es", "1,0–1,7 millones"),
    ("pt_BR", "1,0–1,7 milhão"),
    ("sw", "milioni 1.0–1.7"),
])
def test_a_range_in_millions_shares_one_scale_word(locale, expected):
    assert format_range(1_000_000, 1_700_000, locale=locale) == expected


@pytest.mark.parametrize("locale, expected", [
    ("en", "450,000–850,000"), ("fr", "450\u202f000–850\u202f000"), ("pt_BR", "450.000–850.000"),
])
def test_figures_below_a_million_are_grouped_in_full(locale, expected):
    assert format_range("450000", "850000", locale=locale) == expected


def test_a_point_estimate_stays_a_single_figure():
    assert format_range(None, None, 44_000_000, locale="fr") == "44 millions"
    assert format_range(2_500_000, 2_500_000, locale="es") == "2,5 millones"
    assert format_range("", "1500000", locale="en") == "1.5 million"


@pytest.mark.parametrize("value", [None, "", "n/a", float("nan"), True])
def test_an_unknown_figure_is_a_dash(value):
    assert format_number(value, locale="fr") == "—"
    assert format_range(value, value, value, locale="fr") == "—"


def test_the_ends_of_a_range_come_in_order_and_small_numbers_keep_decimals():
    assert format_range(1_700_000, 1_000_000, locale="en") == "1.0–1.7 million"
    assert format_number(0.35, locale="fr") == "0,35"


@pytest.mark.usefixtures("with_plugins", "with_request_context")
def test_the_template_helper_follows_the_request_language(app):
    import flask_babel

    from ckan.lib.helpers import helper_functions as h
    with flask_babel.force_locale("fr"):
        assert h.asmhub_format_range(1_000_000, 1_700_000) == "1,0–1,7 million"
    assert h.asmhub_format_range(1_000_000, 1_700_000) == "1.0–1.7 million"
