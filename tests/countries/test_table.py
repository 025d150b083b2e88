"""The Countries table, its downloads and the pages, against the seeded reference data."""
from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from .conftest import reference_rows

pytestmark = [pytest.mark.usefixtures("seeded", "with_plugins"),
              pytest.mark.freeze_time("2026-11-21")]

HEADLINE = {"asm_miners": "people", "women_in_asm": "women", "asgm_miners": "gold"}


def number(text: str):
    return float(text) if text else None


def year(text: str):
    return int(text) if text else None


def citations() -> dict[str, str]:
    return {s["source_code"]: s["citation"] for s in reference_rows("sources.csv")}


def table_rows(body: str) -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup(body, "html.parser")
    return {tr["data-iso3"]: tr for tr in soup.select("table.asmhub-table tbody tr[data-iso3]")}


def exported(app, **params) -> dict[str, dict]:
    body = app.get("/country.json", query_string=params).json
    return {c["iso3"]: c for c in body["countries"]}


def test_every_seeded_figure_has_its_range_year_and_source(app):
    countries = exported(app)
    cited = citations()
    checked = 0
    for ref in reference_rows():
        figure = countries[ref["iso3"]][HEADLINE[ref["indicator"]]]
        assert (figure["low"], figure["central"], figure["high"]) == \
            (number(ref["low"]), number(ref["central"]), number(ref["high"])), ref
        assert (figure["ref_year"], figure["pub_year"]) == (year(ref["ref_year"]), year(ref["pub_year"]))
        assert figure["confidence"] == ref["confidence"]
        assert cited[ref["source_code"]] in figure["source"]
        assert figure["dataset_url"].endswith(f"/dataset/asm-people-{ref['iso3'].lower()}")
        checked += 1
    assert checked == len(reference_rows())


def test_a_dash_where_there_is_no_figure(app):
    rows = table_rows(app.get("/country").body)
    philippines = rows["PHL"]  # gold miners only
    assert philippines.select_one(".asmhub-people").get_text(strip=True).startswith("—")
    assert "500,000" in philippines.select_one(".asmhub-gold").get_text()
    assert rows["CHN"].select_one(".asmhub-women").get_text(strip=True).startswith("—")
    assert exported(app)["PHL"]["people"] is None


def test_the_table_shows_range_year_and_source(app):
    tanzania = table_rows(app.get("/country").body)["TZA"]
    people = tanzania.select_one(".asmhub-people").get_text(" ", strip=True)
    assert "1.0–1.7 million people" in people
    assert "2020" in people and "confidence B" in people
    assert "Delve country profile: Tanzania" in people
    mozambique = table_rows(app.get("/country").body)["MOZ"].select_one(".asmhub-people").get_text(" ", strip=True)
    assert "806,957" in mozambique and "point estimate" in mozambique and "2021, published 2023" in mozambique


def test_solidity_flags_follow_the_rule(app):
    rows = table_rows(app.get("/country").body)
    flags = {iso3: row.select_one(".asmhub-solidity").get_text(" ", strip=True) for iso3, row in rows.items()}
    assert "Solid" in flags["MOZ"]  # A, 2021 (5 years old), one source: 2 + 2 + 0
    assert "Fair" in flags["TZA"]  # B, 2020 (6 years old), one source: 1 + 1 + 0
    assert "Weak" in flags["CHN"]  # C, 2003, one source
    assert "How to read this table" in app.get("/country").body
    assert "Independent sources: 3 or more 2 points" in app.get("/country").body


def test_filters_by_region_mineral_and_solidity(app):
    eastern_africa = set(table_rows(app.get("/country", query_string={"region": "014"}).body))
    assert {"TZA", "ETH", "MOZ", "UGA"} <= eastern_africa and "GHA" not in eastern_africa
    africa = set(table_rows(app.get("/country", query_string={"region": "002"}).body))
    assert eastern_africa < africa and "GHA" in africa and "IND" not in africa
    with_diamonds = {r["iso3"] for r in reference_rows("country_minerals.csv") if "diamonds" in r["minerals"]}
    assert set(table_rows(app.get("/country", query_string={"mineral": "diamonds"}).body)) == with_diamonds
    assert set(table_rows(app.get("/country", query_string={"solidity": "solid"}).body)) == {"MOZ"}


def test_sorts_with_unknown_figures_last(app):
    by_people = list(table_rows(app.get("/country").body))
    assert by_people[0] == "IND" and by_people[-1] == "PHL"
    ascending = list(table_rows(app.get("/country", query_string={"sort": "people", "dir": "asc"}).body))
    assert ascending[0] == "COG" and ascending[-1] == "PHL"
    by_name = list(table_rows(app.get("/country", query_string={"sort": "country"}).body))
    assert by_name[:3] == ["BOL", "BRA", "BFA"]


def test_unknown_filter_values_are_ignored(app):
    response = app.get("/country", query_string={"region": "mars", "sort": "drop table", "dir": "up"})
    assert response.status_code == 200
    assert len(table_rows(response.body)) == len({r["iso3"] for r in reference_rows()})


def test_csv_download_carries_figures_and_sources(app):
    response = app.get("/country.csv", query_string={"region": "014"})
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = {r["iso3"]: r for r in csv.DictReader(io.StringIO(response.body))}
    assert "GHA" not in rows
    tanzania = rows["TZA"]
    assert (tanzania["people_low"], tanzania["people_central"], tanzania["people_high"]) == \
        ("1000000.0", "1500000.0", "1700000.0")
    assert tanzania["people_ref_year"] == "2020" and tanzania["people_confidence"] == "B"
    assert "Delve country profile: Tanzania" in tanzania["people_source"]
    assert tanzania["women_central"] == "375000.0" and tanzania["gold_central"] == ""
    assert tanzania["key_minerals"] == "gold;coloured-gemstones"
    assert tanzania["solidity"] == "fair" and tanzania["datasets"] == "1"


def test_json_download_explains_itself(app):
    body = app.get("/country.json", query_string={"mineral": "tin"}).json
    assert body["filters"] == {"mineral": "tin"}
    assert "Independent sources" in body["solidity_rule"]
    assert {c["iso3"] for c in body["countries"]} == {
        r["iso3"] for r in reference_rows("country_minerals.csv") if "tin" in r["minerals"].split(";")}


def test_other_download_formats_are_not_found(app):
    assert app.get("/country.xlsx", status=404).status_code == 404
