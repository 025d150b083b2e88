"""Fixtures shared by the whole suite.

CKAN's ``reset_db`` drops every table (ours included) the first time it runs,
then recreates only core's. Our ``reset_db`` wraps it and re-applies the
plugin migrations, so ``clean_db``, ``non_clean_db`` and everything built on
them find the search index table in place.
"""
from __future__ import annotations

import importlib
import os

import pytest
import sqlalchemy as sa
from hypothesis import settings


from ckan import model
from ckan.tests.helpers import reset_db as _core_reset_db

from tests.workers import use_worker_databases

pytest_plugins = ["tests.fixtures"]


def pytest_configure(config) -> None:
    use_worker_databases(config)

# CI runs the same examples every time; ``HYPOTHESIS_PROFILE=fuzz`` explores new ones.
settings.register_profile("ci", derandomize=True)
settings.register_profile("fuzz", max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Plugins of ours and CKAN's that own alembic migrations, in the order to apply.
MIGRATING_PLUGINS = ("activity", "harvest", "asmhub", "asmhub_search")
# Where CKAN finds each one's alembic.ini: <extension package>/migration/<plugin>/
# (asmhub_search's is in ckanext/asmhub/migration/asmhub_search/).
_EXTENSION = {"asmhub_search": "asmhub"}
# Our tables core's reset does not know about (the audit trail refuses DELETE).
OWN_TABLES = ("asmhub_mail", "asmhub_review_event", "asmhub_moderator", "asmhub_review")


def _migrate(plugin: str) -> None:
    """Apply a plugin's alembic migrations, whether or not it is loaded yet."""
    package = importlib.import_module(f"ckanext.{_EXTENSION.get(plugin, plugin)}")
    original = model.repo._alembic_ini
    model.repo._alembic_ini = os.path.join(
        os.path.dirname(package.__file__), "migration", plugin, "alembic.ini")
    try:
        model.repo.upgrade_db()
    finally:
        model.repo._alembic_ini = original


@pytest.fixture(scope="session")
def reset_db():
    def reset() -> None:
        for table in OWN_TABLES:
            model.Session.execute(sa.text(f"DO $$ BEGIN IF to_regclass('{table}') IS NOT NULL "
                                          f"THEN TRUNCATE {table} CASCADE; END IF; END $$"))
        model.Session.commit()
        # Once core's tables exist, its reset only deletes rows and every
        # plugin table stays at its head revision: asking alembic again costs
        # 0.3 s a test for nothing. After a drop (the first reset, ``ckan db
        # clean``) the flag is down and the migrations run.
        tables_kept = model.repo.tables_created_and_initialised
        _core_reset_db()
        if not tables_kept:
            for plugin in MIGRATING_PLUGINS:
                _migrate(plugin)
    return reset
