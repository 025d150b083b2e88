"""Uploaded tables reach the DataStore through xloader and CKAN's job worker, and
bad files end with a clear status, nothing half-loaded and the worker still up."""
from __future__ import annotations

import pytest

from ckan.tests.helpers import call_action

from .conftest import run_jobs

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_datastore",
                                     "clean_queues", "live_site")

CSV = ("district,miners,women,note\n"
       "Geita,12000,3100,gold rush\n"
       "Chunya,8000,1900,alluvial gold\n"
       "Mererani,4000,,tanzanite\n")


def status(resource_id: str) -> dict:
    return call_action("asmhub_datastore_summary", id=resource_id)


def test_an_uploaded_csv_is_loaded_and_queryable(upload):
    resource = upload(CSV)
    run_jobs()
    assert call_action("resource_show", id=resource["id"])["datastore_active"]
    found = call_action("datastore_search", resource_id=resource["id"], filters={"district": "Geita"})
    assert [r["miners"] for r in found["records"]] == [12000]
    assert call_action("datastore_search", resource_id=resource["id"], q="tanzanite")["total"] == 1
    summary = status(resource["id"])
    assert summary["status"] == "complete" and summary["rows"] == 3
    assert [c["id"] for c in summary["columns"]] == ["district", "miners", "women", "note"]


def failed_cleanly(resource: dict) -> str:
    """A failed load: an error with its message, nothing in the DataStore, the
    dataset and resource as they were. Returns the message."""
    summary = status(resource["id"])
    assert summary["status"] == "error", summary
    assert summary["error"]
    shown = call_action("resource_show", id=resource["id"])
    assert not shown["datastore_active"]
    assert shown["url"] == resource["url"]
    with pytest.raises(Exception) as refused:
        call_action("datastore_search", resource_id=resource["id"])
    assert type(refused.value).__name__ in ("ObjectNotFound", "NotFound")
    return summary["error"]


def test_a_latin_1_file_is_read_in_its_encoding(upload):
    resource = upload("district,note\nGéita,orpaillage à Kédougou\n".encode("cp1252"))
    run_jobs()
    found = call_action("datastore_search", resource_id=resource["id"])
    assert found["records"][0]["note"] == "orpaillage à Kédougou"


def test_ragged_rows_fail_with_a_message_and_the_worker_goes_on(upload):
    ragged = upload("district,miners\nGeita,12000\nChunya,8000,alluvial,extra\n", "ragged.csv")
    good = upload(CSV, "good.csv")
    run_jobs()
    assert "header" in failed_cleanly(ragged)
    assert status(good["id"])["status"] == "complete"
    assert call_action("datastore_search", resource_id=good["id"], sort="_id")["records"][0]["miners"] == 12000


def test_a_header_only_file_loads_as_an_empty_table(upload):
    resource = upload("district,miners\n", "empty.csv")
    run_jobs()
    summary = status(resource["id"])
    assert (summary["status"], summary["rows"]) == ("complete", 0), summary
    assert [c["id"] for c in summary["columns"]] == ["district", "miners"]


def test_a_binary_file_named_csv_fails_with_a_message(upload):
    resource = upload(bytes(range(256)) * 64, "photo.csv")
    run_jobs()
    failed_cleanly(resource)


@pytest.mark.ckan_config("ckanext.xloader.max_content_length", 1000)
def test_a_file_over_the_size_limit_is_not_loaded(upload):
    resource = upload(CSV + "Kahama,5000,1000,gold\n" * 100, "big.csv")
    run_jobs()
    assert "too large" in failed_cleanly(resource)


def test_a_replaced_file_is_loaded_again(upload, people, create_with_upload):
    resource = upload(CSV)
    run_jobs()
    create_with_upload("district,miners\nTarime,3000\n", "data.csv", action="resource_update",
                       context={"user": people.contributor["name"], "ignore_auth": False},
                       id=resource["id"], package_id=resource["package_id"], name="data.csv")
    run_jobs()
    found = call_action("datastore_search", resource_id=resource["id"])
    assert [r["district"] for r in found["records"]] == ["Tarime"]
