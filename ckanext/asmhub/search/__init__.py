"""PostgreSQL search backend for CKAN's ``package_search``.

CKAN has no search-backend interface; the plugin points core's
``make_connection()`` at :func:`make_connection` through the hub's one fence
for changes to CKAN's code (``ckanext/asmhub/patches.py``), so
``search_backend = solr`` is core's own path, untouched.
"""
from __future__ import annotations

from .connection import PostgresConnection


def make_connection(decode_dates: bool = True) -> PostgresConnection:
    return PostgresConnection(decode_dates)
