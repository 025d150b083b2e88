"""Cache the computed aggregates until the public catalogue changes.

Every aggregate is stored in Redis (shared by all web processes) under a key
that includes the *catalogue version*, a Redis counter. Whenever a dataset is
indexed (created, updated, approved, made public or private, reindexed) or
deleted, the plugin marks the database session; right after that session
commits, the counter is bumped, so every later request computes fresh figures
from the committed data. Bumping after the commit, not before, means no
request can store old figures under the new version.

Each process also keeps the values of the current version in memory, so a warm
page does not even decode JSON. Entries expire after
``ckanext.asmhub.countries.cache_ttl`` seconds as a safety net. The last good
value of each aggregate is also kept without a version: if the search behind a
recomputation fails (e.g. times out on a huge catalogue), that one is served.
"""
from __future__ import annotations

import json
import logging
import secrets
import threading
from typing import Any, Callable

import redis
import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.search import SearchError

from ..logic import cache as hub_cache

log = logging.getLogger(__name__)

VERSION_KEY = hub_cache.key("catalogue-version")
_FLAG = "asmhub_catalogue_changed"
_local: dict[str, Any] = {}
_local_version: list[str] = [""]
_lock = threading.Lock()


def _redis() -> redis.Redis:
    return hub_cache.connect()


def _start() -> bool:
    """Create the counter if it is missing (a new or flushed Redis).

    It starts from a random number, not from 0, so a flushed Redis never
    hands out a version some process still holds figures for.
    """
    return bool(_redis().set(VERSION_KEY, secrets.randbits(48), nx=True))


def version() -> str:
    try:
        value = _redis().get(VERSION_KEY)
        if value is None:
            _start()
            value = _redis().get(VERSION_KEY)
        return value.decode()
    except redis.RedisError as error:
        log.warning("Redis unavailable, figures are computed uncached: %s", error)
        return ""


def bump() -> None:
    """Start a new catalogue version (call after the change is committed)."""
    try:
        if not _start():
            _redis().incr(VERSION_KEY)
    except redis.RedisError as error:
        log.warning("Could not invalidate the figures cache: %s", error)


class Unavailable(Exception):
    """The figures could not be computed and no earlier ones are kept."""


def _compute(name: str, compute: Callable[[], Any]) -> tuple[Any, bool]:
    """(value, fresh): computed now, or the last good value if the search fails.

    A catalogue large enough for the figures' search to time out still gets
    the figures computed before (they say when); only if there are none does
    the page say the figures are unavailable.
    """
    last_key = hub_cache.key("figures", "last", name)
    try:
        value = compute()
    except SearchError as error:
        log.warning("Could not compute %s: %s", name, error)
        try:
            stored = _redis().get(last_key)
        except redis.RedisError:
            stored = None
        if stored is None:
            raise Unavailable(name) from None
        return json.loads(stored), False
    try:
        _redis().set(last_key, json.dumps(value))
    except redis.RedisError as error:
        log.warning("Could not keep %s: %s", name, error)
    return value, True


def cached(name: str, compute: Callable[[], Any]) -> Any:
    """``compute()``'s JSON-able value for the current catalogue version."""
    current = version()
    if not current:
        return compute()
    key = hub_cache.key("figures", current, name)
    with _lock:
        if _local_version[0] != current:
            _local.clear()
            _local_version[0] = current
        if key in _local:
            return _local[key]
    try:
        stored = _redis().get(key)
    except redis.RedisError:
        stored = None
    if stored is not None:
        value = json.loads(stored)
    else:
        value, fresh = _compute(name, compute)
        if not fresh:
            return value  # try again on the next request
        try:
            _redis().setex(key, tk.config.get("ckanext.asmhub.countries.cache_ttl"),
                           json.dumps(value))
        except redis.RedisError as error:
            log.warning("Could not cache %s: %s", name, error)
    with _lock:
        if _local_version[0] == current:
            _local[key] = value
    return value


def mark_changed() -> None:
    """Note that the current transaction changes the catalogue."""
    model.Session().info[_FLAG] = True


def _after_commit(session: Any) -> None:
    if session.info.pop(_FLAG, False):
        bump()


def _after_rollback(session: Any, previous_transaction: Any) -> None:
    """A rolled back change changed nothing (a savepoint's rollback leaves the flag)."""
    if not previous_transaction.nested:
        session.info.pop(_FLAG, None)


def install() -> None:
    """Listen for commits of the CKAN session (once per process)."""
    if not sa.event.contains(model.Session, "after_commit", _after_commit):
        sa.event.listen(model.Session, "after_commit", _after_commit)
        sa.event.listen(model.Session, "after_soft_rollback", _after_rollback)
