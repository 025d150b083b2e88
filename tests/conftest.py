"""Fixtures shared by the whole suite.

CKAN's ``reset_db`` drops every table (ours included) the first time it runs,
then recreates only core's. Our ``reset_db`` wraps it and re-applies the
plugin migrations, so ``clean_db``, ``non_clean_db`` and everything built on
them find the search index table in place.
"""
from __future__ import annotations

import pytest

from ckan.cli.db import _run_migrations
from ckan.tests.helpers import reset_db as _core_reset_db

pytest_plugins = ["tests.fixtures"]

# Plugins of ours and CKAN's that own alembic migrations, in the order to apply.
MIGRATING_PLUGINS = ("activity", "asmhub")


@pytest.fixture(scope="session")
def reset_db():
    def reset() -> None:
        _core_reset_db()
        for plugin in MIGRATING_PLUGINS:
            _run_migrations(plugin)
    return reset
