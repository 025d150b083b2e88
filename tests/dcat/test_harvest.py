"""Harvesting DCAT sources: submissions for review, updates, bad sources (the real client: tests/e2e)."""
from __future__ import annotations

import json
from typing import Any

import pytest

from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.harvest import queue
from ckanext.harvest.model import HarvestObject, HarvestSource

import ckan.plugins.toolkit as tk

from ckanext.asmhub.dcat import trust
from ckanext.asmhub.review import CRITERIA

from tests.dcat.harvest_jobs import as_sysadmin, run_job

FOREIGN = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .

<https://portal.example.org/catalog> a dcat:Catalog ;
    dcat:dataset <https://portal.example.org/dataset/galamsey>, <https://portal.example.org/dataset/coltan> .

<https://portal.example.org/dataset/galamsey> a dcat:Dataset ;
    dct:title "{title}" ;
    dct:description "Survey of artisanal gold mining sites." ;
    dct:spatial <http://publications.europa.eu/resource/authority/country/GHA> ;
    dct:publisher [ a foaf:Agent ; foaf:name "Minerals Commission" ] ;
    dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2016-01-01" ; dcat:endDate "2019-12-31" ] ;
    dcat:keyword "gold" .

<https://portal.example.org/dataset/coltan> a dcat:Dataset ;
    dct:title "Coltan sites in South Kivu" ;
    dct:description "Mine sites." ;
    dct:spatial <http://publications.europa.eu/resource/authority/country/COD> .
"""


def _anonymous_titles() -> set[str]:
    found = call_action("package_search", context={"user": "", "ignore_auth": False}, rows=1000)
    return {d["title"] for d in found["results"]}


class TestHarvestIntoReview:
    @pytest.fixture(autouse=True)
    def _source(self, with_plugins, clean_db, clean_index, tmp_path, ckan_config, monkeypatch):
        monkeypatch.setitem(ckan_config, "ckanext.asmhub.harvest.files_dir", str(tmp_path))
        queue.purge_queues()
        self.org = factories.Organization()
        self.file = tmp_path / "catalog.ttl"
        self.write(FOREIGN.replace("{title}", "Galamsey sites in Ghana"))

    def write(self, text: str) -> None:
        self.file.write_text(text, encoding="utf-8")

    def source(self, trusted: bool = False, url: str | None = None) -> dict[str, Any]:
        return as_sysadmin("harvest_source_create", name="portal", title="Example portal",
                           url=url or str(self.file), source_type="dcat_rdf", owner_org=self.org["id"],
                           config=json.dumps({"asmhub_trusted": True}) if trusted else "")

    def harvested(self) -> list[dict[str, Any]]:
        ids = [o.package_id for o in model.Session.query(HarvestObject).filter_by(current=True)
               if o.package_id]
        return [call_action("package_show", id=i) for i in sorted(set(ids))]

    def test_untrusted_source_creates_submissions_awaiting_review_with_provenance(self):
        source = self.source()
        report = run_job(source["id"])
        assert report["gather_errors"] == [] and report["object_errors"] == {}
        datasets = {d["title"]: d for d in self.harvested()}
        assert set(datasets) == {"Galamsey sites in Ghana", "Coltan sites in South Kivu"}
        ghana = datasets["Galamsey sites in Ghana"]
        assert ghana["private"] is True
        assert ghana["owner_org"] == self.org["id"]
        extras = {e["key"]: e["value"] for e in ghana["extras"]}
        assert extras["asmhub_harvest_source"] == source["id"]
        assert extras["asmhub_harvest_url"] == str(self.file)
        assert extras["uri"] == "https://portal.example.org/dataset/galamsey"
        assert ghana["countries"] == ["GHA"]
        assert (str(ghana["temporal_start"]), str(ghana["temporal_end"])) == ("2016", "2019")
        assert _anonymous_titles() == set()
        history = as_sysadmin("asmhub_review_history_show", id=ghana["id"])
        assert history["state"] == "submitted"
        assert [e["kind"] for e in history["events"]][-1] == "submitted"
        assert "Harvested from Example portal" in history["events"][-1]["comment"]

    def test_trusted_source_publishes_directly(self):
        run_job(self.source(trusted=True)["id"])
        assert _anonymous_titles() == {"Galamsey sites in Ghana", "Coltan sites in South Kivu"}
        for dataset in self.harvested():
            assert as_sysadmin("asmhub_review_history_show", id=dataset["id"])["state"] == "approved"

    def test_a_record_withdrawn_at_the_source_is_deleted_by_the_next_harvest(self):
        """The fetch consumer deletes it outside any request; the rest of the job goes on."""
        source = self.source(trusted=True)
        run_job(source["id"])
        ghana = next(d for d in self.harvested() if d["title"] == "Galamsey sites in Ghana")
        without_coltan = FOREIGN[:FOREIGN.index("<https://portal.example.org/dataset/coltan> a")]
        self.write(without_coltan.replace("{title}", "Galamsey sites in Ghana, revised")
                   .replace(", <https://portal.example.org/dataset/coltan>", ""))
        report = run_job(source["id"])
        assert report["gather_errors"] == [] and report["object_errors"] == {}
        assert _anonymous_titles() == {"Galamsey sites in Ghana, revised"}
        assert model.Session.query(model.Package).filter_by(type="dataset", state="deleted").count() == 1
        assert call_action("package_show", id=ghana["id"])["title"] == "Galamsey sites in Ghana, revised"

    def test_clearing_a_source_removes_its_datasets_from_search(self):
        source = self.source(trusted=True)
        run_job(source["id"])
        kept = factories.Dataset(owner_org=self.org["id"], title="Not harvested")
        as_sysadmin("harvest_source_clear", id=source["id"])
        model.Session.remove()
        assert _anonymous_titles() == {kept["title"]}
        assert model.Session.query(model.Package).filter_by(type="dataset").count() == 1

    def test_an_editor_cannot_trust_their_own_source(self):
        """A source's configuration asks for trust; only a moderator saving it grants it."""
        editor = factories.User()
        call_action("organization_member_create", context={"ignore_auth": True},
                    id=self.org["id"], username=editor["name"], role="editor")
        source = call_action("harvest_source_create", context={"user": editor["name"]},
                             name="mine", title="My portal", url="https://portal.example.org/catalog.ttl",
                             source_type="dcat_rdf", owner_org=self.org["id"],
                             config=json.dumps({"asmhub_trusted": True}))
        harvest_source = HarvestSource.get(source["id"])
        assert not trust.is_trusted(harvest_source)
        # A moderator saving it grants the trust it asks for ...
        as_sysadmin("harvest_source_patch", id=source["id"], title="My portal, vetted")
        assert trust.is_trusted(HarvestSource.get(source["id"]))
        # ... and the editor pointing it somewhere else voids it.
        call_action("harvest_source_patch", context={"user": editor["name"]}, id=source["id"],
                    url="https://elsewhere.example.org/catalog.ttl")
        assert not trust.is_trusted(HarvestSource.get(source["id"]))

    def test_an_untrusted_config_flag_sends_harvested_datasets_to_review(self):
        source = self.source(trusted=True)
        records = trust.vetted()
        trust._save({k: v for k, v in records.items() if k != source["id"]})  # as if an editor saved it
        model.Session.commit()
        run_job(source["id"])
        assert _anonymous_titles() == set()
        assert {as_sysadmin("asmhub_review_history_show", id=d["id"])["state"]
                for d in self.harvested()} == {"submitted"}

    @pytest.mark.parametrize("url", ["http://127.0.0.1:5000/catalog.ttl", "http://localhost/catalog.ttl",
                                     "http://169.254.169.254/latest/meta-data", "http://10.0.0.7/x.ttl",
                                     "http://[::1]/catalog.ttl", "ftp://portal.example.org/x.ttl"])
    def test_an_editor_cannot_point_a_source_at_a_local_address(self, url):
        editor = factories.User()
        call_action("organization_member_create", context={"ignore_auth": True},
                    id=self.org["id"], username=editor["name"], role="editor")
        with pytest.raises(tk.ValidationError) as error:
            call_action("harvest_source_create", context={"user": editor["name"]}, name="probe",
                        title="Probe", url=url, source_type="dcat_rdf", owner_org=self.org["id"])
        assert "url" in error.value.error_dict
        assert model.Session.query(HarvestSource).count() == 0

    def test_a_moderator_may_harvest_a_local_address(self):
        source = as_sysadmin("harvest_source_create", name="lan", title="Intranet portal",
                             url="http://127.0.0.1:9/catalog.ttl", source_type="dcat_rdf",
                             owner_org=self.org["id"])
        assert trust.is_vetted(HarvestSource.get(source["id"]))

    def test_a_local_address_is_refused_at_download_time_unless_vetted(self):
        source = self.source(url="http://127.0.0.1:9/catalog.ttl")
        trust._save({})  # the URL was not saved by a moderator
        model.Session.commit()
        report = run_job(source["id"])
        assert "public internet addresses" in report["gather_errors"][0]["message"]
        assert self.harvested() == []

    def test_approved_submission_is_public_and_stays_so_on_reharvest(self):
        source = self.source()
        run_job(source["id"])
        ghana = next(d for d in self.harvested() if d["title"] == "Galamsey sites in Ghana")
        as_sysadmin("asmhub_review_decide", id=ghana["id"], decision="approved",
                    criteria={k: "met" for k in CRITERIA})
        assert "Galamsey sites in Ghana" in _anonymous_titles()
        run_job(source["id"])
        assert "Galamsey sites in Ghana" in _anonymous_titles()
        assert "Coltan sites in South Kivu" not in _anonymous_titles()

    def test_reharvest_updates_instead_of_duplicating(self):
        source = self.source()
        run_job(source["id"])
        before = {d["title"]: d["id"] for d in self.harvested()}
        self.write(FOREIGN.replace("{title}", "Galamsey sites in Ghana, revised"))
        report = run_job(source["id"])
        assert report["gather_errors"] == []
        after = {d["title"]: d for d in self.harvested()}
        assert set(after) == {"Galamsey sites in Ghana, revised", "Coltan sites in South Kivu"}
        assert after["Galamsey sites in Ghana, revised"]["id"] == before["Galamsey sites in Ghana"]
        assert after["Galamsey sites in Ghana, revised"]["private"] is True
        assert model.Session.query(model.Package).filter_by(type="dataset", state="active").count() == 2

    @pytest.mark.parametrize("content, message", [
        ("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<a> a dcat:Dataset ; broken", "Error parsing the RDF"),
        ("<!DOCTYPE html><html><body>Portal home</body></html>", "HTML page, not RDF"),
        ("@prefix dct: <http://purl.org/dc/terms/> .\n<https://x.org/a> dct:title \"Not a dataset\" .",
         "describes no dcat:Dataset"),
        ("", "The source is empty"),
        (FOREIGN.replace('dct:title "{title}" ;', ""), "1 dataset(s) have no dct:title"),
    ], ids=["malformed", "html", "no-dataset", "empty", "missing-title"])
    def test_bad_source_is_reported_and_harms_nothing(self, content, message):
        source = self.source()
        run_job(source["id"])
        before = {d["id"]: d["metadata_modified"] for d in self.harvested()}
        self.write(content)
        report = run_job(source["id"])
        errors = " ".join(report["gather_errors"][i]["message"] for i in range(len(report["gather_errors"])))
        assert message in errors
        assert {d["id"]: d["metadata_modified"] for d in self.harvested()} == before
        job = call_action("harvest_source_show", id=source["id"])["status"]["last_job"]
        assert job["status"] == "Finished" and job["stats"]["errored"] >= 1

    def test_huge_file_is_refused(self, ckan_config, monkeypatch):
        monkeypatch.setitem(ckan_config, "ckanext.dcat.max_file_size", "1")
        self.write(FOREIGN.replace("{title}", "x" * (1024 * 1024)))
        report = run_job(self.source()["id"])
        assert "too big" in report["gather_errors"][0]["message"]
        assert self.harvested() == []

    def test_local_file_outside_the_harvest_directory_is_refused(self):
        report = run_job(self.source(url="/etc/passwd")["id"])
        assert "ckanext.asmhub.harvest.files_dir" in report["gather_errors"][0]["message"]
        assert self.harvested() == []


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_sysadmin_can_register_a_dcat_source_in_the_ui(app):
    sysadmin = factories.SysadminWithToken()
    response = app.get("/harvest/new", headers={"Authorization": sysadmin["token"]})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'value="dcat_rdf"' in html and "DCAT RDF (datasets enter the review queue)" in html


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_a_user_who_edits_no_organisation_cannot_register_a_source(app):
    """Editors of an organisation may (untrusted: see TestHarvestIntoReview); others may not."""
    user = factories.UserWithToken()
    response = app.get("/harvest/new", headers={"Authorization": user["token"]})
    assert response.status_code in (401, 403)
