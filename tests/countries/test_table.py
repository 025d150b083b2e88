"""The Countries table against the seeded reference data."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from .conftest import reference_rows

pytestmark = [pytest.mark.usefixtures("seeded", "with_plugins"),
              pytest.mark.freeze_time("2026-11-21")]


def table_rows(body: str) -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup(body, "html.parser")
    return {tr["data-iso3"]: tr for tr in soup.select("table.asmhub-table tbody tr[data-iso3]")}


def test_every_seeded_country_has_a_row(app):
    rows = table_rows(app.get("/country").body)
    assert {r["iso3"] for r in reference_rows()} <= set(rows)


def test_smoke_profile(app):
    body = app.get("/country/TZA").body
    assert "Tanzania" in body
