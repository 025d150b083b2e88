"""asmhub_search on a site without the hub's plugins: generic behaviour, nothing of the hub's.

(CKAN's own search tests run against the plugin alone too: ``make test-search-core``.)
"""
from __future__ import annotations

import logging

import pytest

import ckan.plugins as p
from ckan.lib.redis import connect_to_redis
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.asmhub.search import fields, interfaces

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
stock = pytest.mark.ckan_config("ckan.plugins", "asmhub_search")


@stock
def test_only_asmhub_search_is_loaded_and_no_field_of_the_hubs_is_special():
    assert p.plugin_loaded("asmhub_search") and not p.plugin_loaded("asmhub")
    assert fields.doc_facets() == frozenset()
    assert fields.counted_facets() == fields.CORE_COUNTED_FACETS


@stock
def test_extras_are_filtered_faceted_and_found_as_text():
    org = factories.Organization()["id"]
    factories.Dataset(name="gold-survey", title="Survey of diggers", owner_org=org,
                      extras=[{"key": "minerals", "value": "gold"}])
    factories.Dataset(name="tin-survey", owner_org=org, extras=[{"key": "minerals", "value": "tin"}])
    result = call_action("package_search", fq="minerals:gold", **{"facet.field": ["minerals"]})
    assert [d["name"] for d in result["results"]] == ["gold-survey"]
    assert result["search_facets"]["minerals"]["items"] == [
        {"name": "gold", "display_name": "gold", "count": 1}]
    assert [d["name"] for d in call_action("package_search", q="extras_minerals:tin")["results"]] == [
        "tin-survey"]


@stock
def test_search_answers_are_cached_in_ckans_redis_without_the_hubs_cache():
    assert isinstance(interfaces.cache(), interfaces._CoreRedis)
    redis = connect_to_redis()
    for key in redis.scan_iter(match="asmhub:cache:search:*"):
        redis.delete(key)
    factories.Dataset(name="cached", owner_org=factories.Organization()["id"])
    assert call_action("package_search", q="cached")["count"] == 1
    assert any(redis.scan_iter(match="asmhub:cache:search:*"))


class _DeclaresAField(p.SingletonPlugin):
    p.implements(interfaces.IAsmhubSearch, inherit=True)

    def asmhub_search_list_fields(self):
        return ["colours"]


@pytest.mark.ckan_config("ckan.plugins", "asmhub_search asmhub_test_declares_colours")
@pytest.mark.provide_plugin("asmhub_test_declares_colours", _DeclaresAField)
def test_a_field_the_database_does_not_keep_is_searched_over_rows_with_a_warning(caplog, monkeypatch):
    # The ini's logging setup disables loggers that existed before it ran.
    monkeypatch.setattr(logging.getLogger("ckanext.asmhub.search.plugin"), "disabled", False)
    with caplog.at_level(logging.WARNING, logger="ckanext.asmhub.search.plugin"):
        p.get_plugin("asmhub_search").configure({})
    assert "colours" in caplog.text
    assert "colours" not in fields.doc_facets()
    factories.Dataset(name="red", owner_org=factories.Organization()["id"],
                      extras=[{"key": "colours", "value": "red"}])
    assert call_action("package_search", fq="colours:red")["count"] == 1
