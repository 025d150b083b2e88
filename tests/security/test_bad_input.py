"""Bad input found by the security probe (issue 23) is refused with a clear 400/409, never a 500,
and nothing is half-written."""
from __future__ import annotations

import json

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def json_body(params: dict) -> str:
    """JSON that keeps lone surrogates (escaped), as any client may send them."""
    return json.dumps(params)

ESTIMATE = {"indicator": "asm_miners", "central": "1000", "unit": "people", "ref_year": "2020",
            "source": "A study", "source_url": "https://example.org/study"}


@pytest.fixture
def editor():
    user = factories.User()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    return {"token": factories.APIToken(user=user["name"])["token"], "org": org["id"]}


def create(app, editor, **fields):
    body = {"name": "probe", "title": "Probe", "owner_org": editor["org"], **fields}
    return app.post("/api/3/action/package_create", json=body, headers={"Authorization": editor["token"]})


@pytest.mark.parametrize("fields, field", [
    ({"estimates": [{**ESTIMATE, "indicator": ["asm_miners"]}]}, "estimates"),
    ({"spatial": '{"type": "Point", "coordinates": [1e400, 0]}'}, "spatial"),
    ({"resources": [{"url": "javascript:alert(1)", "name": "x"}]}, "resources"),
    ({"resources": [{"url": {"href": "https://example.org"}, "name": "x"}]}, "resources"),
    ({"notes": "x" * (5 * 1024 * 1024)}, "notes"),
    ({"notes": {"text": "a dict"}}, "notes"),
    ({"owner_org": {"id": "x"}}, "owner_org"),
    ({"title": "x" * (1024 * 1024)}, "title"),
    ({"title": "nul\x00byte"}, "title"),
])
def test_bad_dataset_fields_are_refused_with_a_message(app, editor, fields, field):
    response = create(app, editor, **fields)
    assert response.status_code in (400, 409), response.status_code
    assert response.json["success"] is False
    assert field in str(response.json["error"])
    assert call_action("package_search", include_private=True)["count"] == 0


def test_an_unknown_dataset_type_is_refused(app, editor):
    response = create(app, editor, type="bogus")
    assert response.status_code in (403, 409) and response.json["success"] is False
    assert call_action("package_search", include_private=True, include_drafts=True)["count"] == 0


@pytest.mark.parametrize("params", [
    {"start": ""}, {"include_drafts": "x"}, {"rows": "[]"}, {"rows": "-5"}, {"start": "-1"},
    {"q": "gold\x00"}, {"q": "\ud800"}, {"fq": "title:\udfff"},
], ids=["start-empty", "drafts-x", "rows-list-text", "rows-negative", "start-negative", "nul", "surrogate",
        "fq-surrogate"])
def test_bad_search_parameters_are_refused_not_crashed(app, params):
    response = app.post("/api/3/action/package_search", data=json_body(params),
                        content_type="application/json")
    assert response.status_code == 409, (params, response.status_code)
    assert response.json["success"] is False


def test_a_json_list_for_rows_is_refused(app):
    response = app.post("/api/3/action/package_search", json={"rows": []})
    assert response.status_code in (400, 409)


@pytest.mark.parametrize("path", ["/feeds/custom.atom?region=%22x", "/user/?limit=abc",
                                  "/dataset/?page=abc", "/organization/?page=-1"])
def test_bad_page_parameters_are_a_clear_400(app, path):
    assert app.get(path).status_code in (200, 400)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>", " VBScript:x"])
def test_a_resource_link_that_would_run_is_refused(app, editor, url):
    dataset = create(app, editor).json["result"]
    response = app.post("/api/3/action/resource_create", headers={"Authorization": editor["token"]},
                        json={"package_id": dataset["id"], "url": url, "name": "x"})
    assert response.status_code == 409 and "url" in response.json["error"]
    assert call_action("package_show", id=dataset["id"])["resources"] == []
