"""How a site's plugins add to the PostgreSQL search backend.

On its own (``ckan.plugins = asmhub_search``) the backend indexes and searches
what CKAN puts in the index document: core fields, extras, resources and
whatever a site's schema or ``before_dataset_index`` hooks add. A plugin that
implements :class:`IAsmhubSearch` can tell it more; every method has a
default that changes nothing, so implement only what you need.
"""
from __future__ import annotations

import contextlib
from typing import Any, ContextManager, Iterable, Iterator, Protocol

from ckan.plugins import PluginImplementations
from ckan.plugins.interfaces import Interface


class SearchCache(Protocol):
    """Where search answers are cached: a Redis client and the key of a request."""

    def connect(self) -> Any: ...

    def key(self, *parts: str) -> str: ...


class IAsmhubSearch(Interface):
    """Seams for plugins that build on ``asmhub_search``."""

    def asmhub_search_list_fields(self) -> Iterable[str]:
        """Index fields that hold a list of exact values (codes, years).

        A filter on one is answered from an index of ``field=value`` strings
        and its facet counts are kept by the database, when the database
        keeps them for that field (``fields.DATABASE_LIST_FIELDS``); a field it
        does not keep is searched and counted over the matching rows instead.
        """
        return ()

    def asmhub_search_counted_fields(self) -> Iterable[str]:
        """Further facet fields whose counts the database keeps
        (``fields.DATABASE_COUNTED_FIELDS``), for pages that facet on them
        over the whole catalogue."""
        return ()

    def asmhub_search_batch(self, package_ids: list[str]) -> ContextManager[None]:
        """Entered around the indexing of one batch of a rebuild.

        A plugin whose ``before_dataset_index`` or permission labels read a
        row per dataset can read the whole batch's rows here with one query.
        """
        return contextlib.nullcontext()

    def asmhub_search_cache(self) -> SearchCache | None:
        """Where to cache search answers; ``None`` leaves it to the next plugin.

        Without one, answers go to CKAN's Redis (``ckan.redis.url``) under
        keys starting ``asmhub:cache:search:``.
        """
        return None


def implementations() -> list[IAsmhubSearch]:
    return list(PluginImplementations(IAsmhubSearch))


def declared(method: str) -> frozenset[str]:
    """The union of what every implementation's ``method`` names."""
    names: set[str] = set()
    for plugin in implementations():
        names.update(getattr(plugin, method)())
    return frozenset(names)


@contextlib.contextmanager
def batch(package_ids: list[str]) -> Iterator[None]:
    """Every implementation's :meth:`IAsmhubSearch.asmhub_search_batch`, nested."""
    with contextlib.ExitStack() as stack:
        for plugin in implementations():
            stack.enter_context(plugin.asmhub_search_batch(package_ids))
        yield


def cache() -> SearchCache:
    for plugin in implementations():
        chosen = plugin.asmhub_search_cache()
        if chosen is not None:
            return chosen
    return _CoreRedis()


class _CoreRedis:
    """CKAN's own Redis, with the backend's key prefix."""

    PREFIX = "asmhub:cache:"

    def connect(self) -> Any:
        from ckan.lib.redis import connect_to_redis
        return connect_to_redis()

    def key(self, *parts: str) -> str:
        return self.PREFIX + ":".join(parts)
