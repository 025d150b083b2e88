"""Figures follow the public catalogue: new, changed, hidden and deleted datasets."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from ckan.tests import factories
from ckan.tests.helpers import call_action

pytestmark = [pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis"),
              pytest.mark.freeze_time("2026-11-21")]

SVG = "{http://www.w3.org/2000/svg}"


def census(central="2500000", year="2024", **fields):
    return {"indicator": "asm_miners", "central": central, "unit": "people", "ref_year": year,
            "pub_year": year, "confidence": "A", "curation": "as reported",
            "source": "National census of artisanal miners", **fields}


def headline(app, iso3="GHA") -> str:
    soup = BeautifulSoup(app.get(f"/country/{iso3}").body, "html.parser")
    return soup.select_one(".asmhub-headline").get_text(" ", strip=True)


def table_row(app, iso3="GHA") -> dict:
    return next(c for c in app.get("/country.json").json["countries"] if c["iso3"] == iso3)


def test_an_approved_new_estimate_changes_the_country_page(app, make_dataset):
    make_dataset(name="ghana-old", countries=["GHA"], estimates=[census("1100000", "2011", confidence="C",
                                                                       source="Old survey")])
    assert "1.1 million" in headline(app)  # computed and cached
    make_dataset(name="ghana-census", countries=["GHA"], estimates=[census()])
    page = headline(app)
    assert "2.5 million" in page and "National census" in page and "2024" in page
    assert table_row(app)["people"]["central"] == 2500000
    assert table_row(app)["solidity"] == "solid"  # A, 2 years old, two sources: 2 + 2 + 1


def test_a_private_estimate_changes_nothing(app, make_dataset):
    make_dataset(name="ghana-old", countries=["GHA"], estimates=[census("1100000", "2011", confidence="C")])
    before = app.get("/country/GHA").body
    make_dataset(name="ghana-secret", countries=["GHA"], private=True, estimates=[census("9900000")])
    after = app.get("/country/GHA").body
    assert "9.9 million" not in after
    assert headline(app) in BeautifulSoup(before, "html.parser").get_text(" ", strip=True)
    assert table_row(app)["people"]["central"] == 1100000 and table_row(app)["datasets"] == 1
    assert "ghana-secret" not in app.get("/country.csv").body


def test_a_draft_estimate_changes_nothing(app, make_dataset):
    make_dataset(name="ghana-draft", countries=["GHA"], state="draft", estimates=[census()])
    assert "No figure known" in headline(app)


def test_editing_hiding_and_deleting_a_dataset_update_the_figures(app, make_dataset):
    dataset = make_dataset(name="ghana", countries=["GHA"], estimates=[census()])
    context = {"user": factories.Sysadmin()["name"]}
    assert "2.5 million" in headline(app)
    call_action("package_patch", context=dict(context), id=dataset["id"], estimates=[census("3000000")])
    assert "3 million" in headline(app)
    call_action("package_patch", context=dict(context), id=dataset["id"], private=True)
    assert "No figure known" in headline(app)
    call_action("package_patch", context=dict(context), id=dataset["id"], private=False)
    assert "3 million" in headline(app)
    call_action("package_delete", context=dict(context), id=dataset["id"])
    assert "No figure known" in headline(app)
    assert table_row(app)["datasets"] == 0


def test_regional_datasets_count_for_each_country_but_give_no_national_figure(app, make_dataset):
    make_dataset(name="great-lakes", countries=["COD", "RWA"], minerals=["tin"],
                 estimates=[census("500000")])
    rwanda = table_row(app, "RWA")
    assert rwanda["datasets"] == 1 and rwanda["people"] is None and rwanda["key_minerals"] == ["tin"]


def test_the_chart_shows_every_source_and_year(app, make_dataset):
    org = factories.Organization()
    make_dataset(owner_org=org["id"], name="one", countries=["GHA"],
                 estimates=[census("1100000", "2011", confidence="C", source="Delve beta"),
                            {**census(year=""), "low": "1000000", "high": "1500000", "central": "",
                             "ref_year": "", "pub_year": "2019", "source": "IGF 2019"}])
    make_dataset(owner_org=org["id"], name="two", countries=["GHA"], estimates=[census()])
    soup = BeautifulSoup(app.get("/country/GHA").body, "html.parser")
    svg = ET.fromstring(str(soup.select_one("svg.asmhub-chart")))
    text = " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    for source, year in (("Delve beta", "2011"), ("IGF 2019", "published 2019"),
                         ("National census of artisanal miners", "2024")):
        assert f"{source}. Year: {year}" in text
    assert "3 estimates" in svg.find(f"{SVG}desc").text and "3 sources" in svg.find(f"{SVG}desc").text
    hollow = [c for c in svg.iter(f"{SVG}circle") if c.get("fill") == "white"]
    assert len(hollow) == 1  # dated only by its publication
    assert len(svg.findall(f".//{SVG}line[@stroke-width='3']")) == 1  # one range bar


def test_the_extent_of_a_countrys_datasets_is_mapped(app, make_dataset):
    box = '{"type": "Polygon", "coordinates": [[[-3.3, 4.7], [1.2, 4.7], [1.2, 11.2], [-3.3, 11.2], [-3.3, 4.7]]]}'
    make_dataset(name="ghana-sites", countries=["GHA"], spatial=box)
    soup = BeautifulSoup(app.get("/country/GHA").body, "html.parser")
    extent = soup.select_one("svg.asmhub-map")
    assert "-3.3° to 1.2° longitude and 4.7° to 11.2° latitude" in extent.find("desc").get_text()


def test_library_documents_are_counted_and_listed_apart_from_datasets(app, make_dataset):
    make_dataset(name="ghana-figures", countries=["GHA"], estimates=[census()])
    make_dataset(type="library", name="ghana-report", title="Galamsey in Ghana", authors="Hilson, G.",
                 year="2016", publisher="IIED", document_type="Report", countries=["GHA"],
                 themes=["livelihoods"], access="open")
    row = table_row(app)
    assert (row["datasets"], row["documents"]) == (1, 1)
    soup = BeautifulSoup(app.get("/country/GHA").body, "html.parser")
    documents = soup.select_one("section[aria-labelledby=documents-title]")
    assert documents.select_one("a[href='/library/ghana-report']").get_text() == "Galamsey in Ghana"
    assert documents.select_one("a[href='/library/?countries=GHA']")
    datasets = soup.select_one("section[aria-labelledby=datasets-title]").get_text()
    assert "Galamsey" not in datasets
    themes = BeautifulSoup(app.get("/theme").body, "html.parser")
    assert "1 document" in themes.select_one("li[data-theme=livelihoods]").get_text()
