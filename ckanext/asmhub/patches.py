"""Every change the hub makes to the code of CKAN or of another extension.

The hub works through CKAN's plugin interfaces wherever one exists; the three
jobs below have none, so each is done here and nowhere else. Each patch says
why it exists, what it replaces and how to retire it. They were checked
against the versions in :data:`CHECKED_AGAINST`; ``tests/test_patches.py``
fails when the code they lean on changes (or a new version is installed), so
an upgrade cannot silently leave a patch pointing at nothing.

This module imports nothing of the hub's, so the stand-alone ``asmhub_search``
plugin may use it too.
"""
from __future__ import annotations

import importlib
from typing import Any, Callable

CHECKED_AGAINST = {"ckan": "2.12.0", "ckanext-harvest": "1.6.3", "redis": "8.0.1"}

_originals: dict[tuple[str, str], Any] = {}


def _replace(module_name: str, attribute: str, value: Any) -> None:
    module = importlib.import_module(module_name)
    _originals.setdefault((module_name, attribute), getattr(module, attribute))
    setattr(module, attribute, value)


# 1. The search backend -------------------------------------------------------
# CKAN has no search-backend interface: core reaches Solr through
# ``make_connection()``, which each of these modules imported by name and looks
# up in its own globals at call time, and checks the Solr schema once at
# start-up (``ckan.config.environment.update_config``). Pointing both at
# PostgreSQL is the whole switch; restoring them gives core its own Solr path.
# Retire when CKAN offers a search-backend interface.
SEARCH_SEAMS = ("ckan.lib.search", "ckan.lib.search.common", "ckan.lib.search.index",
                "ckan.lib.search.query")


def _no_schema_to_check(*args: Any, **kwargs: Any) -> bool:
    return True


def route_search(make_connection: Callable[..., Any]) -> None:
    """Send CKAN's search and indexing to ``make_connection`` (idempotent)."""
    for name in SEARCH_SEAMS:
        _replace(name, "make_connection", make_connection)
    _replace("ckan.lib.search", "check_solr_schema_version", _no_schema_to_check)


def restore_search() -> None:
    """Give CKAN its Solr connection back (idempotent)."""
    for (module_name, attribute), original in list(_originals.items()):
        if module_name.startswith("ckan.lib.search"):
            setattr(importlib.import_module(module_name), attribute, original)
            del _originals[(module_name, attribute)]


def search_routed() -> bool:
    return any(module_name.startswith("ckan.lib.search") for module_name, _ in _originals)


# 2. The licence list ---------------------------------------------------------
# ``Package.get_license_register()`` reads ``licenses_group_url`` once and keeps
# the register on the class for the life of the process. The hub sets that
# option in its IConfigurer, which can run after the register was first built
# (a second app in one process, as tests and CLI commands make): forgetting
# the cached register makes the next call read the hub's list. CKAN's own
# licence tests do the same. Retire when the register is keyed by the option.
def forget_cached_licences() -> None:
    from ckan.model import Package
    if hasattr(Package, "_license_register"):
        del Package._license_register


# 3. The harvest consumers' Redis client ---------------------------------------
# ckanext-harvest's consumers block on ``BLPOP`` with no timeout, trusting a
# socket that waits for ever; redis-py 8 gives every client a 5-second socket
# timeout, so each consumer crashed whenever its queue stayed empty for 5 s
# (ckan/ckanext-harvest#581, open). The client the queue module hands out
# waits for ever again. Retire when ckanext-harvest sets the timeout itself.
def _blocking(connect: Callable[[], Any]) -> Callable[[], Any]:
    def get_connection_redis() -> Any:
        client = connect()
        client.connection_pool.connection_kwargs["socket_timeout"] = None
        return client
    get_connection_redis.asmhub_blocking = True  # type: ignore[attr-defined]
    return get_connection_redis


def let_harvest_consumers_wait() -> None:
    """Idempotent; needs ckanext-harvest, imported only here."""
    from ckanext.harvest import queue
    if not getattr(queue.get_connection_redis, "asmhub_blocking", False):
        _replace("ckanext.harvest.queue", "get_connection_redis", _blocking(queue.get_connection_redis))
