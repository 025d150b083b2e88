"""Deletes and updates outside a web request: from the ``ckanapi`` command line,
from a job run by an RQ worker, and from a harvest job (in the fetch consumer's
import stage, through the real Redis queues; the harvest's own deletions:
tests/dcat/test_harvest.py).

CKAN unindexes a dataset while it commits the change; a search backend that
committed the session there would close the caller's transaction, and the
next write of a bulk action would fail. Each operation is checked in the
database and in the index, as a sysadmin's search sees it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import jobs, search
from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.dcat.interfaces import IDCATRDFHarvester
from ckanext.harvest import queue

from tests.dcat.harvest_jobs import as_sysadmin, run_job as run_harvest_job

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_queues")

ROOT = Path(__file__).resolve().parents[2]


class Catalogue:
    """Two datasets of one organisation, a third elsewhere, and a sysadmin."""

    def __init__(self, make_dataset: Callable[..., dict[str, Any]]) -> None:
        self.sysadmin = factories.Sysadmin()
        self.org = factories.Organization()
        self.one = make_dataset(owner_org=self.org["id"], title="Gold one")
        self.two = make_dataset(owner_org=self.org["id"], title="Gold two")
        self.other = make_dataset(title="Tin elsewhere")

    def indexed(self) -> dict[str, bool]:
        """Each of these datasets the index holds, by name, with whether it is private."""
        model.Session.remove()
        found = call_action("package_search", context={"user": self.sysadmin["name"]},
                            include_private=True, rows=100)
        names = {self.one["name"], self.two["name"], self.other["name"]}
        return {d["name"]: d["private"] for d in found["results"] if d["name"] in names}

    def state(self, dataset: dict[str, Any]) -> str | None:
        model.Session.remove()
        row = model.Package.get(dataset["id"])
        return row.state if row else None


def _both(c: Catalogue) -> list[str]:
    return [c.one["id"], c.two["id"]]


# name: (action, its data, what the catalogue shows after it)
OPERATIONS: dict[str, tuple[str, Callable[[Catalogue], dict], Callable[[Catalogue], None]]] = {}


def operation(name: str, action: str, data: Callable[[Catalogue], dict]):
    def register(check: Callable[[Catalogue], None]):
        OPERATIONS[name] = (action, data, check)
        return check
    return register


def _one_deleted(c: Catalogue) -> None:
    assert c.state(c.one) == "deleted"
    assert c.indexed() == {c.two["name"]: False, c.other["name"]: False}


operation("package_delete", "package_delete", lambda c: {"id": c.one["id"]})(_one_deleted)
operation("package_update state=deleted", "package_update",
          lambda c: {**c.one, "state": "deleted"})(_one_deleted)
operation("package_patch state=deleted", "package_patch",
          lambda c: {"id": c.one["id"], "state": "deleted"})(_one_deleted)


@operation("bulk_update_delete", "bulk_update_delete",
           lambda c: {"datasets": _both(c), "org_id": c.org["id"]})
def _bulk_deleted(c: Catalogue) -> None:
    assert (c.state(c.one), c.state(c.two)) == ("deleted", "deleted")
    assert c.indexed() == {c.other["name"]: False}


@operation("bulk_update_private", "bulk_update_private",
           lambda c: {"datasets": _both(c), "org_id": c.org["id"]})
def _bulk_private(c: Catalogue) -> None:
    assert c.indexed() == {c.one["name"]: True, c.two["name"]: True, c.other["name"]: False}
    anonymous = call_action("package_search", context={"user": "", "ignore_auth": False})
    assert c.other["name"] in {d["name"] for d in anonymous["results"]}
    assert not {c.one["name"], c.two["name"]} & {d["name"] for d in anonymous["results"]}


@operation("bulk_update_public", "bulk_update_public",
           lambda c: {"datasets": _both(c), "org_id": c.org["id"]})
def _bulk_public(c: Catalogue) -> None:
    assert c.indexed() == {c.one["name"]: False, c.two["name"]: False, c.other["name"]: False}


@operation("dataset_purge", "dataset_purge", lambda c: {"id": c.one["id"]})
def _purged(c: Catalogue) -> None:
    assert c.state(c.one) is None
    assert c.indexed() == {c.two["name"]: False, c.other["name"]: False}


@operation("organization_purge", "organization_purge", lambda c: {"id": c.org["id"]})
def _org_purged(c: Catalogue) -> None:
    model.Session.remove()
    assert model.Group.get(c.org["id"]) is None
    assert c.indexed() == {c.other["name"]: False}


def _private_first(c: Catalogue) -> None:
    """bulk_update_public needs private datasets to act on."""
    for dataset in (c.one, c.two):
        call_action("package_patch", context={"user": c.sysadmin["name"]}, id=dataset["id"],
                    private=True)


def _emptied_org(c: Catalogue) -> None:
    for dataset in (c.one, c.two):
        call_action("package_delete", context={"user": c.sysadmin["name"]}, id=dataset["id"])


@operation("organization_delete", "organization_delete", lambda c: {"id": c.org["id"]})
def _org_deleted(c: Catalogue) -> None:
    model.Session.remove()
    assert model.Group.get(c.org["id"]).state == "deleted"
    assert c.indexed() == {c.other["name"]: False}


# CKAN refuses to delete or purge an organisation that still has datasets.
PREPARE = {"bulk_update_public": _private_first, "organization_delete": _emptied_org,
           "organization_purge": _emptied_org}


def run_job(action: str, data: dict[str, Any], user: str) -> None:
    """Background job: call an action as ``user``, as any job of the hub would."""
    tk.get_action(action)({"user": user, "ignore_auth": False}, data)


def from_ckanapi(action: str, data: dict[str, Any], user: str) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    args = [f"{key}:{json.dumps(value)}" for key, value in data.items()]
    done = subprocess.run([str(Path(sys.executable).parent / "ckanapi"), "action", action, *args,
                           "-c", "test.ini", "-u", user],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def from_job(action: str, data: dict[str, Any], user: str) -> None:
    job = tk.enqueue_job(run_job, [action, data, user], title=f"test {action}")
    model.Session.remove()
    jobs.Worker().work(burst=True)
    assert job.get_status(refresh=True) == "finished", job.exc_info


class OperationDuringHarvest(p.SingletonPlugin):
    """Runs one operation from the import stage of the next harvested dataset."""
    p.implements(IDCATRDFHarvester, inherit=True)
    pending: list[tuple[str, dict[str, Any], str]] = []

    def after_create(self, harvest_object: Any, dataset_dict: dict, temp_dict: dict) -> None:
        while self.pending:
            run_job(*self.pending.pop())


HARVESTED = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://portal.example.org/dataset/kivu> a dcat:Dataset ; dct:title "Coltan sites in South Kivu" .
"""


@pytest.fixture
def from_harvest(provide_plugin, tmp_path, ckan_config, monkeypatch):
    provide_plugin("asmhub_test_operation_during_harvest", OperationDuringHarvest)
    p.load("asmhub_test_operation_during_harvest")
    queue.purge_queues()
    monkeypatch.setitem(ckan_config, "ckanext.asmhub.harvest.files_dir", str(tmp_path))
    (tmp_path / "catalog.ttl").write_text(HARVESTED, encoding="utf-8")

    def run(action: str, data: dict[str, Any], user: str) -> None:
        source = as_sysadmin("harvest_source_create", name="portal", url=str(tmp_path / "catalog.ttl"),
                             source_type="dcat_rdf", owner_org=factories.Organization()["id"],
                             config=json.dumps({"asmhub_trusted": True}))
        OperationDuringHarvest.pending.append((action, data, user))
        report = run_harvest_job(source["id"])
        assert report["object_errors"] == {} and report["gather_errors"] == [], report
        assert OperationDuringHarvest.pending == []
    yield run
    OperationDuringHarvest.pending.clear()
    p.unload("asmhub_test_operation_during_harvest")


@pytest.mark.parametrize("context", ["ckanapi", "job", "harvest"])
@pytest.mark.parametrize("name", list(OPERATIONS))
def test_outside_a_request(name, context, make_dataset, request):
    catalogue = Catalogue(make_dataset)
    action, data, check = OPERATIONS[name]
    if name in PREPARE:
        PREPARE[name](catalogue)
    run = {"ckanapi": from_ckanapi, "job": from_job}.get(context) or request.getfixturevalue("from_harvest")
    run(action, data(catalogue), catalogue.sysadmin["name"])
    check(catalogue)


def test_search_index_clear_commits_nothing_of_the_callers(make_dataset):
    """``ckan search-index clear NAME`` unindexes at once, on a transaction of its own."""
    catalogue = Catalogue(make_dataset)
    factories.Organization(name="pending-org")  # written, not yet committed below
    model.Session.execute(model.group_table.update().where(model.group_table.c.name == "pending-org")
                          .values(title="Uncommitted title"))
    search.clear(catalogue.one["id"])
    model.Session.rollback()
    assert model.Group.get("pending-org").title != "Uncommitted title"
    assert catalogue.indexed() == {catalogue.two["name"]: False, catalogue.other["name"]: False}
