"""Figures, licences and attribution as a reader sees them."""
from __future__ import annotations

import html
import re

import pytest

from ckan.tests.helpers import call_action

from ckanext.asmhub.metadata import figures

pytestmark = pytest.mark.usefixtures("with_plugins")


def text(body: str) -> str:
    """The page's visible text, with whitespace collapsed."""
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


class TestFigureText:
    @pytest.mark.parametrize("estimate, expected", [
        ({"low": 1000000, "central": 1500000, "high": 1700000, "unit": "people", "ref_year": 2020,
          "confidence": "B"}, "1.0–1.7 million people (2020, confidence B)"),
        ({"central": 500000, "unit": "people", "ref_year": 2019, "confidence": "C"},
         "500,000 people (2019, confidence C)"),
        ({"low": 15000000, "central": 15000000, "high": 18000000, "unit": "people", "ref_year": 2019},
         "15–18 million people (2019)"),
        ({"central": 806957, "unit": "people", "ref_year": 2021, "confidence": "A"},
         "806,957 people (2021, confidence A)"),
        ({"low": 500000, "central": 1000000, "unit": "people", "ref_year": 2020, "confidence": "C"},
         "1.0 million people, low estimate 0.5 million (2020, confidence C)"),
        ({"central": 44750000, "unit": "people", "pub_year": 2021},
         "44.75 million people (published 2021)"),
        ({"central": 400000, "unit": "people", "confidence": "C"},
         "400,000 people (year not stated, confidence C)"),
        ({"low": 20, "high": 30, "unit": "percent", "ref_year": 2020}, "20–30% (2020)"),
        ({"low": 300, "unit": "sites", "ref_year": 2020}, "at least 300 sites (2020)"),
    ])
    def test_estimates_read_as_ranges_or_points(self, estimate, expected):
        assert figures.estimate_text(estimate) == expected

    @pytest.mark.parametrize("estimate", [None, {}, {"indicator": "asm_miners", "ref_year": 2020}])
    def test_no_figure_is_a_dash(self, estimate):
        assert figures.estimate_text(estimate) == "—"

    @pytest.mark.ckan_config("ckan.locale_default", "fr")
    def test_numbers_follow_the_locale(self):
        assert figures.figure_text({"low": 1000000, "high": 1700000}) == "1,0–1,7 million"
        assert figures.figure_text({"central": 500000}) == "500\u202f000"


@pytest.mark.usefixtures("clean_db", "clean_index")
class TestDatasetPage:
    @pytest.fixture
    def tanzania(self, make_dataset):
        return make_dataset(
            name="asm-tza", title="ASM in Tanzania", countries=["TZA"],
            attribution="ASM Hub curators", url="https://delvedatabase.org",
            source_citation="Delve country profile: Tanzania (World Bank / Pact, 2020)",
            estimates=[
                {"indicator": "asm_miners", "low": 1000000, "central": 1500000, "high": 1700000,
                 "ref_year": 2020, "confidence": "B", "curation": "as reported",
                 "source": "Delve country profile: Tanzania", "source_url": "https://delvedatabase.org"},
                {"indicator": "women_in_asm", "central": 375000, "ref_year": 2020, "confidence": "C",
                 "source": "UN Women"},
            ])

    def test_page_shows_range_year_confidence_and_linked_source(self, app, tanzania):
        body = app.get("/dataset/asm-tza").body
        page = text(body)
        assert "1.0–1.7 million people (2020, confidence B)" in page
        assert "Central estimate: 1.5 million people" in page
        assert '<a href="https://delvedatabase.org" rel="noopener">Delve country profile: Tanzania</a>' in body
        assert "375,000 people (2020, confidence C) Source: UN Women" in page

    def test_page_without_estimates_shows_a_dash(self, app, make_dataset):
        make_dataset(name="empty")
        assert "Figures —" in text(app.get("/dataset/empty").body)

    def test_page_lists_only_the_fields_the_record_fills(self, app, tanzania):
        page = text(app.get("/dataset/asm-tza").body)
        assert "Countries Tanzania" in page
        assert "Source type" not in page and "Spatial extent" not in page

    def test_new_dataset_gets_cc_by_sa_4(self, tanzania):
        shown = call_action("package_show", id="asm-tza")
        assert shown["license_id"] == "CC-BY-SA-4.0"
        assert shown["license_url"] == "https://creativecommons.org/licenses/by-sa/4.0/"
        assert shown["license_title"].startswith("Creative Commons Attribution-ShareAlike 4.0")

    def test_licence_attribution_and_original_source_are_shown_together(self, app, tanzania):
        body = app.get("/dataset/asm-tza").body
        licence = text(body.split('module-shallow license">', 1)[1])
        assert licence.startswith("License Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)"
                                  " Contributed by: ASM Hub curators Original source: Delve country profile")
        assert '<a href="https://creativecommons.org/licenses/by-sa/4.0/"' in body

    def test_legacy_ckan_licence_ids_map_to_versioned_ones(self, make_dataset):
        assert make_dataset(license_id="cc-by")["license_id"] == "CC-BY-4.0"

    def test_unknown_licence_is_refused(self, make_dataset):
        from ckan.plugins.toolkit import ValidationError
        with pytest.raises(ValidationError) as error:
            make_dataset(license_id="my-own")
        assert error.value.error_dict["license_id"] == [
            'Unknown licence "my-own": use an id from the licence list (license_list), such as CC-BY-SA-4.0.']

    def test_licence_list_offers_versioned_creative_commons(self):
        ids = {lic["id"] for lic in call_action("license_list")}
        assert {"CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "CC-BY-NC-4.0", "CC-BY-3.0", "CC-BY-SA-3.0",
                "ODbL-1.0", "other-open", "notspecified"} <= ids

    def test_new_dataset_form_preselects_cc_by_sa_4(self, app, sysadmin):
        from ckan.tests import factories
        factories.Organization(users=[{"name": sysadmin["name"], "capacity": "admin"}])
        token = factories.APIToken(user=sysadmin["name"])["token"]
        body = app.get("/dataset/new", headers={"Authorization": token}).body
        assert re.search(r'<option value="CC-BY-SA-4.0"\s+selected', body)
