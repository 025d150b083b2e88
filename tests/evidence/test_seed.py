"""``ckan asmhub seed``: the evidence files become the catalogue, idempotently, each figure
linked to its source record."""
from __future__ import annotations

import pytest

from ckan.cli.cli import ckan as ckan_command
from ckan.tests.helpers import call_action

from ckanext.asmhub.evidence import files, seed
from tests.metadata.test_display import text

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


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


def expected_items() -> int:
    evidence = files.load()
    countries = {r["iso3"] for r in evidence.estimates} - {files.WORLD}
    return len(seed.organizations()) + len(evidence.sources) + len(countries) + 1


def test_seeding_twice_gives_the_same_catalogue(cli):
    first = run_seed(cli)
    before = catalogue()
    second = run_seed(cli)
    assert f"Seeded: {expected_items()} created, 0 updated, 0 unchanged" in first
    assert f"Seeded: 0 created, 0 updated, {expected_items()} unchanged" in second
    assert catalogue() == before


def test_seed_brings_a_changed_dataset_back_to_the_data(cli, sysadmin):
    run_seed(cli)
    name = next(seed.country_datasets())["name"]
    call_action("package_patch", context={"user": sysadmin["name"]}, id=name, title="Edited by hand")
    assert "Seeded: 0 created, 1 updated" in run_seed(cli)
    assert call_action("package_show", id=name)["title"].startswith("Artisanal")


def test_every_figure_is_loaded_as_published_and_linked_to_its_source_record(cli):
    run_seed(cli)
    evidence = files.load()
    for row in evidence.estimates:
        name = "asm-people-global" if row["iso3"] == files.WORLD else f"asm-people-{row['iso3'].lower()}"
        loaded = call_action("package_show", id=name)["estimates"]
        matches = [e for e in loaded if e["source_url"] == row["source_url"]
                   and e["source_record"] == files.record_name(row["source_code"])
                   and e["indicator"] == row["indicator"] and e.get("ref_year") == row["ref_year"]
                   and all(e.get(k) == row[k] for k in ("low", "central", "high"))]
        assert matches, row
        estimate = matches[0]
        assert estimate["curation"] == row["curation"] and estimate["confidence"] == row["confidence"]
        assert estimate.get("coverage") == row["coverage"]
        assert estimate["source"] == files.citation(evidence.sources[row["source_code"]])
        # A point stays a point: no bound is made up.
        if row["low"] is None and row["high"] is None:
            assert "low" not in estimate and "high" not in estimate


def test_every_source_is_one_library_record_with_how_to_cite(cli, app):
    run_seed(cli)
    evidence = files.load()
    for code, source in evidence.sources.items():
        record = call_action("package_show", id=files.record_name(code))
        assert record["type"] == "library"
        assert record.get("year") == (str(source["year"]) if source["year"] else None)
        assert record["publisher"] == source["publisher"]
        assert record["organization"]["name"] == (source["organization"] or seed.CURATORS)
        assert record["license_id"] == "notspecified"  # the publisher's terms, not ours
        assert record.get("url") == source["url"]
    code, source = next(iter(evidence.sources.items()))
    page = text(app.get(f"/library/{files.record_name(code)}").body)
    assert "Cite this" in page or "How to cite" in page
    assert source["title"] in page


def test_a_dataset_page_links_each_figure_to_its_source_and_record(cli, app):
    run_seed(cli)
    dataset = next(seed.country_datasets())
    html = app.get(f"/dataset/{dataset['name']}").body
    for estimate in dataset["estimates"]:
        assert f'href="{estimate["source_url"]}"' in html
        assert f'href="/library/{estimate["source_record"]}"' in html


def test_bad_evidence_stops_the_seed_with_a_one_line_reason(cli, monkeypatch):
    broken = files.Problem("estimates", 7, "curation", "'guess' is not one of census, as reported")
    monkeypatch.setattr(files, "load", lambda: (_ for _ in ()).throw(files.EvidenceError([broken])))
    monkeypatch.setattr(seed, "load", files.load)
    result = cli.invoke(ckan_command, ["asmhub", "seed"])
    assert result.exit_code != 0
    assert "estimates.csv line 7, curation" in result.output
    assert "Traceback" not in result.output
    assert call_action("package_search", q="*:*")["count"] == 0


def test_check_evidence_reports_the_shipped_files_sound(cli):
    result = cli.invoke(ckan_command, ["asmhub", "check-evidence"])
    assert result.exit_code == 0, result.output
    assert "Evidence is sound" in result.output
