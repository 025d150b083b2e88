"""Rows of a table are read only by those who may see its dataset.

For every review state and every kind of visitor, through ``datastore_search``,
``datastore_info``, ``datastore_search_sql`` (on: it checks every table a query
reads against ``resource_show``, which applies the review's labels), the dump
URL and the preview's data endpoint. Rows are written with ``datastore_create``
into the real DataStore database (loading through xloader: test_loading.py).
"""
from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from .conftest import act, as_user, to_state

pytestmark = [pytest.mark.usefixtures("with_plugins", "clean_datastore"),
              pytest.mark.ckan_config("ckan.datastore.sqlsearch.enabled", True)]

SEES = ("contributor", "editor", "moderator", "sysadmin")
BLIND = ("anonymous", "stranger", "member")
UNDER_REVIEW = ("draft", "submitted", "revisions_requested", "denied")


def table(people, state: str) -> dict[str, Any]:
    """A contributor's dataset in ``state`` with one resource in the DataStore."""
    dataset = call_action("package_create", context=as_user(people.contributor),
                          name=f"table-{uuid.uuid4().hex[:10]}", title="Gold miners per district",
                          owner_org=people.org["id"],
                          resources=[{"url": "https://example.org/miners.csv", "name": "miners"}])
    resource = dataset["resources"][0]
    site = {"user": people.sysadmin["name"]}
    call_action("datastore_create", context=dict(site), resource_id=resource["id"], force=True,
                fields=[{"id": "district", "type": "text"}, {"id": "miners", "type": "int"}],
                records=[{"district": "Geita", "miners": 12000}, {"district": "Chunya", "miners": 8000}])
    view = call_action("resource_view_create", context=dict(site), resource_id=resource["id"], view_type="datatables_view",
                       title="Table")
    to_state(people, dataset["id"], state)
    return {"dataset": dataset, "resource": resource, "view": view}


@pytest.fixture
def tokens(people):
    return {who: factories.APIToken(user=getattr(people, who)["name"])["token"]
            for who in SEES + BLIND[1:]}


def _reads(action: str, people, who: str, **data: Any) -> bool:
    user = None if who == "anonymous" else getattr(people, who)
    try:
        act(action, user, **data)
    except Exception as error:  # NotAuthorized, ObjectNotFound
        assert type(error).__name__ in ("NotAuthorized", "NotFound", "ObjectNotFound"), error
        return False
    return True


def _web(app, tokens, who: str, url: str, method: str = "get", **kwargs: Any):
    headers = {"Authorization": tokens[who]} if who in tokens else {}
    return getattr(app, method)(url, headers=headers, **kwargs)


def what_each_reads(app, people, tokens, rid: str, view_id: str) -> dict[str, dict[str, bool]]:
    seen = {}
    for who in SEES + BLIND:
        dump = _web(app, tokens, who, f"/datastore/dump/{rid}")
        reads = {
            "datastore_search": _reads("datastore_search", people, who, resource_id=rid),
            "datastore_info": _reads("datastore_info", people, who, id=rid),
            "datastore_search_sql": _reads("datastore_search_sql", people, who,
                                           sql=f'SELECT * FROM "{rid}"'),
            "dump": dump.status_code == 200 and "Geita" in dump.body,
        }
        if who in tokens:  # the preview's data (anonymous POSTs need a CSRF token)
            ajax = _web(app, tokens, who, f"/datatables/ajax/{view_id}", method="post",
                        data={"draw": "1", "start": "0", "length": "10", "search[value]": "",
                              "order[0][column]": "0", "order[0][dir]": "asc"})
            reads["preview"] = ajax.status_code == 200 and "Geita" in ajax.body
        seen[who] = reads
    return seen


@pytest.mark.parametrize("state", UNDER_REVIEW)
def test_rows_under_review_are_read_only_by_those_who_see_the_dataset(app, people, tokens, state):
    made = table(people, state)
    seen = what_each_reads(app, people, tokens, made["resource"]["id"], made["view"]["id"])
    for who, reads in seen.items():
        assert all(reads.values()) if who in SEES else not any(reads.values()), (who, reads)


def test_rows_of_an_approved_dataset_are_public(app, people, tokens):
    made = table(people, "approved")
    seen = what_each_reads(app, people, tokens, made["resource"]["id"], made["view"]["id"])
    assert all(all(reads.values()) for reads in seen.values()), seen


def test_rows_are_hidden_again_when_an_approved_dataset_goes_back_to_review(app, people, tokens):
    made = table(people, "approved")
    rid = made["resource"]["id"]
    act("package_patch", people.contributor, id=made["dataset"]["id"], notes="Edited after approval")
    assert not _reads("datastore_search", people, "anonymous", resource_id=rid)
    assert _reads("datastore_search", people, "moderator", resource_id=rid)


@pytest.mark.parametrize("sql", [
    'SELECT p.* FROM "{public}" p JOIN "{hidden}" h ON h.district = p.district',
    'SELECT * FROM "{public}" WHERE district IN (SELECT district FROM "{hidden}")',
    'SELECT district FROM "{public}" UNION SELECT district FROM "{hidden}"',
    'WITH h AS (SELECT * FROM "{hidden}") SELECT * FROM h',
    'SELECT (SELECT count(*) FROM "{hidden}") AS n',
])
def test_sql_cannot_reach_a_hidden_table_through_a_public_one(people, sql):
    public = table(people, "approved")["resource"]["id"]
    hidden = table(people, "submitted")["resource"]["id"]
    query = sql.format(public=public, hidden=hidden)
    for who in BLIND:
        assert not _reads("datastore_search_sql", people, who, sql=query), who
    # Core takes a CTE's name for a table of its own and refuses it to everyone.
    assert _reads("datastore_search_sql", people, "moderator", sql=query) != sql.startswith("WITH")


def test_sql_lists_no_hidden_table(people):
    hidden = table(people, "submitted")["resource"]["id"]
    try:
        result = act("datastore_search_sql", None, sql='SELECT * FROM "_table_metadata"')
    except Exception as error:  # refused outright is fine too
        assert type(error).__name__ in ("NotAuthorized", "NotFound", "ValidationError"), error
        return
    assert hidden not in json.dumps(result)
