"""The hub's caches never share a key, nor a clearing, with CKAN's queues (ckanext/asmhub/logic/cache.py)."""
from __future__ import annotations

import pytest

from ckan.cli.cli import ckan as ckan_command
from ckan.lib import jobs
from ckan.lib.redis import connect_to_redis
from ckan.tests.helpers import call_action
from ckanext.harvest import queue

from ckanext.asmhub.logic import cache

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")


def fill(app, make_dataset) -> None:
    """A cached search answer and cached figures, a queued job and a queued harvest object."""
    make_dataset(title="Gold in Ghana", countries=["GHA"])
    call_action("package_search", q="gold")
    app.get("/country")
    jobs.enqueue(print, ["queued"], title="waits in the queue")
    queue.get_fetch_publisher().send({"harvest_object_id": "waits-in-the-queue"})


def queued() -> tuple[int, int]:
    fetch_key = queue.get_fetch_routing_key()
    return len(jobs.get_queue()), connect_to_redis().llen(fetch_key)


def test_every_cache_key_has_the_prefix_and_no_queue_key_has_it(app, make_dataset):
    fill(app, make_dataset)
    names = {k.decode() for k in connect_to_redis().keys("*")}
    cached = {n for n in names if n.startswith(cache.PREFIX)}
    assert any(":search:" in n for n in cached) and any(":figures:" in n for n in cached)
    assert {n for n in names if n.startswith(("rq:", "ckanext-harvest:"))} and not cached & {
        n for n in names if n.startswith(("rq:", "ckanext-harvest:"))}


def test_clearing_the_cache_leaves_the_queues_alone(app, make_dataset, cli):
    fill(app, make_dataset)
    assert queued() == (1, 1)
    result = cli.invoke(ckan_command, ["asmhub", "cache", "clear"])
    assert result.exit_code == 0 and "cache key(s) deleted" in result.output
    assert list(cache.keys()) == []
    assert queued() == (1, 1)


def test_a_cache_database_of_its_own_holds_every_cache_key(app, make_dataset, ckan_config, monkeypatch):
    own = (connect_to_redis().connection_pool.connection_kwargs["db"] + 8) % 16  # clear of make run's
    monkeypatch.setitem(ckan_config, "ckanext.asmhub.cache.redis_url", f"redis://127.0.0.1:6379/{own}")
    cache.connect().flushdb()
    fill(app, make_dataset)
    assert not [k for k in connect_to_redis().keys(cache.PREFIX + "*")]
    assert [k for k in cache.connect().keys(cache.PREFIX + "*")]
    assert cache.clear() > 0 and queued() == (1, 1)
