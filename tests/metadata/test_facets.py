"""Facets on /dataset and in the API count each value of a multi-valued field on its own."""
from __future__ import annotations

import json

import pytest

from ckan.tests import factories

from .test_display import text

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

FACETS = ["minerals", "countries", "themes", "data_confidence", "ref_year", "dataset_type",
          "organization", "res_format", "license_id", "language"]


@pytest.fixture
def catalogue(make_dataset):
    igf = factories.Organization(name="igf", title="IGF")
    delve = factories.Organization(name="delve", title="Delve")
    make_dataset(name="ds-a", owner_org=igf["id"], minerals=["gold", "tin"], countries=["TZA", "UGA"],
                 themes=["livelihoods"], data_confidence="B", license_id="CC-BY-4.0", language=["en", "fr"],
                 estimates=[{"indicator": "asm_miners", "central": 10, "ref_year": 2020, "source": "s"},
                            {"indicator": "women_in_asm", "central": 3, "ref_year": 2018, "source": "s"}],
                 resources=[{"url": "http://x/a.csv", "format": "CSV"}, {"url": "http://x/a.pdf", "format": "PDF"}])
    make_dataset(name="ds-b", owner_org=igf["id"], minerals=["gold"], countries=["TZA"], data_confidence="C",
                 estimates=[{"indicator": "asm_miners", "central": 5, "ref_year": 2020, "source": "s"}],
                 resources=[{"url": "http://x/b.csv", "format": "CSV"}])
    make_dataset(name="ds-c", owner_org=delve["id"], type="library", minerals=["tin"], countries=["UGA"],
                 language=["fr"], license_id="notspecified")


def counts(result, field):
    return {item["name"]: item["count"] for item in result["search_facets"][field]["items"]}


def test_each_value_is_counted_on_its_own(catalogue, search):
    result = search(**{"q": "*:*", "facet.field": json.dumps(FACETS), "facet.limit": -1})
    assert counts(result, "minerals") == {"gold": 2, "tin": 2}
    assert counts(result, "countries") == {"TZA": 2, "UGA": 2}
    assert counts(result, "themes") == {"livelihoods": 1}
    assert counts(result, "data_confidence") == {"B": 1, "C": 1}
    assert counts(result, "ref_year") == {"2020": 2, "2018": 1}
    assert counts(result, "dataset_type") == {"dataset": 2, "library": 1}
    assert counts(result, "organization") == {"igf": 2, "delve": 1}
    assert counts(result, "res_format") == {"CSV": 2, "PDF": 1}
    assert counts(result, "license_id") == {"CC-BY-4.0": 1, "CC-BY-SA-4.0": 1, "notspecified": 1}
    assert counts(result, "language") == {"en": 1, "fr": 2}


def test_facets_show_names_not_codes(catalogue, search):
    result = search(**{"q": "*:*", "facet.field": json.dumps(FACETS)})
    names = {f: {i["name"]: i["display_name"] for i in result["search_facets"][f]["items"]} for f in FACETS}
    assert names["countries"]["TZA"] == "Tanzania"
    assert names["dataset_type"]["library"] == "Library document"
    assert names["license_id"]["CC-BY-4.0"] == "Creative Commons Attribution 4.0 International (CC BY 4.0)"
    assert names["language"]["fr"] == "French"


def test_dataset_page_offers_every_facet_and_filters_by_them(catalogue, app):
    page = text(app.get("/dataset/").body)
    for title in ("Minerals", "Countries", "Themes", "Data confidence", "Reference year", "Type",
                  "Organisations", "Formats", "Licences"):
        assert title in page
    filtered = app.get("/dataset/", query_string={"res_format": "CSV", "license_id": "CC-BY-4.0"}).body
    assert "/dataset/ds-a" in filtered and "/dataset/ds-b" not in filtered
