"""Let the harvest consumers wait on an idle Redis queue, as they are meant to.

ckanext-harvest 1.6.3's consumers block on ``BLPOP`` with no timeout, relying
on a socket that waits for ever; redis-py 8 (CKAN 2.12's pin) gives every
client a 5-second socket timeout, so each consumer crashed whenever its queue
stayed empty for 5 seconds (ckan/ckanext-harvest#581, open). Checked against
ckanext-harvest 1.6.3 with redis-py 8.0.1; ``tests/dcat/test_queue.py`` fails
if either changes underneath it.
"""
from __future__ import annotations

from typing import Any, Callable

from ckanext.harvest import queue


def _blocking(connect: Callable[[], Any]) -> Callable[[], Any]:
    def get_connection_redis() -> Any:
        client = connect()
        client.connection_pool.connection_kwargs["socket_timeout"] = None
        return client
    get_connection_redis.asmhub_blocking = True
    return get_connection_redis


def install() -> None:
    if not getattr(queue.get_connection_redis, "asmhub_blocking", False):
        queue.get_connection_redis = _blocking(queue.get_connection_redis)
