"""Where the hub keeps its caches in Redis, apart from CKAN's queues.

Every cache key starts with ``asmhub:cache:`` (search answers, the
Countries figures and the catalogue version they are kept under). They live
in the Redis of ``ckanext.asmhub.cache.redis_url`` when that is set (its own
database, say), else beside CKAN's job and harvest queues in
``ckan.redis.url``. Either way clearing the cache deletes only keys with that
prefix, never a database: a queued job or harvest object is never lost.
The keyspaces are listed in docs/operations.md.
"""
from __future__ import annotations

import threading
from typing import Iterator

import redis

from ckan.common import config
from ckan.lib.redis import connect_to_redis

PREFIX = "asmhub:cache:"

_pools: dict[str, redis.ConnectionPool] = {}
_lock = threading.Lock()


def connect() -> redis.Redis:
    url = config.get("ckanext.asmhub.cache.redis_url")
    if not url:
        return connect_to_redis()
    with _lock:
        if url not in _pools:
            _pools[url] = redis.ConnectionPool.from_url(url)
    return redis.Redis(connection_pool=_pools[url])


def key(*parts: str) -> str:
    return PREFIX + ":".join(parts)


def keys() -> Iterator[bytes]:
    return connect().scan_iter(match=PREFIX + "*", count=1000)


def clear() -> int:
    """Delete every cache key; return how many."""
    client, deleted, batch = connect(), 0, []
    for name in keys():
        batch.append(name)
        if len(batch) == 1000:
            deleted += client.delete(*batch)
            batch = []
    if batch:
        deleted += client.delete(*batch)
    return deleted
