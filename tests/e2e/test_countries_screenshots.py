"""The Countries table, a country profile and the home page in Debian's chromium.

Each test checks what a reader sees and saves a screenshot. They go to a
temporary folder unless ``ASMHUB_SCREENSHOT_DIR`` names one: ``make screenshots``
sets it to ``docs/screenshots`` to refresh the images linked from the README.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import ckan.plugins.toolkit as tk

from ckanext.asmhub import seed

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")


@pytest.fixture
def seeded_catalogue():
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    seed.seed({"user": site_user["name"], "ignore_auth": True})


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("ASMHUB_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_countries_table_profile_and_home_page(browser_page, seeded_catalogue, shots):
    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 900})

    page.goto("/country")
    first = page.locator("table.asmhub-table tbody tr").first
    assert first.get_attribute("data-iso3") == "IND"  # the largest figure first
    assert "Delve" in first.inner_text()
    page.screenshot(path=str(shots / "countries-table.png"), full_page=True)

    page.select_option("#filter-solidity", "solid")
    with page.expect_navigation():
        page.click("form.asmhub-filters button[type=submit]")
    assert [r.get_attribute("data-iso3") for r in page.locator("table.asmhub-table tbody tr").all()] == ["MOZ"]

    page.goto("/country/TZA")
    assert page.locator("svg.asmhub-chart title").first.text_content() == "People working in ASM in Tanzania"
    assert "Delve country profile: Tanzania" in page.locator("svg.asmhub-chart").first.text_content()
    page.screenshot(path=str(shots / "country-profile.png"), full_page=True)

    page.goto("/")
    assert "The sector at a glance" in page.content()
    assert page.locator("svg.asmhub-chart").count() == 1
    page.screenshot(path=str(shots / "home.png"), full_page=True)
