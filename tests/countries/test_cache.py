"""Figures are cached in Redis per catalogue version; a commit that touches the index bumps it."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from ckan import model
from ckan.lib.redis import connect_to_redis

from ckanext.asmhub.countries import cache

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")


def test_pages_store_their_figures_under_the_current_version(app):
    app.get("/country")
    app.get("/country/GHA")
    version = cache.version()
    keys = {k.decode() for k in connect_to_redis().keys("asmhub:figures:*")}
    assert {f"asmhub:figures:{version}:countries-table", f"asmhub:figures:{version}:country:GHA"} <= keys


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
