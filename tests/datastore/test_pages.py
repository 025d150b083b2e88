"""The load's status on the resource page, the moderators' data-quality summary,
previews for new and existing resources, and links the worker must not fetch."""
from __future__ import annotations

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from .conftest import act, run_jobs, to_state

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_datastore",
                                     "clean_queues", "live_site")

CSV = ("district,miners,year\n"
       "Geita,12000,2019\nChunya,8000,2019\nKahama,n/a,2019\nMererani,4000,2020\nTarime,3000,2020\n")


def page(app, user, url):
    token = factories.APIToken(user=user["name"])["token"] if user else None
    return app.get(url, headers={"Authorization": token} if token else {})


def test_uploader_and_moderator_see_the_load_status_and_its_error(app, people, upload):
    resource = upload("district,miners\nGeita,1,extra\n", "ragged.csv")
    run_jobs()
    to_state(people, resource["package_id"], "submitted")
    url = f"/dataset/{resource['package_id']}/resource/{resource['id']}"
    for who in (people.contributor, people.editor, people.moderator):
        body = page(app, who, url).body
        assert "DataStore" in body and "Not loaded" in body and "add it to the header row" in body, who["name"]
    act("asmhub_review_decide", people.moderator, id=resource["package_id"], decision="approved",
        criteria={k: "met" for k in __import__("ckanext.asmhub.review", fromlist=["CRITERIA"]).CRITERIA})
    for who in (None, people.stranger):
        assert "add it to the header row" not in page(app, who, url).body


def test_the_review_page_summarises_a_table_for_the_moderator(app, people, upload):
    resource = upload(CSV)
    run_jobs()
    to_state(people, resource["package_id"], "submitted")
    body = page(app, people.moderator, f"/review/{resource['package_id']}").body
    assert "Data quality of the tables" in body
    assert "5 rows, 3 columns" in body
    assert "Column “miners” holds numbers, but 1 of 5 filled cells are not numbers (e.g. “n/a”)" in body


def test_a_loaded_table_gets_a_preview(app, people, upload):
    resource = upload(CSV)
    run_jobs()
    views = call_action("resource_view_list", id=resource["id"])
    assert "datatables_view" in [v["view_type"] for v in views]


def test_sync_makes_the_views_existing_resources_lack(cli, people, upload):
    resource = upload(CSV)
    run_jobs()
    for view in call_action("resource_view_list", id=resource["id"]):
        call_action("resource_view_delete", context={"user": people.sysadmin["name"]}, id=view["id"])
    from ckan.cli.cli import ckan as ckan_command
    result = cli.invoke(ckan_command, ["asmhub", "datastore", "sync"])
    assert result.exit_code == 0, result.output
    assert "datatables_view" in [v["view_type"] for v in call_action("resource_view_list", id=resource["id"])]


def test_a_link_to_a_local_address_is_not_loaded(people):
    dataset = call_action("package_create", context={"user": people.contributor["name"]},
                          name="local-link", title="Local", owner_org=people.org["id"],
                          resources=[{"url": "http://127.0.0.1:6379/secrets.csv", "format": "CSV"}])
    run_jobs()
    summary = call_action("asmhub_datastore_summary", id=dataset["resources"][0]["id"])
    assert summary["status"] == "error"
    assert "public internet addresses" in summary["error"]


def test_the_table_preview_runs_under_the_hubs_content_security_policy(app, people, upload):
    resource = upload(CSV)
    run_jobs()
    to_state(people, resource["package_id"], "submitted")
    view = call_action("resource_view_list", id=resource["id"])[0]
    response = page(app, people.contributor,
                    f"/dataset/{resource['package_id']}/resource/{resource['id']}/view/{view['id']}")
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    assert "<script type=text/javascript>" not in response.body and "onclick=" not in response.body
    assert "/asmhub/datatables-view.js" in response.body
    assert page(app, people.contributor, f"/dataset/{resource['package_id']}").headers["X-Frame-Options"] == "DENY"
