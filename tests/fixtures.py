"""Reusable fixtures: datasets built through the real action API."""
from __future__ import annotations

from typing import Any, Callable

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action


@pytest.fixture
def make_dataset() -> Callable[..., dict[str, Any]]:
    """Create a dataset through ``package_create`` (so it is indexed as in production).

    The hub requires an organisation; one is made when none is given.
    """
    def make(**fields: Any) -> dict[str, Any]:
        if "owner_org" not in fields:
            fields["owner_org"] = factories.Organization()["id"]
        return factories.Dataset(**fields)
    return make


@pytest.fixture
def search() -> Callable[..., dict[str, Any]]:
    """``package_search`` as an anonymous visitor unless a context says otherwise."""
    def run(context: dict[str, Any] | None = None, **params: Any) -> dict[str, Any]:
        context = {"ignore_auth": False, "user": "", **(context or {})}
        return call_action("package_search", context=context, **params)
    return run


@pytest.fixture(scope="module")
def seeded(reset_db) -> None:
    """The hub's real seed (organisations, source records, every country dataset and the
    global one, public), built once for a module's read-only tests: seeding ~240
    records takes ~10 s. Put tests that clean the database after those that use this."""
    from ckan.lib import search
    from ckan.lib.redis import connect_to_redis

    import ckan.plugins as plugins
    import ckan.plugins.toolkit as tk
    from ckanext.asmhub.evidence import seed as seeding

    plugins.load_all()
    try:
        reset_db()
        search.clear_all()
        connect_to_redis().flushdb()
        site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
        seeding.seed({"user": site_user["name"], "ignore_auth": True})
    finally:
        plugins.unload_all()

