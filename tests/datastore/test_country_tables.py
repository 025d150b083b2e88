"""Each country's curated estimates as a DataStore table with a data dictionary."""
from __future__ import annotations

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.asmhub.datastore import countries
from ckanext.asmhub.evidence import seed as seeding

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_datastore")


@pytest.fixture
def country():
    sysadmin = factories.Sysadmin()
    wanted = next(d for d in seeding.country_datasets() if d["name"] == "asm-people-tza")
    for estimate in wanted["estimates"]:
        estimate.pop("source_record", None)
    dataset = call_action("package_create", context={"user": sysadmin["name"]},
                          owner_org=factories.Organization()["id"], **wanted)
    return sysadmin, dataset


def test_a_countrys_estimates_are_a_queryable_table_with_a_data_dictionary(country):
    sysadmin, dataset = country
    context = {"user": sysadmin["name"], "ignore_auth": True}
    resource_id = countries.publish(context, dataset)
    found = call_action("datastore_search", context={"user": ""}, resource_id=resource_id,
                        filters={"indicator": "asm_miners"}, sort="ref_year desc")
    expected = [e for e in dataset["estimates"] if e["indicator"] == "asm_miners"]
    assert expected and found["total"] == len(expected)
    years = [r["ref_year"] for r in found["records"] if r["ref_year"] is not None]  # "year not stated"
    assert years and all(isinstance(y, int) for y in years) and years == sorted(years, reverse=True)
    info = call_action("datastore_info", context={"user": ""}, id=resource_id)
    central = next(f for f in info["fields"] if f["id"] == "central")
    assert central["type"] == "numeric" and central["info"]["label"] == "Central estimate"
    assert "unit" in central["info"]["notes"]
    resource = call_action("resource_show", id=resource_id)
    assert (resource["name"], resource["format"], resource["url_type"]) == (countries.TABLE_NAME, "CSV", "datastore")


def test_publishing_again_refreshes_the_table_without_a_second_resource(country):
    sysadmin, dataset = country
    context = {"user": sysadmin["name"], "ignore_auth": True}
    first = countries.publish(context, dataset)
    again = countries.publish(context, call_action("package_show", id=dataset["id"]))
    assert first == again
    assert len(call_action("package_show", id=dataset["id"])["resources"]) == 1
    assert call_action("datastore_search", resource_id=first)["total"] == len(dataset["estimates"])
