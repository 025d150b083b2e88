"""Figures are cached in Redis per catalogue version; a commit that touches the index bumps it."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from ckan import model
from ckan.lib.redis import connect_to_redis

from ckan.lib.search import SearchError

from ckanext.asmhub.countries import aggregate, cache

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")


def test_pages_store_their_figures_under_the_current_version(app):
    app.get("/country")
    app.get("/country/GHA")
    version = cache.version()
    keys = {k.decode() for k in connect_to_redis().keys("asmhub:cache:figures:*")}
    assert {f"asmhub:cache:figures:{version}:countries-table",
            f"asmhub:cache:figures:{version}:country:GHA"} <= keys


def test_a_committed_dataset_starts_a_new_version(make_dataset):
    before = cache.version()
    make_dataset(countries=["GHA"])
    assert cache.version() != before


def test_a_rolled_back_change_keeps_the_version():
    before = cache.version()
    model.Session.execute(sa.text("SELECT 1"))
    cache.mark_changed()
    model.Session.rollback()
    model.Session.commit()
    assert cache.version() == before


def test_a_flushed_redis_never_reuses_a_version():
    first = cache.version()
    connect_to_redis().flushdb()
    assert cache.version() != first


def timed_out():
    raise SearchError("canceling statement due to statement timeout")


def test_a_failed_recomputation_serves_the_last_good_figures():
    assert cache.cached("figures", lambda: {"people": 1}) == {"people": 1}
    cache.bump()
    assert cache.cached("figures", timed_out) == {"people": 1}
    assert cache.cached("figures", lambda: {"people": 2}) == {"people": 2}  # not cached as current


def test_without_earlier_figures_the_page_says_they_are_unavailable(app, monkeypatch):
    monkeypatch.setattr(aggregate, "_table", timed_out)
    response = app.get("/country", status=503)
    assert "The figures are not available right now" in response.body
    home = app.get("/")
    assert home.status_code == 200 and "The sector at a glance" not in home.body
