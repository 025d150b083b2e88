"""The fence around changes to CKAN's code (ckanext/asmhub/patches.py) holds.

Each test fails when the code a patch leans on changes underneath it, so an
upgrade of CKAN, ckanext-harvest or redis-py makes someone re-check the patch.
"""
from __future__ import annotations

import importlib
import json
import threading
from importlib import metadata
from importlib.resources import files
from pathlib import Path

import pytest
import redis

import ckan
import ckan.config.environment as environment
from ckan.lib import search as core_search
from ckan.model import Package

from ckanext.asmhub import patches


def test_the_installed_versions_are_the_ones_the_patches_were_checked_against():
    installed = {"ckan": ckan.__version__, "ckanext-harvest": metadata.version("ckanext-harvest"),
                 "redis": metadata.version("redis")}
    assert installed == patches.CHECKED_AGAINST, (
        "re-check every patch in ckanext/asmhub/patches.py, then update CHECKED_AGAINST")


def _core_modules_naming(name: str) -> set[str]:
    root = Path(ckan.__file__).parent
    return {".".join(("ckan",) + path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
            for path in root.rglob("*.py")
            if "tests" not in path.parts and name in path.read_text(encoding="utf-8")}


def test_every_module_of_core_that_reaches_solr_is_a_seam():
    """A new caller of make_connection would bypass the PostgreSQL backend."""
    assert _core_modules_naming("make_connection") == set(patches.SEARCH_SEAMS)


def test_the_seams_look_make_connection_up_at_call_time():
    for name in patches.SEARCH_SEAMS:
        module = importlib.import_module(name)
        assert callable(module.make_connection)
    callers = (core_search.query.PackageSearchQuery.run, core_search.index.PackageSearchIndex.index_package,
               core_search.index.clear_index, core_search.common.is_available)
    for function in callers:
        assert "make_connection" in function.__code__.co_names, function.__qualname__


def test_core_checks_the_solr_schema_through_the_search_module():
    assert environment.search is core_search
    assert "check_solr_schema_version" in environment.update_config.__code__.co_names


@pytest.mark.usefixtures("with_plugins")
def test_the_search_patch_comes_off_and_on_again():
    import pysolr

    from ckanext.asmhub import search
    assert patches.search_routed()
    try:
        patches.restore_search()
        assert not patches.search_routed()
        assert isinstance(core_search.common.make_connection(), pysolr.Solr)
        assert core_search.check_solr_schema_version is not patches._no_schema_to_check
    finally:
        patches.route_search(search.make_connection)
    for name in patches.SEARCH_SEAMS:
        assert importlib.import_module(name).make_connection is search.make_connection


def test_core_still_caches_the_licence_register_on_the_class():
    code = Package.get_license_register.__func__.__code__
    assert "_license_register" in code.co_consts + code.co_names


@pytest.mark.usefixtures("with_plugins")
def test_a_forgotten_register_is_read_again_from_the_hubs_licences():
    hub_ids = {licence["id"] for licence in
               json.loads(files("ckanext.asmhub").joinpath("data", "licences.json").read_text())}
    stale = object()
    Package._license_register = stale  # as left by an earlier app in this process
    patches.forget_cached_licences()
    register = Package.get_license_register()
    assert register is not stale
    assert {licence.id for licence in register.licenses} == hub_ids


@pytest.mark.usefixtures("with_plugins")
def test_the_harvest_library_still_needs_its_patch():
    """Remove patch 3 once ckanext-harvest sets the socket timeout itself."""
    original = patches._originals[("ckanext.harvest.queue", "get_connection_redis")]
    assert original().connection_pool.make_connection().socket_timeout is not None
    plain = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    assert plain.connection_pool.make_connection().socket_timeout is not None


@pytest.mark.usefixtures("with_plugins")
def test_a_harvest_consumer_waits_on_an_empty_queue_until_a_message_comes():
    from ckanext.harvest import queue
    consumer = queue.get_gather_consumer()
    assert consumer.redis.connection_pool.make_connection().socket_timeout is None
    key = "asmhub-test-patches-queue"
    queue.get_connection_redis().delete(key)
    got: list = []
    waiting = threading.Thread(target=lambda: got.append(consumer.redis.blpop(key)))
    waiting.start()
    waiting.join(0.5)
    assert waiting.is_alive()  # blocked, not timed out
    queue.get_connection_redis().rpush(key, "hello")
    waiting.join(5)
    assert got == [(key, "hello")]
