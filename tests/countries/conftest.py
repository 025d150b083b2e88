"""A catalogue seeded once per module from the hub's reference data."""
from __future__ import annotations

import pytest

import ckan.plugins as plugins
import ckan.plugins.toolkit as tk
from ckan.lib import search
from ckan.lib.redis import connect_to_redis

from ckanext.asmhub.countries import figures
from ckanext.asmhub.evidence import seed


def seeded_estimates() -> dict[str, list[dict]]:
    """Per country, its seeded figures as the Countries pages parse them."""
    return {d["countries"][0]: figures.estimates_of({**d, "dataset_type": "dataset"})
            for d in seed.country_datasets()}


def expected_best(iso3: str, indicator: str = figures.PEOPLE) -> dict | None:
    return figures.best(seeded_estimates()[iso3], indicator)


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
