"""Each validation rule of the ASM dataset, with the message a user sees in the API and the form."""
from __future__ import annotations

import datetime
import html

import pytest

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

NEXT_YEAR = datetime.date.today().year + 1


def estimate(**fields):
    return {"indicator": "asm_miners", "central": "1500000", "low": "1000000", "high": "1700000",
            "ref_year": "2020", "confidence": "B", "source": "Delve country profile: Tanzania",
            **fields}


def dataset(editor, **fields):
    return {"name": "tza", "title": "Tanzania", "owner_org": editor["org"]["id"], **fields}


def api_error(api, editor, **fields):
    body = api("package_create", status=409, **dataset(editor, **fields))
    assert body["success"] is False
    return body["error"]


def estimate_error(api, editor, field, **estimate_fields):
    errors = api_error(api, editor, estimates=[estimate(**estimate_fields)])
    return errors["estimates"][0][field]


class TestEstimatesInTheApi:
    def test_a_valid_range_is_stored_as_numbers(self, api, editor):
        result = api("package_create", **dataset(editor, estimates=[estimate()]))["result"]
        stored = result["estimates"][0]
        assert (stored["low"], stored["central"], stored["high"]) == (1000000, 1500000, 1700000)
        assert stored["ref_year"] == 2020
        assert stored["unit"] == "people"  # the indicator's usual unit, when none is given

    def test_a_point_estimate_stays_a_point(self, api, editor):
        result = api("package_create", **dataset(editor, estimates=[estimate(low="", high="")]))["result"]
        stored = result["estimates"][0]
        assert stored["central"] == 1500000
        assert "low" not in stored and "high" not in stored

    def test_low_above_central_is_refused(self, api, editor):
        assert estimate_error(api, editor, "low", low="1600000") == [
            "The low value must not be above the central value."]

    def test_central_above_high_is_refused(self, api, editor):
        assert estimate_error(api, editor, "high", high="1400000") == [
            "The high value must not be below the central value."]

    def test_low_above_high_without_central_is_refused(self, api, editor):
        assert estimate_error(api, editor, "high", central="", high="900000") == [
            "The high value must not be below the low value."]

    def test_negative_figure_is_refused(self, api, editor):
        assert estimate_error(api, editor, "low", low="-5") == [
            "Enter zero or more: a figure cannot be negative."]

    def test_figure_with_words_is_refused(self, api, editor):
        assert estimate_error(api, editor, "central", central="1.5 million") == [
            "Enter a number, such as 1500000 or 12.5 (digits only, no spaces, thousands separators or units)."]

    def test_estimate_without_a_figure_is_refused(self, api, editor):
        assert estimate_error(api, editor, "central", low="", central="", high="") == [
            "Give the figure: a central value, or a low and a high value."]

    def test_estimate_without_a_source_is_refused(self, api, editor):
        assert estimate_error(api, editor, "source", source="") == [
            "Give the source of this estimate: who published it, and where."]

    @pytest.mark.parametrize("year", ["1899", str(NEXT_YEAR + 1)])
    def test_reference_year_out_of_range_is_refused(self, api, editor, year):
        assert estimate_error(api, editor, "ref_year", ref_year=year) == [
            f"Enter a year between 1900 and {NEXT_YEAR}."]

    def test_publication_year_must_be_a_year(self, api, editor):
        assert estimate_error(api, editor, "pub_year", pub_year="twenty") == [
            "Enter a year as four digits, such as 2020."]

    def test_unit_that_does_not_fit_the_indicator_is_refused(self, api, editor):
        assert estimate_error(api, editor, "unit", unit="tonnes") == [
            'Unit "tonnes" does not fit the indicator "People working in ASM": use people.']

    def test_unknown_unit_is_refused_with_the_accepted_units(self, api, editor):
        message = estimate_error(api, editor, "unit", unit="miners")[0]
        assert message.startswith('Unknown value "miners": use one of people, households')

    def test_percentage_above_100_is_refused(self, api, editor):
        assert estimate_error(api, editor, "high", indicator="women_in_asm", unit="percent",
                              low="20", central="30", high="130") == ["A percentage cannot be above 100."]

    def test_unknown_indicator_is_refused_with_the_accepted_ones(self, api, editor):
        message = estimate_error(api, editor, "indicator", indicator="miners")[0]
        assert message.startswith('Unknown value "miners": use one of asm_miners, women_in_asm')

    def test_source_link_must_be_a_web_address(self, api, editor):
        assert estimate_error(api, editor, "source_url", source_url="javascript:alert(1)") == [
            "Enter a web address starting with http:// or https://"]

    @pytest.mark.parametrize("url", ['https://example.org/a"b', "https://example.org/a b",
                                     "https://example.org/<script>", "http://", "https:///path"])
    def test_source_link_must_be_a_well_formed_address(self, api, editor, url):
        assert estimate_error(api, editor, "source_url", source_url=url)[0].startswith("Enter a web address")

    def test_source_record_must_be_a_library_document(self, api, editor):
        assert estimate_error(api, editor, "source_record", source_record="library-nowhere") == [
            'There is no library document "library-nowhere": give the name of the document that '
            'records this source.']

    def test_errors_name_the_estimate_they_belong_to(self, api, editor):
        errors = api_error(api, editor, estimates=[estimate(), estimate(source="")])
        assert errors["estimates"][0] == {}
        assert list(errors["estimates"][1]) == ["source"]


class TestCodesAndYearsInTheApi:
    def test_unknown_country_says_which_codes_are_accepted(self, api, editor):
        assert api_error(api, editor, countries=["TZA", "Tanzania"])["countries"] == [
            'Unknown code "Tanzania": use ISO 3166-1 alpha-3 codes such as TZA.']

    def test_unknown_mineral_lists_the_minerals(self, api, editor):
        message = api_error(api, editor, minerals=["gold", "unobtainium"])["minerals"][0]
        assert message.startswith('Unknown value "unobtainium": use one of gold, silver, tin, tantalum')

    def test_unknown_theme_lists_the_themes(self, api, editor):
        message = api_error(api, editor, themes=["mining"])["themes"][0]
        assert message.startswith('Unknown value "mining": use one of livelihoods, production')

    def test_codes_are_accepted_in_any_case_and_stored_in_vocabulary_order(self, api, editor):
        result = api("package_create", **dataset(editor, countries="tza", minerals=["TIN", "gold"]))["result"]
        assert result["countries"] == ["TZA"]
        assert result["minerals"] == ["gold", "tin"]

    def test_coverage_years_must_be_in_order(self, api, editor):
        assert api_error(api, editor, temporal_start="2020", temporal_end="2010")["temporal_end"] == [
            "The end year must not be before the start year."]

    def test_coverage_year_out_of_range_is_refused(self, api, editor):
        assert api_error(api, editor, temporal_start="1850")["temporal_start"] == [
            f"Enter a year between 1900 and {NEXT_YEAR}."]

    def test_unknown_source_type_lists_the_accepted_ones(self, api, editor):
        assert api_error(api, editor, source_type="guess")["source_type"] == [
            'Unknown value "guess": use one of census, survey, official-estimate, modelled, compilation.']


class TestTheFormShowsTheSameMessages:
    def test_form_shows_range_and_source_errors_under_the_estimate(self, submit_form):
        response = submit_form({
            "title": "Tanzania", "name": "tza-form",
            "estimates-0-indicator": "asm_miners", "estimates-0-low": "1600000",
            "estimates-0-central": "1500000", "estimates-0-ref_year": "2020",
        })
        assert response.status_code == 200
        body = html.unescape(response.body)
        assert "The form contains invalid entries" in body
        assert "The low value must not be above the central value." in body
        assert "Give the source of this estimate: who published it, and where." in body

    def test_form_shows_unknown_codes_and_year_errors(self, submit_form):
        body = html.unescape(submit_form({
            "title": "Tanzania", "name": "tza-form", "temporal_start": "2030",
            "temporal_end": "2010", "countries": "XXX",
        }).body)
        assert 'Unknown code "XXX": use ISO 3166-1 alpha-3 codes such as TZA.' in body
        assert f"Enter a year between 1900 and {NEXT_YEAR}." in body

    def test_a_valid_form_creates_the_dataset_with_a_point_estimate(self, submit_form, api):
        response = submit_form({
            "title": "Ghana", "name": "gha-form", "countries": "GHA",
            "estimates-0-indicator": "asm_miners", "estimates-0-central": "1100000",
            "estimates-0-low": "", "estimates-0-high": "", "estimates-0-ref_year": "2011",
            "estimates-0-source": "Delve beta data page",
        })
        assert response.status_code in (200, 302), response.body[:500]
        stored = api("package_show", id="gha-form")["result"]["estimates"]
        assert stored == [{"indicator": "asm_miners", "central": 1100000, "unit": "people",
                           "ref_year": 2011, "source": "Delve beta data page"}]
