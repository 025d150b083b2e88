"""The harvest consumers' Redis client waits on an idle queue (dcat/queue.py)."""
from __future__ import annotations

import threading

import pytest
import redis

from ckanext.harvest import queue

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_queues")


def test_the_patched_library_still_needs_the_patch():
    """Remove dcat/queue.py once ckanext-harvest sets the timeout itself."""
    plain = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    assert plain.connection_pool.make_connection().socket_timeout is not None
    assert queue.get_connection_redis.asmhub_blocking


def test_a_consumer_waits_on_an_empty_queue_until_a_message_comes():
    consumer = queue.get_gather_consumer()
    assert consumer.redis.connection_pool.make_connection().socket_timeout is None
    got: list = []
    waiting = threading.Thread(target=lambda: got.append(consumer.redis.blpop("asmhub-test-queue")))
    waiting.start()
    waiting.join(0.5)
    assert waiting.is_alive()  # blocked, not timed out
    queue.get_connection_redis().rpush("asmhub-test-queue", "hello")
    waiting.join(5)
    assert got == [("asmhub-test-queue", "hello")]
