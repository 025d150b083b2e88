"""The thematic world maps: classes, "no figure" never drawn as zero, titles with ranges and sources."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from ckanext.asmhub.countries import display, worldmap


def estimate(indicator="asm_miners", low=None, central=None, high=None, unit="people", year=2019,
             source="Survey of mines"):
    return {"indicator": indicator, "low": low, "central": central, "high": high, "unit": unit,
            "ref_year": year, "pub_year": year, "confidence": "B", "curation": "", "coverage": "national",
            "source": source, "source_url": "", "note": "", "source_record": "", "dataset": "d",
            "dataset_title": "D"}


def row(iso3, people=None, women=None, gold=None, level="none", points=None, documented=None):
    return {"iso3": iso3, "people": people, "women": women, "gold": gold,
            "solidity": {"level": level, "points": points}, "documented": documented}


@pytest.fixture(scope="module")
def request_context():
    """A request to /country, with the app built once for the module (no database needed)."""
    import ckan.plugins as plugins
    from ckan.tests.helpers import _get_test_app

    plugins.load_all()
    try:
        with _get_test_app().flask_app.test_request_context("/country?region=002"):
            yield
    finally:
        plugins.unload_all()


def fills(svg) -> dict[str, str]:
    soup = BeautifulSoup(str(svg), "html.parser")
    return {a["data-iso3"]: a.path["fill"] for a in soup.select("a[data-iso3]")}


@pytest.mark.usefixtures("request_context")
class TestClasses:
    def test_a_country_without_a_figure_is_hatched_not_zero(self):
        rows = [row("TZA", people=estimate(central=0)), row("GHA", documented={"status": "documented"})]
        shown = worldmap.world_map(rows, "people")
        assert fills(shown["svg"]) == {"TZA": worldmap.PALETTES["people"][0], "GHA": worldmap.NO_DATA}
        soup = BeautifulSoup(str(shown["svg"]), "html.parser")
        assert soup.select_one('a[data-iso3="GHA"]')["aria-label"] == \
            "Ghana: ASM documented, no figure published"
        assert soup.select_one('a[data-iso3="TZA"]')["aria-label"].startswith("Tanzania: 0 people")

    def test_countries_the_hub_does_not_list_are_drawn_but_not_linked(self):
        soup = BeautifulSoup(str(worldmap.world_map([row("TZA")], "people")["svg"]), "html.parser")
        assert [a["data-iso3"] for a in soup.select("a[data-iso3]")] == ["TZA"]
        titles = [t.get_text() for t in soup.select("path > title")]
        assert "France: no figure" in titles and len(titles) > 170

    def test_people_are_classed_by_the_middle_of_their_range_and_the_title_gives_the_range(self):
        people = estimate(low=1_000_000, high=1_700_000)
        entry = worldmap.entry("people", "TZA", row("TZA", people=people))
        assert entry.cls == 5
        assert display.value(people) in entry.text and "2019, Survey of mines" in entry.text
        assert worldmap.entry("people", "TZA", row("TZA", people=estimate(high=9_000))).cls == 1

    def test_legend_has_every_class_in_words_and_no_figure_last(self):
        labels = [item["label"] for item in worldmap.legend("people")]
        assert labels == ["under 10,000", "10,000 to 50,000", "50,000 to 200,000", "200,000 to 1 million",
                          "1 million or more", "No figure"]
        assert [i["label"] for i in worldmap.legend("women")][0] == "under 10%"
        assert [i["label"] for i in worldmap.legend("solidity")] == ["Weak", "Fair", "Solid", "No figure"]

    def test_a_share_published_as_a_count_is_divided_by_everyone_in_asm(self):
        r = row("TZA", people=estimate(central=1000, source="Census"),
                women=estimate("women_in_asm", central=300, source="Gender study", year=2018))
        entry = worldmap.entry("women", "TZA", r)
        assert entry.cls == 3  # 30%: 25 to 40%
        assert "women are 30% of people in ASM" in entry.text
        assert "Gender study" in entry.text and "Census" in entry.text

    def test_a_count_with_no_total_is_no_share_but_still_says_the_count(self):
        entry = worldmap.entry("gold", "TZA", row("TZA", gold=estimate("asgm_miners", central=5000)))
        assert entry.cls is None
        assert "5,000 people mine gold" in entry.text and "no figure of all people in ASM" in entry.text

    def test_a_published_share_is_used_as_it_is(self):
        entry = worldmap.entry("women", "TZA", row("TZA", women=estimate("women_in_asm", central=45, unit="percent")))
        assert entry.cls == 4 and "women are 45% of people in ASM" in entry.text

    def test_solidity_layer_says_the_level_in_words(self):
        entry = worldmap.entry("solidity", "TZA", row("TZA", people=estimate(central=5), level="solid", points=5))
        assert entry.cls == 3 and entry.text == "Tanzania: data solidity Solid (5 points)"

    def test_a_country_too_small_for_the_atlas_is_a_dot_on_the_map(self):
        soup = BeautifulSoup(str(worldmap.world_map([row("CPV", people=estimate(central=100))])["svg"]),
                             "html.parser")
        assert soup.select_one('a[data-iso3="CPV"] path')["d"].count("a3.5") == 2


@pytest.mark.usefixtures("request_context")
def test_map_has_a_title_a_description_and_layer_links_keeping_the_filters():
    shown = worldmap.world_map([row("TZA", people=estimate(central=10))], "nonsense")
    soup = BeautifulSoup(str(shown["svg"]), "html.parser")
    svg = soup.svg
    assert svg["data-layer"] == "people"
    assert soup.find(id=svg["aria-labelledby"]).get_text() == worldmap.TITLES["people"]
    assert "Countries table" in soup.find(id=svg["aria-describedby"]).get_text()
    urls = {layer["key"]: layer["url"] for layer in shown["layers"]}
    assert urls["gold"] == "/country?region=002&map=gold#asmhub-worldmap"
    assert urls["people"] == "/country?region=002#asmhub-worldmap"
    assert shown["summary"] == {"countries": 1, "first": 2019, "last": 2019,
                                "sources": [{"source": "Survey of mines", "countries": 1}], "more": 0}
