"""What the seeded evidence says each country page should show (the catalogue: tests/fixtures.py `seeded`)."""
from __future__ import annotations

import pytest

from ckan.lib.redis import connect_to_redis

from ckanext.asmhub.countries import figures
from ckanext.asmhub.evidence import seed


def seeded_estimates() -> dict[str, list[dict]]:
    """Per country, its seeded figures as the Countries pages parse them."""
    return {d["countries"][0]: figures.estimates_of({**d, "dataset_type": "dataset"})
            for d in seed.country_datasets()}


def expected_best(iso3: str, indicator: str = figures.PEOPLE) -> dict | None:
    return figures.best(seeded_estimates()[iso3], indicator)


@pytest.fixture
def fresh_redis():
    connect_to_redis().flushdb()
