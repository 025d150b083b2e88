"""The Countries table and map, a country profile, the home page and the maps of a dataset
page and the dataset search in Debian's chromium.

Each test checks what a reader sees and saves a screenshot. They go to a
temporary folder unless ``ASMHUB_SCREENSHOT_DIR`` names one: ``make screenshots``
sets it to ``docs/screenshots`` to refresh the images linked from the README.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import ckan.plugins.toolkit as tk

from ckanext.asmhub.countries import figures
from ckanext.asmhub.evidence import seed
from tests.countries.conftest import expected_best, seeded_estimates

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


def test_countries_maps_profile_and_home_page(browser_page, seeded_catalogue, shots):
    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 900})

    page.goto("/country")
    estimates = seeded_estimates()
    largest = max((c for c in estimates if expected_best(c)),
                  key=lambda c: expected_best(c)["central"] or expected_best(c)["high"])
    first = page.locator("table.asmhub-table tbody tr").first
    assert first.get_attribute("data-iso3") == largest  # the largest figure first
    assert expected_best(largest)["source"] in first.inner_text()
    page.set_viewport_size({"width": 1400, "height": 1100})
    world = page.locator("svg.asmhub-worldmap")
    # Every country of the table is on the map, linked to its profile.
    assert world.locator("a[data-iso3]").count() == page.locator("table.asmhub-table tbody tr").count()
    page.screenshot(path=str(shots / "countries-map.png"))
    page.set_viewport_size({"width": 1400, "height": 1400})
    page.evaluate("document.getElementById('countries-table').scrollIntoView()")
    page.screenshot(path=str(shots / "countries-table.png"))

    page.select_option("#filter-solidity", "solid")
    with page.expect_navigation():
        page.click("form.asmhub-filters button[type=submit]")
    solid = {c for c, e in estimates.items() if figures.solidity(e)["level"] == "solid"}
    assert {r.get_attribute("data-iso3") for r in page.locator("table.asmhub-table tbody tr").all()} == solid

    page.goto("/country/TZA")
    people = [e for e in estimates["TZA"] if e["indicator"] == figures.PEOPLE]
    chart = page.locator("svg.asmhub-chart").first
    assert page.locator("svg.asmhub-chart title").first.text_content() == "People working in ASM in Tanzania"
    assert chart.locator("circle").count() == len(people)  # every dated estimate, from every source
    page.set_viewport_size({"width": 1400, "height": 1500})
    page.screenshot(path=str(shots / "country-profile.png"), full_page=False)

    assert page.locator("svg.asmhub-extent-map path").count() > 3  # Tanzania and its neighbours

    page.goto("/")
    assert "The sector at a glance" in page.content()
    assert page.locator("svg.asmhub-chart").count() == 1
    assert page.locator("svg.asmhub-worldmap").count() == 1
    page.set_viewport_size({"width": 1400, "height": 1100})
    page.screenshot(path=str(shots / "home.png"))

    # Natural Earth's land and borders under the Leaflet maps, with no tile server.
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto("/dataset/asm-people-tza")
    page.wait_for_selector('.asmhub-map[data-asmhub-basemap="50m"]')
    page.locator(".asmhub-dataset-map").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "dataset-map.png"))
    page.goto("/dataset/?ext_bbox=28,-12,41,0")
    page.wait_for_selector('.asmhub-map--search[data-asmhub-basemap="50m"]')
    assert page.locator(".dataset-item").count() >= 1
    page.screenshot(path=str(shots / "dataset-search-map.png"))
