"""A catalogue seeded once per module from the hub's reference data."""
from __future__ import annotations

import csv
from importlib.resources import files

import pytest

import ckan.plugins as plugins
import ckan.plugins.toolkit as tk
from ckan.lib import search
from ckan.lib.redis import connect_to_redis

from ckanext.asmhub import seed


def reference_rows(name: str = "asm_country_estimates.csv") -> list[dict[str, str]]:
    with files("ckanext.asmhub").joinpath("data", name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def seeded(reset_db):
    """The seeded catalogue, built once for the module's read-only tests."""
    plugins.load_all()
    try:
        reset_db()
        search.clear_all()
        connect_to_redis().flushdb()
        site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
        seed.seed({"user": site_user["name"], "ignore_auth": True})
    finally:
        plugins.unload_all()
    yield


@pytest.fixture
def fresh_redis():
    connect_to_redis().flushdb()
