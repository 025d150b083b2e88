"""Country profiles, themes and the home page on the seeded catalogue."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

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
        assert "1.0–1.7 million people" in headlines[0] and "central estimate 1.5 million" in headlines[0]
        assert "2020" in headlines[0] and "confidence B" in headlines[0]
        assert "Delve country profile: Tanzania" in headlines[0]
        assert "300,000–450,000" in headlines[1] and "hypothesis" in headlines[1]
        assert "No figure known" in headlines[2]

    def test_every_chart_is_labelled_and_names_its_sources_and_years(self, app):
        svgs = charts(app.get("/country/TZA").body)
        assert len(svgs) == 2  # people, women
        people = svgs[0]
        assert people.get("role") == "img"
        assert people.find(f"{SVG}title").text == "People working in ASM in Tanzania"
        assert "1 estimates of People working in ASM in Tanzania from 1 sources, 2020 to 2020" in \
            people.find(f"{SVG}desc").text
        text = svg_text(people)
        assert "Delve country profile: Tanzania" in text and "Year: 2020" in text
        assert len(people.findall(f".//{SVG}circle")) == 1  # one figure, drawn as a range with its centre

    def test_key_minerals_themes_datasets_and_freshness(self, app):
        soup = BeautifulSoup(app.get("/country/TZA").body, "html.parser")
        aside = soup.select_one("aside").get_text(" ", strip=True)
        assert "Gold" in aside and "Coloured gemstones" in aside
        assert "Livelihoods and population" in aside and "Gender" in aside
        assert "The newest figure describes 2020: 6 years ago." in aside
        links = [a["href"] for a in soup.select("a")]
        assert "/dataset/?countries=TZA&minerals=gold" in links
        assert "/dataset/?countries=TZA&themes=gender" in links
        assert "/dataset/asm-people-tza" in links
        assert "/dataset/?countries=TZA" in links

    def test_lower_case_codes_redirect_and_unknown_codes_are_not_found(self, app):
        assert app.get("/country/tza", follow_redirects=False).headers["Location"].endswith("/country/TZA")
        assert app.get("/country/XYZ", status=404).status_code == 404

    def test_a_country_without_data_shows_dashes(self, app):
        body = app.get("/country/FRA").body
        assert "France" in body and "No figure known" in body and "No approved dataset gives a figure" in body
        assert not charts(body)


class TestThemes:
    def test_theme_list_counts_datasets(self, app):
        soup = BeautifulSoup(app.get("/theme").body, "html.parser")
        themes = {li["data-theme"]: li.get_text(" ", strip=True) for li in soup.select("li.asmhub-theme")}
        assert len(themes) == 11
        assert "31 datasets" in themes["livelihoods"]  # 30 countries and the world
        assert "5 datasets" in themes["gender"]  # the countries with figures for women
        assert "0 datasets" in themes["conflict"]

    def test_theme_page_has_its_key_figures(self, app):
        body = app.get("/theme/gender").body
        soup = BeautifulSoup(body, "html.parser")
        women = soup.select_one("table.asmhub-key-figures").get_text(" ", strip=True)
        assert "Ethiopia" in women and "450,000" in women
        assert "Women in ASM" in body

    def test_unknown_theme_is_not_found(self, app):
        assert app.get("/theme/astrology", status=404).status_code == 404


class TestHomePage:
    def test_global_figures_with_their_sources(self, app):
        soup = BeautifulSoup(app.get("/").body, "html.parser")
        sector = soup.select_one(".asmhub-sector").get_text(" ", strip=True)
        assert "42.5–63.8 million people" in sector and "ASM Inventory" in sector
        assert "13 million" in sector and "Social and labour issues in small-scale mines" in sector
        assert "Share of world gold from ASM" in sector and "20%" in sector
        svg = charts(str(soup))[0]
        assert "Jennings, N. Social and labour issues" in svg_text(svg)

    def test_featured_countries_newest_datasets_and_a_way_to_contribute(self, app):
        soup = BeautifulSoup(app.get("/").body, "html.parser")
        featured = [h.get_text(strip=True) for h in soup.select(".asmhub-featured-country h3")]
        assert featured[0] == "India" and len(featured) == 6
        assert soup.select(".asmhub-sector .asmhub-listing li")
        assert soup.select_one('.asmhub-sector a[href="/dataset/new"]')
