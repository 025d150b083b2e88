"""Fixtures for the DataStore: the hub served over HTTP for xloader's worker,
uploads as a contributor, and jobs run by a real RQ worker."""
from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from werkzeug.serving import make_server

from ckan.lib import jobs
from ckan.tests.helpers import call_action

from tests.review.conftest import act, all_met, as_user
from tests.review.conftest import people as people  # noqa: F401 - the review's fixture, shared


@pytest.fixture
def clean_datastore(clean_db, clean_index):
    """CKAN's own ``clean_datastore`` (ckanext/datastore/tests/conftest.py): every
    DataStore table dropped, with the database and the index."""
    from sqlalchemy import orm

    from ckanext.datastore.tests import helpers

    helpers.rebuild_all_dbs(orm.scoped_session(orm.sessionmaker(bind=helpers.db.get_write_engine())))


@pytest.fixture
def live_site(app, ckan_config, monkeypatch):
    """The hub served on a free port, where xloader's job downloads uploads and
    reports its progress (``ckanext.xloader.site_url``), with an API token of the
    site user (``ckanext.xloader.api_token``), as `make run` sets up."""
    server = make_server("127.0.0.1", 0, app.app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    monkeypatch.setitem(ckan_config, "ckanext.xloader.site_url", url)
    site_user = call_action("get_site_user")
    token = call_action("api_token_create", context={"user": site_user["name"]},
                        user=site_user["name"], name="xloader")["token"]
    monkeypatch.setitem(ckan_config, "ckanext.xloader.api_token", token)
    yield url
    server.shutdown()
    thread.join()


def run_jobs() -> None:
    """Run every queued job with CKAN's worker, as `ckan jobs worker` does."""
    jobs.Worker().work(burst=True)


@pytest.fixture
def upload(people, create_with_upload):
    """Upload ``data`` as ``filename`` to a new dataset of the contributor."""
    def make(data: bytes | str, filename: str = "data.csv", dataset: dict[str, Any] | None = None,
             **fields: Any) -> dict[str, Any]:
        if dataset is None:
            dataset = call_action("package_create", context=as_user(people.contributor),
                                  name=f"table-{uuid.uuid4().hex[:10]}", title="Gold miners per district",
                                  owner_org=people.org["id"])
        return create_with_upload(data, filename, context=as_user(people.contributor),
                                  package_id=dataset["id"], name=filename, **fields)
    return make


def to_state(people, dataset_id: str, state: str) -> None:
    """Take a contributor's draft to a review state."""
    if state == "draft":
        return
    act("asmhub_review_submit", people.contributor, id=dataset_id)
    if state == "submitted":
        return
    extra: dict[str, Any] = {"comment": "Reason given"}
    if state == "revisions_requested":
        extra["required_changes"] = ["Cite the census"]
    act("asmhub_review_decide", people.moderator, id=dataset_id, decision=state, criteria=all_met(), **extra)
