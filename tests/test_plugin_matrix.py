"""Every documented combination of the hub's plugins serves its pages and answers its
actions (README, "Plugins"); a plugin without one it needs refuses to start.

Each combination builds its own CKAN app from ``ckan.plugins``; the full set is
test.ini's. Pages are asked for as a sysadmin, so that what a room hides from
visitors (a dataset awaiting review) is still there to render.
"""
from __future__ import annotations

from typing import Any

import pytest

import ckan.plugins as p
from ckan.exceptions import CkanConfigurationException
from ckan.tests import factories

CORE = "asmhub asmhub_search scheming_datasets scheming_organizations"
ROOM_ACTIONS = ("asmhub_mail_list", "asmhub_review_queue_list", "asmhub_datastore_summary")


def _pages(dataset: dict[str, Any], resource: dict[str, Any]) -> dict[str, list[str]]:
    """Each room's own pages, for a dataset with one resource."""
    name = dataset["name"]
    return {
        "core": ["/", "/dataset/", f"/dataset/{name}", "/dataset/new", "/user/", "/about",
                 f"/dataset/{name}/cite.bib", "/asmhub/basemap/110m.geojson"],
        "asmhub_mail": ["/ckan-admin/outbox"],
        "asmhub_review": ["/review", "/contributions", "/contribute"],
        "asmhub_countries": ["/country", "/country.json", "/country/sources", "/theme",
                             "/theme/gender"],
        "asmhub_dcat": ["/catalog.ttl", f"/dataset/{name}.ttl", "/vocab/minerals"],
        "asmhub_datastore": [f"/dataset/{name}/resource/{resource['id']}"],
    }


def _actions(dataset: dict[str, Any], resource: dict[str, Any]) -> dict[str, list[tuple[str, dict]]]:
    return {
        "core": [("package_search", {"q": dataset["title"]}), ("package_show", {"id": dataset["name"]}),
                 ("status_show", {})],
        "asmhub_mail": [("asmhub_mail_list", {})],
        "asmhub_review": [("asmhub_review_queue_list", {}), ("asmhub_contribution_list", {}),
                          ("asmhub_review_history_show", {"id": dataset["id"]})],
        "asmhub_countries": [],
        "asmhub_dcat": [("dcat_catalog_show", {"format": "ttl"}),
                        ("dcat_dataset_show", {"id": dataset["id"], "format": "ttl"})],
        "asmhub_datastore": [("asmhub_datastore_summary", {"id": resource["id"]})],
    }


def combination(rooms: str, plugins: str | None) -> Any:
    """A test case: the rooms whose pages and actions it checks, with this ``ckan.plugins``
    (``None``: test.ini's full set)."""
    marks = [pytest.mark.ckan_config("ckan.plugins", plugins)] if plugins is not None else []
    return pytest.param(rooms.split(), marks=marks, id=plugins or "test.ini")


COMBINATIONS = [
    combination("core", CORE),
    combination("core asmhub_mail", f"{CORE} asmhub_mail"),
    combination("core asmhub_mail asmhub_review", f"{CORE} asmhub_mail asmhub_review"),
    combination("core asmhub_countries", f"{CORE} asmhub_countries"),
    combination("core asmhub_dcat", f"{CORE} dcat asmhub_dcat"),
    combination("core asmhub_datastore", f"{CORE} datastore xloader asmhub_datastore"),
    combination("core asmhub_mail asmhub_review asmhub_countries asmhub_dcat asmhub_datastore", None),
]


def _get(app, url: str, token: str) -> Any:
    return app.get(url, headers={"Authorization": token})


def _action(app, name: str, params: dict, token: str) -> Any:
    return app.post(f"/api/3/action/{name}", json=params, headers={"Authorization": token})


@pytest.fixture
def catalogue() -> dict[str, Any]:
    """A sysadmin's token and one public dataset with one resource."""
    admin = factories.Sysadmin()
    dataset = factories.Dataset(owner_org=factories.Organization()["id"], title="Matrix gold survey")
    resource = factories.Resource(package_id=dataset["id"], url="https://example.org/figures.csv",
                                  format="CSV")
    return {"token": factories.APIToken(user=admin["name"])["token"], "dataset": dataset,
            "resource": resource}


@pytest.mark.usefixtures("clean_db", "clean_index", "with_plugins")
@pytest.mark.parametrize("rooms", COMBINATIONS)
def test_each_combination_serves_its_pages_and_actions(app, catalogue, rooms):
    dataset, resource, token = catalogue["dataset"], catalogue["resource"], catalogue["token"]
    pages, actions = _pages(dataset, resource), _actions(dataset, resource)
    for room in rooms:
        for url in pages[room]:
            assert _get(app, url, token).status_code == 200, url
        for name, params in actions[room]:
            response = _action(app, name, params, token)
            assert response.status_code == 200 and response.json["success"], (name, response.body[:300])
    found = _action(app, "package_search", {"q": "Matrix gold"}, token).json["result"]
    assert [d["name"] for d in found["results"]] == [dataset["name"]]
    for name in ROOM_ACTIONS:  # a room that is off offers no action of its own
        room_on = name.split("_")[1] in " ".join(rooms)
        assert (_action(app, name, {"id": resource["id"]}, token).status_code != 400) is room_on, name


@pytest.mark.usefixtures("clean_db", "with_plugins")
@pytest.mark.ckan_config("ckan.plugins", CORE)
def test_the_core_plugin_alone_leaves_out_what_its_rooms_add(app):
    body = app.get("/").body
    assert "asmhub-worldmap" not in body and 'href="/country"' not in body
    assert app.get("/country").status_code == 404
    assert app.get("/review").status_code == 404


@pytest.mark.usefixtures("clean_db", "with_plugins")
@pytest.mark.ckan_config("ckan.plugins", f"{CORE} asmhub_countries")
def test_the_countries_plugin_adds_its_sections_to_the_core_pages(app):
    body = app.get("/").body
    assert 'href="/country"' in body and "asmhub-sector" in body


@pytest.mark.usefixtures("clean_db", "clean_index", "with_plugins")
@pytest.mark.ckan_config("ckan.plugins", "asmhub_search")
def test_asmhub_search_alone_serves_cores_pages(app):
    dataset = factories.Dataset(owner_org=factories.Organization()["id"])
    for url in ("/", "/dataset/", f"/dataset/{dataset['name']}"):
        assert app.get(url).status_code == 200, url
    assert app.get("/api/3/action/package_show", query_string={"id": dataset["name"]}).json["success"]
    found = app.get("/api/3/action/package_search", query_string={"q": dataset["title"]}).json["result"]
    assert [d["name"] for d in found["results"]] == [dataset["name"]]


@pytest.mark.parametrize("plugins, missing", [
    ("asmhub_search asmhub_countries", "The asmhub_countries plugin needs asmhub: add asmhub to ckan.plugins"),
    (f"{CORE} asmhub_review", "The asmhub_review plugin needs asmhub_mail: add asmhub_mail to ckan.plugins"),
    (f"{CORE} asmhub_dcat", "The asmhub_dcat plugin needs dcat: add dcat to ckan.plugins"),
    (f"{CORE} asmhub_datastore",
     "The asmhub_datastore plugin needs datastore and xloader: add datastore xloader to ckan.plugins"),
])
def test_a_plugin_without_one_it_needs_refuses_to_start(ckan_config, monkeypatch, plugins, missing):
    monkeypatch.setitem(ckan_config, "ckan.plugins", plugins)
    try:
        with pytest.raises(CkanConfigurationException) as refused:
            p.load_all()
        assert str(refused.value) == missing
    finally:
        p.unload_all()


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize("plugin, key", [
    ("asmhub_mail", "ckanext.asmhub.mail.retry_intervals"),
    ("asmhub_review", "ckanext.asmhub.review.approved_edit"),
    ("asmhub_countries", "ckanext.asmhub.countries.cache_ttl"),
])
def test_each_room_declares_its_own_options(cli, plugin, key):
    from ckan.cli.cli import ckan as ckan_command
    assert key in cli.invoke(ckan_command, ["config", "declaration", plugin]).output
    assert key not in cli.invoke(ckan_command, ["config", "declaration", "asmhub"]).output
