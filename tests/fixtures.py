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


@pytest.fixture
def seeded(with_plugins, clean_db, clean_index) -> dict[str, Any]:
    """The hub's real seed (every country dataset and the global one, public); returns the sysadmin."""
    from ckanext.asmhub.evidence import seed as seeding
    sysadmin = factories.Sysadmin()
    seeding.seed({"user": sysadmin["name"], "ignore_auth": True})
    return sysadmin

