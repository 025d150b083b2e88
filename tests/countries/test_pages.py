"""Country profiles, themes and the home page on the seeded catalogue."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from ckanext.asmhub.metadata import vocabularies as v
from ckanext.asmhub.countries import display, figures
from ckanext.asmhub.evidence import files, seed

from .conftest import expected_best, seeded_estimates

pytestmark = [pytest.mark.usefixtures("seeded", "with_plugins"),
              pytest.mark.freeze_time("2026-11-21")]

SVG = "{http://www.w3.org/2000/svg}"


def charts(body: str) -> list[ET.Element]:
    soup = BeautifulSoup(body, "html.parser")
    return [ET.fromstring(str(svg)) for svg in soup.select("svg.asmhub-chart")]


def svg_text(svg: ET.Element) -> str:
    return " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))


class TestCountryProfile:
    def test_headline_figures_with_range_year_and_source(self, app):
        soup = BeautifulSoup(app.get("/country/TZA").body, "html.parser")
        assert soup.h1.get_text(strip=True) == "Tanzania"
        headlines = [h.get_text(" ", strip=True) for h in soup.select(".asmhub-headline")]
        for text, indicator in zip(headlines, (figures.PEOPLE, figures.WOMEN, figures.GOLD_MINERS), strict=True):
            best = expected_best("TZA", indicator)
            assert display.value(best) in text and str(figures.year(best)) in text
            assert best["source"] in text and v.CURATION[best["curation"]] in text

    def test_every_estimate_over_time_is_charted_with_its_sources_and_years(self, app):
        estimates = seeded_estimates()["TZA"]
        people = [e for e in estimates if e["indicator"] == figures.PEOPLE]
        assert len({figures.year(e) for e in people}) >= 5  # a history, not a single dot
        svgs = charts(app.get("/country/TZA").body)
        series = {(e["indicator"], e["unit"]) for e in estimates}
        assert len(svgs) == len(series)  # one chart per indicator and unit
        chart = svgs[0]
        assert chart.get("role") == "img"
        assert chart.find(f"{SVG}title").text == "People working in ASM in Tanzania"
        assert f"{len(people)} estimates of People working in ASM in Tanzania" in chart.find(f"{SVG}desc").text
        text = svg_text(chart)
        for estimate in people:
            assert estimate["source"] in text
        assert len(chart.findall(f".//{SVG}circle")) == len(people)

    def test_a_share_and_a_count_get_charts_of_their_own(self, app):
        body = app.get("/country/TZA").body
        units = {e["unit"] for e in seeded_estimates()["TZA"] if e["indicator"] == figures.WOMEN}
        assert units == {"people", "percent"}
        titles = [svg.find(f"{SVG}title").text for svg in charts(body)]
        assert "Women working in ASM (…%) in Tanzania" in titles
        assert "Women working in ASM (… people) in Tanzania" in titles

    def test_key_minerals_themes_datasets_and_freshness(self, app):
        soup = BeautifulSoup(app.get("/country/TZA").body, "html.parser")
        aside = soup.select_one("aside").get_text(" ", strip=True)
        for code in files.load().minerals["TZA"]["minerals"].split(";"):
            assert v.MINERALS[code] in aside
        assert "Livelihoods and population" in aside and "Gender" in aside
        newest = max(figures.year(e) for e in seeded_estimates()["TZA"])
        assert f"The newest figure describes {newest}: {2026 - newest} years ago." in aside
        links = [a["href"] for a in soup.select("a")]
        assert "/dataset/?countries=TZA&minerals=gold" in links
        assert "/dataset/?countries=TZA&themes=gender" in links
        assert "/dataset/asm-people-tza" in links
        assert "/dataset/?countries=TZA" in links

    def test_each_figure_links_its_page_and_its_source_record(self, app):
        soup = BeautifulSoup(app.get("/country/TZA").body, "html.parser")
        hrefs = {a["href"] for a in soup.select(".asmhub-series a")}
        for estimate in seeded_estimates()["TZA"]:
            assert estimate["source_url"] in hrefs
            assert f"/library/{estimate['source_record']}" in hrefs

    def test_lower_case_codes_redirect_and_unknown_codes_are_not_found(self, app):
        assert app.get("/country/tza", follow_redirects=False).headers["Location"].endswith("/country/TZA")
        assert app.get("/country/XYZ", status=404).status_code == 404

    def test_a_country_without_data_shows_dashes(self, app):
        body = app.get("/country/FRA").body
        assert "France" in body and "No figure known" in body and "No approved dataset gives a figure" in body
        assert not charts(body)

    def test_a_documented_country_names_its_source(self, app):
        documented = files.load().countries[0]
        soup = BeautifulSoup(app.get(f"/country/{documented['iso3']}").body, "html.parser")
        series = soup.select_one(".asmhub-series")
        assert "No approved dataset gives a figure" in series.get_text(" ", strip=True)
        assert series.select_one(f'a[href="{documented["source_url"]}"]')


class TestThemes:
    def test_theme_list_counts_datasets(self, app):
        soup = BeautifulSoup(app.get("/theme").body, "html.parser")
        themes = {li["data-theme"]: li.get_text(" ", strip=True) for li in soup.select("li.asmhub-theme")}
        assert len(themes) == 11
        datasets = [*seed.country_datasets(), seed.global_dataset()]
        for slug in ("livelihoods", "gender", "production", "conflict"):
            count = sum(slug in d["themes"] for d in datasets)
            assert f"{count} dataset" in themes[slug], slug
        assert "0 datasets" in themes["conflict"]

    def test_theme_page_has_its_key_figures(self, app):
        body = app.get("/theme/gender").body
        soup = BeautifulSoup(body, "html.parser")
        women = soup.select_one("table.asmhub-key-figures").get_text(" ", strip=True)
        counts = {c: expected_best(c, figures.WOMEN) for c in seeded_estimates()}
        largest = max((c for c, b in counts.items() if b and b["unit"] == "people"),
                      key=lambda c: counts[c]["central"] or counts[c]["high"])
        assert display.country(largest) in women and display.value(counts[largest]) in women
        assert "Women in ASM" in body

    def test_unknown_theme_is_not_found(self, app):
        assert app.get("/theme/astrology", status=404).status_code == 404


class TestHomePage:
    def test_global_figures_with_their_sources(self, app):
        soup = BeautifulSoup(app.get("/").body, "html.parser")
        sector = soup.select_one(".asmhub-sector").get_text(" ", strip=True)
        world = figures.estimates_of({**seed.global_dataset(), "dataset_type": "dataset"})
        people = [e for e in world if e["indicator"] == figures.GLOBAL_PEOPLE]
        assert len(people) >= 10  # the totals over time, not one figure
        for estimate in people:
            assert display.value(estimate) in sector and estimate["source"] in sector
        gold = figures.best(world, figures.GOLD_SHARE)
        assert "Share of world gold from ASM" in sector and display.value(gold) in sector
        svg = charts(str(soup))[0]
        assert all(e["source"] in svg_text(svg) for e in people)

    def test_featured_countries_newest_datasets_and_a_way_to_contribute(self, app):
        soup = BeautifulSoup(app.get("/").body, "html.parser")
        featured = [h.get_text(strip=True) for h in soup.select(".asmhub-featured-country h3")]
        largest = max((c for c in seeded_estimates() if expected_best(c)),
                      key=lambda c: expected_best(c)["central"] or expected_best(c)["high"])
        assert featured[0] == display.country(largest) and len(featured) == 6
        assert soup.select(".asmhub-sector .asmhub-listing li")
        assert soup.select_one('.asmhub-sector a[href="/dataset/new"]')
