"""Repeated searches are answered from Redis, never with an answer the index would not give."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from ckan import model
from ckan.tests.helpers import call_action

from ckanext.asmhub.search import connection

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def test_a_repeated_search_is_served_from_the_cache(make_dataset, search, monkeypatch):
    make_dataset(name="first", title="Gold one")
    ran = []
    execute = connection._execute
    monkeypatch.setattr(connection, "_execute", lambda stmt: ran.append(stmt) or execute(stmt))
    first = search(q="gold")
    again = search(q="gold")
    assert len(ran) == 1  # the second answer came from Redis
    assert again == first
    assert type(again["count"]) is int


def test_every_index_write_starts_a_new_generation(make_dataset, search, sysadmin):
    make_dataset(name="first", title="Gold one")
    assert search(q="gold")["count"] == 1
    make_dataset(name="second", title="Gold two")
    assert search(q="gold")["count"] == 2
    call_action("package_patch", context={"user": sysadmin["name"]}, id="second", title="Tin")
    assert search(q="gold")["count"] == 1
    call_action("package_delete", context={"user": sysadmin["name"]}, id="first")
    assert search(q="gold")["count"] == 0


def test_a_write_rolled_back_leaves_the_answer_it_had(make_dataset, search):
    make_dataset(name="gold-a", title="Gold one")
    assert search(q="gold")["count"] == 1
    model.Session.execute(sa.text("DELETE FROM asmhub_search_doc"))
    assert search(q="gold")["count"] == 0  # the transaction sees its own write
    model.Session.rollback()
    assert search(q="gold")["count"] == 1


@pytest.mark.ckan_config("ckanext.asmhub.search.cache_seconds", "0")
def test_the_cache_can_be_turned_off(make_dataset, search, monkeypatch):
    make_dataset(name="first", title="Gold one")
    ran = []
    execute = connection._execute
    monkeypatch.setattr(connection, "_execute", lambda stmt: ran.append(stmt) or execute(stmt))
    assert search(q="gold")["count"] == search(q="gold")["count"] == 1
    assert len(ran) == 2
