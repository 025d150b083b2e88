"""PostgreSQL search backend for CKAN's ``package_search``.

CKAN has no search-backend interface; it reaches Solr through
``make_connection()`` (looked up at call time in four modules) and checks the
Solr schema once at start-up. :func:`install` points both seams at PostgreSQL;
:func:`uninstall` gives them back, so ``search_backend = solr`` is core's own
path, untouched.
"""
from __future__ import annotations

import importlib
from typing import Any

from .connection import PostgresConnection

_SEAMS = ("ckan.lib.search", "ckan.lib.search.common", "ckan.lib.search.index",
          "ckan.lib.search.query")
_originals: dict[tuple[str, str], Any] = {}


def make_connection(decode_dates: bool = True) -> PostgresConnection:
    return PostgresConnection(decode_dates)


def _no_schema_to_check(*args: Any, **kwargs: Any) -> bool:
    return True


def _patch(module_name: str, attribute: str, value: Any) -> None:
    module = importlib.import_module(module_name)
    _originals.setdefault((module_name, attribute), getattr(module, attribute))
    setattr(module, attribute, value)


def install() -> None:
    """Route CKAN's search and indexing to PostgreSQL (idempotent)."""
    for name in _SEAMS:
        _patch(name, "make_connection", make_connection)
    _patch("ckan.lib.search", "check_solr_schema_version", _no_schema_to_check)


def uninstall() -> None:
    """Give CKAN its Solr connection back (idempotent)."""
    for (module_name, attribute), original in _originals.items():
        setattr(importlib.import_module(module_name), attribute, original)
    _originals.clear()


def installed() -> bool:
    return bool(_originals)
