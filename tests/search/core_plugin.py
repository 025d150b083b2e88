"""pytest plugin for running CKAN's own tests on asmhub_search alone (``make test-search-core``).

CKAN's ``reset_db`` fixture drops every table the first time it runs (ours
too) and recreates only core's; CKAN's test package has no hook for a plugin's
tables. This wraps the function that fixture hands out, so that after a drop
the asmhub_search migrations run again, as ``ckan db upgrade`` runs them.
"""
from __future__ import annotations

import os

from ckan import model
from ckan.tests import helpers

_core_reset_db = helpers.reset_db
_ALEMBIC_INI = os.path.join(os.path.dirname(__file__), "..", "..", "ckanext", "asmhub",
                            "migration", "asmhub_search", "alembic.ini")


def reset_db() -> None:
    tables_kept = model.repo.tables_created_and_initialised
    _core_reset_db()
    if not tables_kept:
        original = model.repo._alembic_ini
        model.repo._alembic_ini = os.path.abspath(_ALEMBIC_INI)
        try:
            model.repo.upgrade_db()
        finally:
            model.repo._alembic_ini = original


helpers.reset_db = reset_db
