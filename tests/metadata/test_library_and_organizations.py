"""The library document type and the organisation fields."""
from __future__ import annotations

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from .test_display import text

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def test_library_document_keeps_its_bibliographic_fields(make_dataset):
    doc = make_dataset(type="library", name="mmsd", title="ASM: Challenges and Opportunities",
                       authors="Hentschel, T.; Hruschka, F.; Priester, M.", year="2003",
                       publisher="IIED / WBCSD", document_type="Report", language=["en"],
                       countries=["TZA"], minerals=["gold"], themes=["livelihoods"],
                       url="https://www.iied.org/9268iied", access="paywalled",
                       resources=[{"url": "http://archive.example/mmsd.pdf", "format": "PDF",
                                   "provenance": "Wayback Machine copy of the MMSD site, 2024"}])
    shown = call_action("package_show", id="mmsd")
    assert shown["type"] == "library"
    assert (shown["authors"], shown["year"], shown["publisher"], shown["document_type"]) == (
        "Hentschel, T.; Hruschka, F.; Priester, M.", "2003", "IIED / WBCSD", "report")
    assert (shown["language"], shown["countries"], shown["access"]) == (["en"], ["TZA"], "paywalled")
    assert shown["license_id"] == "CC-BY-SA-4.0"
    assert shown["resources"][0]["provenance"] == "Wayback Machine copy of the MMSD site, 2024"
    assert doc["name"] == "mmsd"


def test_library_document_refuses_unknown_codes(make_dataset):
    with pytest.raises(Exception) as error:
        make_dataset(type="library", document_type="pamphlet", access="maybe", year="1850")
    errors = error.value.error_dict
    assert errors["document_type"][0].startswith('Unknown value "pamphlet": use one of report, article')
    assert errors["access"] == ['Unknown value "maybe": use one of open, paywalled.']
    assert errors["year"][0].startswith("Enter a year between 1900 and")


def test_library_form_asks_for_the_bibliographic_fields(app, editor):
    page = text(app.get("/library/new", headers=editor["headers"]).body)
    for label in ("Authors", "Year", "Publisher", "Document type", "Language", "Original link", "Access"):
        assert label in page


def test_library_document_is_found_by_author_and_publisher(make_dataset, search):
    make_dataset(type="library", name="mmsd", authors="Hentschel, T.", publisher="IIED / WBCSD")
    assert [d["name"] for d in search(q="Hentschel")["results"]] == ["mmsd"]
    assert [d["name"] for d in search(q="WBCSD")["results"]] == ["mmsd"]


def test_archived_copy_form_asks_for_its_provenance(app, editor, make_dataset):
    make_dataset(type="library", name="mmsd", owner_org=editor["org"]["id"])
    page = text(app.get("/library/mmsd/resource/new", headers=editor["headers"]).body)
    assert "Archived copy" in page and "Provenance of the archived copy" in page


def test_library_page_shows_the_document(app, make_dataset):
    make_dataset(type="library", name="igf", title="Global Trends in ASM", authors="Fritz, M.",
                 year="2018", publisher="IGF / IISD", document_type="report", access="open",
                 url="https://www.iisd.org/publications/global-trends")
    page = text(app.get("/library/igf").body)
    assert "Authors Fritz, M." in page
    assert "Document type Report" in page
    assert "Access Open access" in page


def test_organisation_has_a_kind_and_a_country():
    org = factories.Organization(name="mireme", kind="Government", country="moz")
    shown = call_action("organization_show", id=org["id"])
    assert (shown["kind"], shown["country"]) == ("government", "MOZ")


def test_organisation_page_shows_kind_and_country_by_name(app):
    factories.Organization(name="mireme", kind="government", country="MOZ", description="Ministry")
    page = text(app.get("/organization/about/mireme").body)
    assert "Kind Government" in page
    assert "Country Mozambique" in page
    assert "Website —" in page


def test_organisation_refuses_unknown_kind_and_country():
    with pytest.raises(Exception) as error:
        factories.Organization(kind="club", country="Mozambique")
    errors = error.value.error_dict
    assert errors["kind"] == ['Unknown value "club": use one of government, ngo, research, company, '
                              'miners-association, international.']
    assert errors["country"] == ['Unknown code "Mozambique": use ISO 3166-1 alpha-3 codes such as TZA.']


def test_organisation_standard_fields_still_work(app):
    org = factories.Organization(name="igf", title="IGF", description="Forum on mining",
                                 image_url="https://example.org/igf.png")
    shown = call_action("organization_show", id=org["id"])
    assert (shown["title"], shown["description"], shown["image_url"]) == (
        "IGF", "Forum on mining", "https://example.org/igf.png")
    assert "Forum on mining" in text(app.get("/organization/about/igf").body)
