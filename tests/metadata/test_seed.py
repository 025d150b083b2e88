"""``ckan asmhub seed``: real figures, their sources' organisations and library, idempotent."""
from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from ckan.cli.cli import ckan as ckan_command
from ckan.tests.helpers import call_action

from .test_display import text

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def rows(name):
    with files("ckanext.asmhub").joinpath("data", name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def run_seed(cli):
    result = cli.invoke(ckan_command, ["asmhub", "seed"])
    assert result.exit_code == 0, result.output
    return result.output


def catalogue():
    """Every dataset and organisation as the API shows them."""
    datasets = call_action("package_search", q="*:*", rows=1000, include_private=True,
                           sort="name asc")["results"]
    orgs = call_action("organization_list", all_fields=True, include_extras=True)
    return datasets, orgs


def test_seeding_twice_gives_the_same_catalogue(cli):
    first = run_seed(cli)
    before = catalogue()
    second = run_seed(cli)
    expected = len(rows("organizations.csv")) + len(
        {r["iso3"] for r in rows("asm_country_estimates.csv")}) + 1 + len(rows("library.csv"))
    assert f"Seeded: {expected} created, 0 updated, 0 unchanged" in first
    assert f"Seeded: 0 created, 0 updated, {expected} unchanged" in second
    assert catalogue() == before


def test_seed_brings_a_changed_dataset_back_to_the_data(cli, sysadmin):
    run_seed(cli)
    call_action("package_patch", context={"user": sysadmin["name"]}, id="asm-people-tza", title="Edited by hand")
    assert "Seeded: 0 created, 1 updated" in run_seed(cli)
    assert call_action("package_show", id="asm-people-tza")["title"].startswith("Artisanal")


def test_every_cited_report_is_a_library_document_owned_by_its_publisher(cli):
    run_seed(cli)
    sources = {s["source_code"]: s for s in rows("sources.csv")}
    for row in rows("library.csv"):
        doc = call_action("package_show", id=f"library-{row['source_code'].lower()}")
        assert doc["type"] == "library"
        assert doc["organization"]["name"] == row["organization"]
        assert doc["year"] == sources[row["source_code"]]["year"]
        assert doc["source_citation"].startswith(sources[row["source_code"]]["citation"])
        assert doc["license_id"] == "notspecified"  # the publisher's terms, not ours
    igf = call_action("organization_show", id="igf")
    assert (igf["kind"], igf.get("country")) == ("international", None)
    assert call_action("organization_show", id="mireme-mozambique")["country"] == "MOZ"


def test_a_reader_finds_the_tanzanian_gold_estimate(cli, app):
    run_seed(cli)
    listing = app.get("/dataset/", query_string={"minerals": "gold", "countries": "TZA"}).body
    assert "Artisanal and small-scale mining in Tanzania: how many people" in listing
    assert "/dataset/asm-people-tza" in listing
    page = text(app.get("/dataset/asm-people-tza").body)
    assert "1.0–1.7 million people (2020, confidence B) Source: Delve country profile: Tanzania" in page
    assert "Creative Commons Attribution-ShareAlike 4.0" in page
