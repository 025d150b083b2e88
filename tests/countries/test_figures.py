"""The best-figure choice and the data-solidity rule, on plain estimates."""
from __future__ import annotations

import datetime

import pytest

from ckanext.asmhub.countries import figures

TODAY = datetime.date(2026, 11, 21)


def estimate(**fields):
    raw = {"indicator": "asm_miners", "central": "1000", "source": "Source A", **fields}
    return figures.parse(raw, {"name": "d", "title": "D"})


class TestBest:
    def test_better_confidence_beats_a_newer_figure(self):
        old_census = estimate(confidence="A", ref_year="2010", source="Census")
        new_guess = estimate(confidence="B", ref_year="2024", source="Study")
        assert figures.best([new_guess, old_census], "asm_miners")["source"] == "Census"

    def test_newer_wins_at_equal_confidence(self):
        picks = [estimate(confidence="B", ref_year=str(y), source=str(y)) for y in (2015, 2021, 2018)]
        assert figures.best(picks, "asm_miners")["source"] == "2021"

    def test_publication_year_dates_a_figure_without_reference_year(self):
        undated = estimate(confidence="B", pub_year="2022", source="Published")
        dated = estimate(confidence="B", ref_year="2020", source="Dated")
        assert figures.best([dated, undated], "asm_miners")["source"] == "Published"

    def test_only_the_indicator_asked_for(self):
        assert figures.best([estimate(indicator="women_in_asm")], "asm_miners") is None


class TestParse:
    def test_no_number_is_no_estimate(self):
        assert estimate(central="about a million") is None

    def test_a_point_stays_a_point(self):
        point = estimate(central="806957")
        assert (point["low"], point["central"], point["high"]) == (None, 806957, None)

    def test_reversed_range_is_put_right(self):
        reversed_range = estimate(low="900", high="100", central="")
        assert (reversed_range["low"], reversed_range["high"]) == (100, 900)

    def test_only_web_links_are_kept(self):
        assert estimate(source_url="javascript:alert(1)")["source_url"] == ""
        assert estimate(source_url="https://example.org/r")["source_url"] == "https://example.org/r"


class TestSolidity:
    @pytest.mark.parametrize("confidence, points", [("A", 2), ("B", 1), ("C", 0), ("", 0)])
    def test_confidence_points(self, confidence, points):
        result = figures.solidity([estimate(confidence=confidence, ref_year="2000")], TODAY)
        assert result["confidence"] == points

    @pytest.mark.parametrize("year, points", [("2026", 2), ("2021", 2), ("2020", 1), ("2016", 1),
                                              ("2015", 0), ("", 0)])
    def test_recency_points(self, year, points):
        assert figures.solidity([estimate(confidence="C", ref_year=year)], TODAY)["recency"] == points

    def test_independent_sources_are_counted_once_whatever_the_spelling(self):
        same = [estimate(source="World Bank 2019"), estimate(source="world  bank 2019 ")]
        assert figures.solidity(same, TODAY)["source_count"] == 1
        two = same + [estimate(source="IGF 2018")]
        assert (figures.solidity(two, TODAY)["source_count"], figures.solidity(two, TODAY)["sources"]) == (2, 1)
        three = two + [estimate(source="AMDC 2017")]
        assert figures.solidity(three, TODAY)["sources"] == 2

    def test_levels(self):
        census = [estimate(confidence="A", ref_year="2021", source="Census")]  # 2 + 2 + 0
        assert figures.solidity(census, TODAY)["level"] == "solid"
        study = [estimate(confidence="B", ref_year="2020", source="Study")]  # 1 + 1 + 0
        assert figures.solidity(study, TODAY)["level"] == "fair"
        old = [estimate(confidence="C", ref_year="2019", source="Old")]  # 0 + 1 + 0
        assert figures.solidity(old, TODAY)["level"] == "weak"
        assert figures.solidity([], TODAY) == {**figures.solidity([], TODAY), "level": "none", "points": None}

    def test_gold_miner_figures_count_when_there_is_no_all_asm_figure(self):
        gold = [estimate(indicator="asgm_miners", confidence="B", ref_year="2024")]
        assert figures.solidity(gold, TODAY)["points"] == 3
        women_only = [estimate(indicator="women_in_asm", confidence="A", ref_year="2024")]
        assert figures.solidity(women_only, TODAY)["level"] == "none"


class TestCoverage:
    def test_a_partial_census_never_beats_a_national_guess(self):
        eastern_census = estimate(confidence="A", ref_year="2020", coverage="partial", source="IPIS")
        national = estimate(confidence="C", ref_year="2007", source="CASM")
        assert figures.best([eastern_census, national], "asm_miners")["source"] == "CASM"

    def test_only_partial_figures_give_no_headline(self):
        assert figures.best([estimate(coverage="partial")], "asm_miners") is None

    def test_solidity_counts_national_figures_only(self):
        national = estimate(confidence="C", ref_year="2007", source="CASM")
        partial = [estimate(confidence="A", ref_year="2020", coverage="partial", source=s) for s in "XYZ"]
        assert figures.solidity([national, *partial], TODAY) == figures.solidity([national], TODAY)

    def test_equal_ranks_are_ordered_the_same_whatever_the_input_order(self):
        a = estimate(confidence="A", ref_year="2021", central="460892", source_url="https://x.org/a")
        b = estimate(confidence="A", ref_year="2021", central="640000", source_url="https://x.org/a")
        assert figures.best([a, b], "asm_miners") == figures.best([b, a], "asm_miners")
