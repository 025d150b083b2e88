"""With pytest-xdist, each worker tests against its own databases.

Called from ``tests/conftest.py``'s ``pytest_configure``, before CKAN reads its
configuration, it gives worker ``gwN`` the database ``<name>_gwN`` and the
Redis database ``<n> + 2N`` (so the caches' database, eight above, stays
clear of the other worker's and of ``make run``'s). The DataStore database of
each CKAN database ``<db>`` is ``<db>_datastore`` (scripts/datastore.sh), with or
without xdist. The controlling process,
which starts CKAN but runs no test, uses ``gw0``'s. ``make test`` creates and
migrates each worker's database. Without xdist nothing changes.
"""
from __future__ import annotations

import os
import re


def worker_urls(sqlalchemy_url: str, redis_url: str, worker: str) -> tuple[str, str]:
    n = int(worker.removeprefix("gw"))
    match = re.search(r"/(\d+)$", redis_url)
    base, db = (redis_url[:match.start()], int(match.group(1))) if match else (redis_url.rstrip("/"), 0)
    return f"{sqlalchemy_url}_{worker}", f"{base}/{db + 2 * n}"


def datastore_urls(sqlalchemy_url: str) -> tuple[str, str]:
    """The DataStore's write and read URLs of a CKAN database: ``<db>_datastore``,
    written as the same role, read as ``asmhub_datastore_ro``."""
    write = f"{sqlalchemy_url}_datastore"
    reader = "asmhub_datastore_ro"
    return write, re.sub(r"//[^@/]*@", f"//{reader}:{reader}@", write, count=1)


def use_worker_databases(config) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER") or (
        "gw0" if config.getoption("numprocesses", None) else None)
    if "CKAN_SQLALCHEMY_URL" not in os.environ:
        return
    if not worker:
        _use_datastore_of(os.environ["CKAN_SQLALCHEMY_URL"])
        return
    # The workers inherit the controller's environment: derive from the URLs given.
    base = os.environ.setdefault("ASMHUB_TEST_SQLALCHEMY_URL", os.environ["CKAN_SQLALCHEMY_URL"])
    redis = os.environ.setdefault("ASMHUB_TEST_REDIS_URL",
                                  os.environ.get("CKAN_REDIS_URL", "redis://127.0.0.1:6379/1"))
    os.environ["CKAN_SQLALCHEMY_URL"], os.environ["CKAN_REDIS_URL"] = worker_urls(base, redis, worker)
    _use_datastore_of(os.environ["CKAN_SQLALCHEMY_URL"])


def _use_datastore_of(sqlalchemy_url: str) -> None:
    os.environ["CKAN_DATASTORE_WRITE_URL"], os.environ["CKAN_DATASTORE_READ_URL"] = \
        datastore_urls(sqlalchemy_url)
