"""A reader filters the seeded catalogue in the browser and reads a country's estimate."""
from __future__ import annotations

import re

import pytest

from ckan.cli.cli import ckan as ckan_command

from ckanext.asmhub.countries import display
from tests.countries.conftest import expected_best

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def click_facet(page, facet_title: str, label: str) -> None:
    """Click a value in a facet of /dataset, opening "Show more" when it is not among the first."""
    def facet():  # the section headed by the title (another facet's values may contain it)
        heading = page.locator(".module-heading", has_text=re.compile(rf"^\s*{re.escape(facet_title)}\s*$"))
        return page.locator("section.module-facet, section.module").filter(has=heading).first

    link = facet().locator("a", has_text=label).first
    if not link.is_visible():
        facet().locator("a", has_text="Show More").first.click()
        page.wait_for_load_state()
        link = facet().locator("a", has_text=label).first
    link.click()
    page.wait_for_load_state()


def test_reader_finds_tanzanias_gold_miners_with_range_year_confidence_and_source(cli, browser_page):
    assert cli.invoke(ckan_command, ["asmhub", "seed"]).exit_code == 0
    page = browser_page
    page.goto("/dataset/")
    click_facet(page, "Minerals", "Gold")
    page.wait_for_url("**minerals=gold**")
    click_facet(page, "Countries", "Tanzania")
    page.wait_for_url("**countries=TZA**")

    results = [r.strip() for r in page.locator(".dataset-list .dataset-heading a").all_inner_texts()]
    assert results == ["Artisanal and small-scale mining in Tanzania: how many people"]
    page.click("text=Artisanal and small-scale mining in Tanzania: how many people")
    page.wait_for_url("**/dataset/asm-people-tza")

    best = expected_best("TZA")
    row = page.locator(".asmhub-estimates tr", has_text=best["source"]).filter(
        has_text="People working in ASM").first
    assert f"{display.value(best)} (" in row.inner_text()
    assert f"confidence {best['confidence']}" in row.inner_text()
    source = row.locator(".asmhub-estimate-source")
    assert best["source"] in source.inner_text()
    assert source.locator(f'a[href="/library/{best["source_record"]}"]').count() == 1
