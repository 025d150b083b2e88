"""The shipped evidence obeys the citation rules, and the checker catches each way to break them."""
from __future__ import annotations

import csv
import datetime
import shutil
from collections import defaultdict
from importlib.resources import files as package_files

import pytest

from ckanext.asmhub.metadata import vocabularies as v
from ckanext.asmhub.evidence import files

HOME_PAGES = {"https://delvedatabase.org", "https://www.planetgold.org", "https://artisanalmining.org",
              "https://www.worldbank.org", "https://www.igfmining.org"}


@pytest.fixture(scope="module")
def evidence():
    found, problems = files.check()
    assert not problems, "\n".join(map(str, problems))
    return found


def test_the_shipped_files_break_no_rule(evidence):
    assert evidence.estimates and evidence.sources


def test_every_figure_names_a_page_a_year_and_a_curation_flag(evidence):
    this_year = datetime.date.today().year
    for row in evidence.estimates:
        assert files.specific_url(row["source_url"]), row
        assert row["source_url"].rstrip("/") not in HOME_PAGES, row
        for key in ("ref_year", "pub_year"):
            assert row[key] is None or 1950 <= row[key] <= this_year, row
        assert row["curation"] in v.CURATION and row["confidence"] in v.CONFIDENCE
        values = [row[k] for k in ("low", "central", "high") if row[k] is not None]
        assert values == sorted(values), row
        if row["unit"] == "percent":
            assert all(0 <= x <= 100 for x in values), row


def test_a_range_only_where_the_source_gives_one(evidence):
    """A range has both ends; a single published value stays a point, with no invented bounds."""
    for row in evidence.estimates:
        assert (row["low"] is None) == (row["high"] is None) or row["central"] is not None, row


def test_coverage_meets_the_evidence_goals(evidence):
    people = defaultdict(set)
    for row in evidence.estimates:
        people[row["indicator"]].add(row["iso3"])
    dated = defaultdict(set)
    for row in evidence.estimates:
        if row["indicator"] == "asm_miners":
            dated[row["iso3"]].add((row["ref_year"] or row["pub_year"], row["source_code"]))
    # A national count of people in ASM, or in gold ASM where that is all that is counted.
    national = {r["iso3"] for r in evidence.estimates
                if r["indicator"] in ("asm_miners", "asgm_miners") and r["unit"] == "people"
                and r["coverage"] != "partial"} - {files.WORLD}
    assert len(national) >= 60
    assert len(people["women_in_asm"] - {files.WORLD}) >= 20
    assert len(people["asgm_miners"] - {files.WORLD}) >= 20
    assert sum(len(d) >= 2 for d in dated.values()) >= 20
    listed = {r["iso3"] for r in evidence.estimates} | {r["iso3"] for r in evidence.countries}
    assert len(listed - {files.WORLD}) >= 90


def test_every_source_is_cited_and_every_citation_has_a_source(evidence):
    used = ({r["source_code"] for r in evidence.estimates} | {r["source_code"] for r in evidence.countries}
            | {r["source_code"] for r in evidence.minerals.values()})
    assert used == set(evidence.sources)
    for source in evidence.sources.values():
        assert source["url"] is None or files.specific_url(source["url"]), source


# The checker itself, on copies of the files with one thing broken -----------------

GOOD = {
    "iso3": "SDN", "indicator": "asm_miners", "central": "1400000", "low": "", "high": "",
    "unit": "people", "ref_year": "2015", "pub_year": "2018", "curation": "extrapolated",
    "confidence": "C", "source_code": "AM-INV-22",
    "source_url": "http://artisanalmining.org/InventoryData/doku.php/country:sudan", "note": "",
}


@pytest.fixture
def with_row(tmp_path, monkeypatch):
    """Check the shipped files plus one estimate row."""
    folder = tmp_path / "evidence"
    shutil.copytree(str(package_files("ckanext.asmhub").joinpath("data", "evidence")), folder)
    monkeypatch.setattr(files, "_folder", lambda: folder)

    def check(**changes):
        with open(folder / "estimates.csv", encoding="utf-8") as f:
            header = next(csv.reader(f))
        with open(folder / "estimates.csv", "a", encoding="utf-8", newline="") as f:
            csv.DictWriter(f, header, restval="").writerow({**GOOD, **changes})
        return [(p.field, p.message) for p in files.check()[1]]
    return check


def test_a_sound_row_passes(with_row):
    assert with_row() == []


@pytest.mark.parametrize("changes, field, words", [
    ({"source_url": "https://delvedatabase.org"}, "source_url", "specific page"),
    ({"source_url": "https://delvedatabase.org/"}, "source_url", "specific page"),
    ({"source_url": ""}, "source_url", "required"),
    ({"source_url": 'https://example.org/a"b'}, "source_url", "specific page"),
    ({"ref_year": "1949"}, "ref_year", "below 1950"),
    ({"ref_year": "2099", "pub_year": "2099"}, "pub_year", "future"),
    ({"ref_year": "2020", "pub_year": "2018"}, "ref_year", "after its publication"),
    ({"low": "2000000", "high": "3000000"}, "low", "above central"),
    ({"high": "1000"}, "central", "above high"),
    ({"central": "", "low": "5"}, "central", "both low and high"),
    ({"unit": "percent", "indicator": "women_in_asm", "central": "140"}, "unit", "above 100"),
    ({"unit": "percent"}, "unit", "does not fit"),
    ({"curation": "guess"}, "curation", "not one of"),
    ({"confidence": "D"}, "confidence", "not one of"),
    ({"source_code": "NOWHERE-99"}, "source_code", "not in sources.csv"),
    ({"central": "lots"}, "central", "not a number"),
    ({"coverage": "regional"}, "coverage", "not one of"),
    ({"iso3": "XYZ"}, "iso3", "ISO 3166-1"),
])
def test_each_broken_rule_is_named(with_row, changes, field, words):
    problems = with_row(**changes)
    assert any(f == field and words in message for f, message in problems), problems


def test_load_refuses_broken_files_with_a_one_line_reason(with_row, monkeypatch):
    with_row(curation="guess")
    files.load.cache_clear()
    try:
        with pytest.raises(files.EvidenceError, match=r"estimates.csv line \d+, curation"):
            files.load()
    finally:
        files.load.cache_clear()


def test_the_readme_states_the_evidence_as_it_is(evidence):
    """The README's summary of the evidence is checked like code."""
    import re
    from pathlib import Path
    readme = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8").split())
    found = re.search(r"(\d+) figures on (\d+) countries and the world from (\d+) cited sources", readme)
    assert found, "the README no longer summarises the evidence"
    countries = {r["iso3"] for r in evidence.estimates} - {files.WORLD}
    assert tuple(map(int, found.groups())) == (len(evidence.estimates), len(countries), len(evidence.sources))
    assert f"{len(evidence.countries)} more countries are listed with a dash" in readme
