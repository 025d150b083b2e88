"""The Countries table, its downloads and the sources page, against the seeded evidence."""
from __future__ import annotations

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup

from ckanext.asmhub.countries import display, figures, regions
from ckanext.asmhub.evidence import files

from .conftest import expected_best, seeded_estimates

pytestmark = [pytest.mark.usefixtures("seeded", "with_plugins"),
              pytest.mark.freeze_time("2026-11-21")]


def table_rows(body: str) -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup(body, "html.parser")
    return {tr["data-iso3"]: tr for tr in soup.select("table.asmhub-table tbody tr[data-iso3]")}


def exported(app, **params) -> dict[str, dict]:
    body = app.get("/country.json", query_string=params).json
    return {c["iso3"]: c for c in body["countries"]}


def listed_countries() -> set[str]:
    evidence = files.load()
    return ({r["iso3"] for r in evidence.estimates} | {r["iso3"] for r in evidence.countries}) - {files.WORLD}


def test_every_figure_is_in_the_json_download_with_its_citation(app):
    countries = exported(app)
    evidence = files.load()
    checked = 0
    for row in evidence.estimates:
        if row["iso3"] == files.WORLD:
            continue
        found = [f for f in countries[row["iso3"]]["figures"]
                 if f["source_url"] == row["source_url"] and f["indicator"] == row["indicator"]
                 and f["source_record_url"].endswith("/library/" + files.record_name(row["source_code"]))
                 and f["ref_year"] == row["ref_year"]
                 and (f["low"], f["central"], f["high"]) == (row["low"], row["central"], row["high"])]
        assert found, row
        figure = found[0]
        assert (figure["ref_year"], figure["pub_year"]) == (row["ref_year"], row["pub_year"])
        assert (figure["confidence"], figure["curation"]) == (row["confidence"], row["curation"])
        assert figure["source"] == files.citation(evidence.sources[row["source_code"]])
        assert figure["dataset_url"].endswith(f"/dataset/asm-people-{row['iso3'].lower()}")
        # Counts are whole numbers, as published: 1200000, never 1200000.0.
        assert all(isinstance(figure[k], int) for k in ("low", "central", "high")
                   if isinstance(row[k], int))
        checked += 1
    assert checked == sum(r["iso3"] != files.WORLD for r in evidence.estimates)


def test_the_headline_is_the_best_national_figure(app):
    countries = exported(app)
    for iso3, estimates in seeded_estimates().items():
        for key, indicator in (("people", figures.PEOPLE), ("women", figures.WOMEN), ("gold", figures.GOLD_MINERS)):
            best = figures.best(estimates, indicator)
            shown = countries[iso3][key]
            assert (shown is None) == (best is None), (iso3, key)
            if best:
                assert (shown["low"], shown["central"], shown["high"], shown["source_url"]) == \
                    (best["low"], best["central"], best["high"], best["source_url"]), (iso3, key)


def test_a_figure_of_part_of_a_country_is_never_its_headline(app):
    partial = [(r["iso3"], r) for r in files.load().estimates if r["coverage"] == "partial"]
    assert partial
    countries = exported(app)
    for iso3, row in partial:
        headline = countries[iso3][{"asm_miners": "people", "women_in_asm": "women",
                                    "asgm_miners": "gold"}.get(row["indicator"], "people")]
        assert not headline or headline["source_url"] != row["source_url"] or \
            (headline["low"], headline["central"], headline["high"]) != (row["low"], row["central"], row["high"])


def test_a_dash_and_the_documenting_source_where_no_figure_is_published(app):
    rows = table_rows(app.get("/country").body)
    documented = files.load().countries[0]
    people = rows[documented["iso3"]].select_one(".asmhub-people")
    assert people.get_text(strip=True).startswith("—")
    assert "ASM documented, no figure published" in people.get_text(" ", strip=True) or \
        "ASM likely, not yet documented" in people.get_text(" ", strip=True)
    assert people.select_one(f'a[href="{documented["source_url"]}"]')
    country = exported(app)[documented["iso3"]]
    assert country["people"] is None and country["figures"] == []
    assert country["status"] == documented["status"]
    assert country["documented_by"]["source_url"] == documented["source_url"]


def test_the_table_shows_range_year_source_and_record(app):
    rows = table_rows(app.get("/country").body)
    for iso3 in ("TZA", "MOZ", "SDN"):
        best = expected_best(iso3)
        people = rows[iso3].select_one(".asmhub-people")
        text = people.get_text(" ", strip=True)
        assert display.value(best) in text and str(figures.year(best)) in text
        assert f"confidence {best['confidence']}" in text
        assert people.select_one(f'a[href="{best["source_url"]}"]')
        assert people.select_one(f'a[href="/library/{best["source_record"]}"]')


def test_solidity_flags_follow_the_rule(app):
    rows = table_rows(app.get("/country").body)
    for iso3, estimates in seeded_estimates().items():
        level = figures.solidity(estimates, today=datetime.date(2026, 11, 21))["level"]
        flag = rows[iso3].select_one(".asmhub-solidity")["class"]
        assert f"asmhub-solidity-{level}" in flag, iso3
    body = app.get("/country").body
    assert "How to read this table" in body and "Independent sources: 3 or more 2 points" in body


def test_filters_by_region_mineral_and_solidity(app):
    listed = listed_countries()
    eastern_africa = set(table_rows(app.get("/country", query_string={"region": "014"}).body))
    assert eastern_africa == {c for c in listed if "014" in regions.of(c)}
    assert {"TZA", "ETH", "MOZ", "UGA"} <= eastern_africa and "GHA" not in eastern_africa
    africa = set(table_rows(app.get("/country", query_string={"region": "002"}).body))
    assert eastern_africa < africa and "GHA" in africa and "IND" not in africa
    with_diamonds = {c for c, m in files.load().minerals.items() if "diamonds" in m["minerals"].split(";")}
    assert set(table_rows(app.get("/country", query_string={"mineral": "diamonds"}).body)) == with_diamonds
    solid = set(table_rows(app.get("/country", query_string={"solidity": "solid"}).body))
    assert solid and all("asmhub-solidity-solid" in table_rows(app.get("/country").body)[c]
                         .select_one(".asmhub-solidity")["class"] for c in solid)


def test_sorts_with_unknown_figures_last(app):
    by_people = list(table_rows(app.get("/country").body))
    largest = max(seeded_estimates(), key=lambda c: (lambda b: (b["central"] or b["high"] or 0) if b else -1)(
        expected_best(c)))
    assert by_people[0] == largest
    without = {c for c in listed_countries() if c not in seeded_estimates() or not expected_best(c)}
    assert set(by_people[-len(without):]) == without
    by_name = list(table_rows(app.get("/country", query_string={"sort": "country"}).body))
    names = [display.country(c).lower() for c in by_name]
    assert names == sorted(names)


def test_unknown_filter_values_are_ignored(app):
    response = app.get("/country", query_string={"region": "mars", "sort": "drop table", "dir": "up"})
    assert response.status_code == 200
    assert set(table_rows(response.body)) == listed_countries()


def test_csv_download_has_a_row_per_figure_with_its_citation(app):
    response = app.get("/country.csv", query_string={"region": "014"})
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.body)))
    assert "GHA" not in {r["iso3"] for r in rows}
    tanzania = [r for r in rows if r["iso3"] == "TZA"]
    assert len(tanzania) == len(seeded_estimates()["TZA"])
    best = expected_best("TZA")
    [shown] = [r for r in tanzania if r["best"] == "yes" and r["indicator"] == "asm_miners"]
    assert shown["source_url"] == best["source_url"] and shown["central"] == str(best["central"] or "")
    for row in tanzania:
        assert row["source"] and row["source_url"].startswith("http") and row["pub_year"]
        assert row["source_record_url"].startswith("http") and "/library/library-" in row["source_record_url"]
        for key in ("low", "central", "high"):
            assert not row[key].endswith(".0"), row  # integers as integers
    assert {r["key_minerals"] for r in tanzania} == {files.load().minerals["TZA"]["minerals"]}


def test_csv_cells_never_start_a_formula():
    from ckanext.asmhub.countries.export import safe_cell
    for dangerous in ("=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\t=1"):
        assert safe_cell(dangerous).startswith("'")
    assert safe_cell("Tanzania") == "Tanzania" and safe_cell(1200000) == 1200000 and safe_cell(None) == ""


def test_csv_lists_a_documented_country_with_its_source(app):
    documented = files.load().countries[0]
    rows = [r for r in csv.DictReader(io.StringIO(app.get("/country.csv").body)) if r["iso3"] == documented["iso3"]]
    assert len(rows) == 1 and rows[0]["status"] == documented["status"]
    assert rows[0]["source_url"] == documented["source_url"] and rows[0]["indicator"] == ""


def test_json_download_explains_itself(app):
    body = app.get("/country.json", query_string={"mineral": "tin"}).json
    assert body["filters"] == {"mineral": "tin"}
    assert "Independent sources" in body["solidity_rule"]
    # Minerals reach the table through a country's dataset: countries with figures.
    assert {c["iso3"] for c in body["countries"]} == {
        c for c, m in files.load().minerals.items()
        if "tin" in m["minerals"].split(";") and c in seeded_estimates()}


def test_the_sources_page_counts_the_figures_of_each_source(app):
    soup = BeautifulSoup(app.get("/country/sources").body, "html.parser")
    rows = soup.select("table.asmhub-sources-table tbody tr")
    evidence = files.load()
    national = [r for r in evidence.estimates if r["iso3"] != files.WORLD]
    counted = {tr.select_one("th a")["href"]: int(tr.select_one(".asmhub-num").get_text()) for tr in rows
               if tr.select_one("th a")}
    inventory = f"/library/{files.record_name('AM-INV-22')}"
    assert counted[inventory] == sum(r["source_code"] == "AM-INV-22" for r in national)
    assert sum(counted.values()) == len(national)
    assert "best current estimate" in soup.get_text(" ")
    assert "Counted: a census, a registry or a systematic survey of sites." in soup.get_text(" ")


def test_other_download_formats_are_not_found(app):
    assert app.get("/country.xlsx", status=404).status_code == 404
