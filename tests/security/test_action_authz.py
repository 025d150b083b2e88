"""Who may call what: every review action and every write action, asked by every role.

Each role outside an action's callers asks it through the action API (with its API
token; the anonymous visitor with its session's CSRF token, so that the refusal is the
action's and not the CSRF guard's) and must get CKAN's refusal: HTTP 403, an
``Authorization Error``, and nothing changed in the database. Each role among the
callers passes the action's own authorisation (``check_access``, which changes
nothing), so that no refusal here is everybody's. The targets are a contributor's
dataset awaiting review and an approved one, each with a resource, a DataStore table
and a view. Adding an action is one line of ``ACTIONS``.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any, Callable

import pytest
import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.asmhub.review import CRITERIA

from .roles import (EDITORS, GROUP, INSIDERS, MODERATORS, ORG, ORG_ADMINS, OTHER_ORG, REGISTERED,
                    ROLES, as_user, make_people)

SYSADMIN = frozenset({"sysadmin"})
TARGETS = ("submitted", "approved")
DECISION = {"decision": "approved", "criteria": {k: "met" for k in CRITERIA}}
RECORDS = [{"district": "Forged", "miners": 1}]


@dataclass(frozen=True)
class Action:
    """``name`` called with ``data(dataset)`` may be called by ``callers`` only; ``auth``
    names the auth function (with ``auth_data``) when the action leaves the check to
    another it calls."""
    name: str
    data: Callable[[dict[str, Any]], dict[str, Any]]
    callers: frozenset
    targets: tuple[str, ...] = TARGETS
    auth: str | None = None
    auth_data: Callable[[dict[str, Any]], dict[str, Any]] | None = None

    def check(self, dataset: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """The auth function that decides, and what it is asked."""
        return self.auth or self.name, (self.auth_data or self.data)(dataset)


ACTIONS = [
    # The dataset and its resources.
    Action("package_update", lambda d: {"id": d["id"], "name": d["name"], "title": "Forged",
                                        "owner_org": ORG}, EDITORS),
    Action("package_patch", lambda d: {"id": d["id"], "title": "Forged"}, EDITORS),
    Action("package_revise", lambda d: {"match": {"id": d["id"]}, "update": {"title": "Forged"}}, EDITORS,
           auth="package_update", auth_data=lambda d: {"id": d["id"]}),
    Action("package_delete", lambda d: {"id": d["id"]}, EDITORS),
    Action("dataset_purge", lambda d: {"id": d["id"]}, SYSADMIN),
    Action("package_owner_org_update", lambda d: {"id": d["id"], "organization_id": OTHER_ORG}, SYSADMIN),
    Action("package_resource_reorder", lambda d: {"id": d["id"], "order": [d["rid"]]}, EDITORS,
           auth="package_update"),
    Action("resource_create", lambda d: {"package_id": d["id"], "name": "forged",
                                         "url": "https://example.org/forged.csv"}, EDITORS),
    Action("resource_update", lambda d: {"id": d["rid"], "name": "forged",
                                         "url": "https://example.org/forged.csv"}, EDITORS),
    Action("resource_patch", lambda d: {"id": d["rid"], "name": "forged"}, EDITORS),
    Action("resource_delete", lambda d: {"id": d["rid"]}, EDITORS),
    Action("resource_view_create", lambda d: {"resource_id": d["rid"], "view_type": "text_view",
                                              "title": "Forged"}, EDITORS),
    Action("resource_view_update", lambda d: {"id": d["view"], "resource_id": d["rid"],
                                              "view_type": "datatables_view", "title": "Forged"}, EDITORS),
    Action("resource_view_delete", lambda d: {"id": d["view"]}, EDITORS),
    # Its table.
    Action("datastore_create", lambda d: {"resource_id": d["rid"], "force": True, "records": RECORDS},
           EDITORS),
    Action("datastore_create", lambda d: {"resource": {"package_id": d["id"], "name": "forged"},
                                          "records": RECORDS}, EDITORS),  # a new resource with its table
    Action("datastore_upsert", lambda d: {"resource_id": d["rid"], "force": True, "method": "insert",
                                          "records": RECORDS}, EDITORS),
    Action("datastore_delete", lambda d: {"resource_id": d["rid"], "force": True, "filters": {}}, EDITORS),
    Action("xloader_submit", lambda d: {"resource_id": d["rid"]}, EDITORS),
    # Moderated publishing.
    Action("asmhub_review_submit", lambda d: {"id": d["id"]}, EDITORS),
    Action("asmhub_review_withdraw", lambda d: {"id": d["id"]}, EDITORS),
    Action("asmhub_review_decide", lambda d: {"id": d["id"], **DECISION}, MODERATORS),
    Action("asmhub_review_history_show", lambda d: {"id": d["id"]}, INSIDERS),
    Action("asmhub_review_queue_list", lambda d: {}, MODERATORS, targets=("none",)),
    Action("asmhub_contribution_list", lambda d: {}, REGISTERED, targets=("none",)),
    Action("asmhub_community_join", lambda d: {}, REGISTERED, targets=("none",)),
    Action("asmhub_moderator_grant", lambda d: {"id": "stranger"}, SYSADMIN, targets=("none",)),
    Action("asmhub_moderator_revoke", lambda d: {"id": "moderator"}, SYSADMIN, targets=("none",)),
    Action("asmhub_moderator_list", lambda d: {}, SYSADMIN, targets=("none",)),
    Action("asmhub_mail_list", lambda d: {}, SYSADMIN, targets=("none",)),
    Action("asmhub_mail_retry", lambda d: {}, SYSADMIN, targets=("none",)),
    Action("resource_view_clear", lambda d: {"view_types": ["datatables_view"]}, SYSADMIN, targets=("none",)),
    # The organisation: its members, its datasets, itself; another organisation; the group.
    Action("package_create", lambda d: {"name": f"forged-{uuid.uuid4().hex[:8]}", "owner_org": OTHER_ORG},
           frozenset({"sysadmin", "other_editor"}), targets=("other",)),
    Action("organization_member_create", lambda d: {"id": ORG, "username": "stranger", "role": "admin"},
           ORG_ADMINS, targets=("none",)),
    Action("organization_member_delete", lambda d: {"id": ORG, "username": "contributor"}, ORG_ADMINS,
           targets=("none",)),
    Action("organization_update", lambda d: {"id": ORG, "name": ORG, "title": "Forged"}, ORG_ADMINS,
           targets=("none",)),
    Action("organization_patch", lambda d: {"id": ORG, "title": "Forged"}, ORG_ADMINS, targets=("none",)),
    Action("organization_delete", lambda d: {"id": ORG}, ORG_ADMINS, targets=("none",)),
    Action("member_create", lambda d: {"id": ORG, "object": d["id"], "object_type": "package",
                                       "capacity": "public"}, ORG_ADMINS),
    Action("member_delete", lambda d: {"id": ORG, "object": d["id"], "object_type": "package"}, ORG_ADMINS),
    Action("bulk_update_public", lambda d: {"org_id": ORG, "datasets": [d["id"]]}, ORG_ADMINS),
    Action("bulk_update_private", lambda d: {"org_id": ORG, "datasets": [d["id"]]}, ORG_ADMINS),
    Action("bulk_update_delete", lambda d: {"org_id": ORG, "datasets": [d["id"]]}, ORG_ADMINS),
    Action("organization_member_create", lambda d: {"id": OTHER_ORG, "username": "org-editor",
                                                    "role": "editor"}, SYSADMIN, targets=("other",)),
    Action("group_member_create", lambda d: {"id": GROUP, "username": "stranger", "role": "admin"},
           SYSADMIN, targets=("none",)),
]


def _contribution(people, state: str) -> dict[str, Any]:
    contributor = as_user(people.users["contributor"])
    dataset = call_action("package_create", context=dict(contributor), name=f"authz-{uuid.uuid4().hex[:10]}",
                          title="Gold miners per district", owner_org=people.org["id"],
                          resources=[{"url": "https://example.org/miners.csv", "name": "miners"}])
    resource = dataset["resources"][0]
    site = {"user": "sysadmin"}
    view = call_action("resource_view_create", context=dict(site), resource_id=resource["id"],
                       view_type="datatables_view", title="Table")
    call_action("datastore_create", context=dict(site), resource_id=resource["id"], force=True,
                fields=[{"id": "district", "type": "text"}, {"id": "miners", "type": "int"}],
                records=[{"district": "Geita", "miners": 12000}])
    call_action("asmhub_review_submit", context=dict(contributor), id=dataset["id"])
    if state == "approved":
        call_action("asmhub_review_decide", context=as_user(people.users["moderator"]), id=dataset["id"],
                    **DECISION)
    return {"id": dataset["id"], "name": dataset["name"], "rid": resource["id"], "view": view["id"]}


@pytest.fixture(scope="module")
def world(reset_db):
    """The people, a contribution awaiting review and an approved one, one test app."""
    from sqlalchemy import orm

    import ckan.plugins as plugins
    from ckan.lib import search
    from ckan.tests.helpers import _get_test_app
    from ckanext.datastore.tests import helpers as datastore_helpers

    plugins.load_all()
    try:
        reset_db()
        search.clear_all()
        datastore_helpers.rebuild_all_dbs(orm.scoped_session(orm.sessionmaker(
            bind=datastore_helpers.db.get_write_engine())))
        world = make_people()
        world.datasets = {state: _contribution(world, state) for state in TARGETS}
        world.datasets.update(none={}, other={})
        world.app = _get_test_app()
        page = world.app.get("/dataset/")
        token = re.search(r'name="_csrf_token" content="([^"]+)"', page.body).group(1)
        world.headers["anonymous"] = {"X-CSRFToken": token}
        yield world
    finally:
        plugins.unload_all()


def snapshot() -> dict[str, Any]:
    """Everything a write could change: datasets, resources, views, memberships, reviews,
    moderators, mail, organisations and every DataStore table's rows."""
    queries = {
        "package": "SELECT id, name, title, state, private, owner_org, metadata_modified FROM package",
        "resource": "SELECT id, package_id, name, url, state, position FROM resource",
        "resource_view": "SELECT id, resource_id, title, view_type FROM resource_view",
        "member": "SELECT group_id, table_id, table_name, capacity, state FROM member",
        "group": 'SELECT id, name, title, state FROM "group"',
        "review": "SELECT package_id, state FROM asmhub_review",
        "events": "SELECT count(*) FROM asmhub_review_event",
        "moderators": "SELECT user_id FROM asmhub_moderator",
        "mail": "SELECT count(*), count(*) FILTER (WHERE attempts > 0) FROM asmhub_mail",
        "tasks": "SELECT entity_id, task_type, state FROM task_status",
    }
    found: dict[str, Any] = {name: sorted(map(tuple, model.Session.execute(sa.text(sql)).all()))
                             for name, sql in queries.items()}
    for (resource_id,) in model.Session.execute(sa.text("SELECT id FROM resource")).all():
        try:
            found[resource_id] = call_action("datastore_search", resource_id=resource_id)["records"]
        except tk.ObjectNotFound:
            continue
    model.Session.remove()
    return found


def may(action: str, role: str, data: dict[str, Any], people) -> bool:
    """The action's authorisation as ``role`` (changes nothing)."""
    try:
        tk.check_access(action, as_user(people.users.get(role)), dict(data))
    except tk.NotAuthorized:
        return False
    return True


def refusal(app, people, role: str, action: str, data: dict[str, Any]) -> tuple[int, str | None]:
    response = app.post(f"/api/3/action/{action}", json=data, headers=people.headers[role])
    error = (response.json or {}).get("error") or {} if response.is_json else {}
    return response.status_code, error.get("__type")


CASES = [(a, target) for a in ACTIONS for target in a.targets]


@pytest.mark.parametrize("action, target", CASES, ids=[f"{a.name}-{t}" for a, t in CASES])
def test_only_its_callers_may_call_an_action(world, action, target):
    data = action.data(world.datasets[target])
    auth, auth_data = action.check(world.datasets[target])
    before = snapshot()
    wrong = {}
    for role in ROLES:
        if role in action.callers:
            if not may(auth, role, auth_data, world):
                wrong[role] = "refused, but may call it"
        else:
            answer = refusal(world.app, world, role, action.name, data)
            if answer != (403, "Authorization Error"):
                wrong[role] = answer
    assert wrong == {}
    assert snapshot() == before


# Pages that change a dataset: those who may not change it get no form and change nothing.
EDIT_PAGES = ("/dataset/edit/{id}", "/dataset/{id}/resource/{rid}/edit", "/dataset/{id}/resource/new",
              "/dataset/{id}/dictionary/{rid}", "/dataset/{id}/resource/{rid}/views")
FORM_POSTS = ("/dataset/edit/{id}", "/dataset/{id}/resource/{rid}/edit", "/dataset/{id}/resource/new",
              "/dataset/delete/{id}", "/dataset/{id}/resource/{rid}/delete", "/dataset/{id}/review/submit",
              "/dataset/{id}/review/withdraw", "/review/{id}")


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("url", EDIT_PAGES)
def test_only_editors_get_the_forms(world, url, target):
    url = url.format(**world.datasets[target])
    statuses = {role: world.app.get(url, headers=world.headers[role], follow_redirects=False).status_code
                for role in ROLES}
    # Anonymous visitors are sent to log in; others are refused (CKAN answers 404 to those
    # who may not see the dataset at all, 403 to the others).
    assert {role: status == 200 for role, status in statuses.items()} == \
        {role: role in EDITORS for role in ROLES}, statuses
    assert all(s in (302, 403, 404) for r, s in statuses.items() if r not in EDITORS), statuses


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("url", FORM_POSTS)
def test_a_form_posted_by_someone_who_may_not_changes_nothing(world, url, target):
    dataset = world.datasets[target]
    url = url.format(**dataset)
    callers = MODERATORS if url.startswith("/review/") else EDITORS
    before = snapshot()
    form = {"title": "Forged", "name": dataset["name"], "save": "", "url": "https://example.org/forged.csv",
            "decision": "approved", **{f"criterion_{k}": "met" for k in CRITERIA}}
    if url.endswith("/resource/new"):
        form["id"] = ""  # the new resource form's (core fails without it, whoever posts)
    statuses = {role: world.app.post(url, headers=world.headers[role], follow_redirects=False,
                                     data=form).status_code
                for role in ROLES if role not in callers}
    assert all(status in (302, 403, 404) for status in statuses.values()), statuses
    assert snapshot() == before


# Rules the hub adds to CKAN's.

@pytest.fixture
def moderating_editor(world):
    """A moderator who is also an editor of the contributor's organisation."""
    user = factories.User()
    call_action("asmhub_moderator_grant", context={"user": "sysadmin"}, id=user["name"])
    call_action("organization_member_create", id=ORG, username=user["name"], role="editor")
    return user


def _decide_as(world, user, dataset_id: str) -> int:
    token = factories.APIToken(user=user["name"])["token"]
    return world.app.post("/api/3/action/asmhub_review_decide", json={"id": dataset_id, **DECISION},
                          headers={"Authorization": token}).status_code


@pytest.mark.ckan_config("ckanext.asmhub.review.moderators_publish_directly", False)
def test_a_moderator_cannot_decide_their_own_contribution(world, moderating_editor):
    dataset = call_action("package_create", context=as_user(moderating_editor), name=f"own-{uuid.uuid4().hex[:8]}",
                          title="My own figures", owner_org=ORG,
                          resources=[{"url": "https://example.org/own.csv"}])
    call_action("asmhub_review_submit", context=as_user(moderating_editor), id=dataset["id"])
    assert _decide_as(world, moderating_editor, dataset["id"]) == 403
    assert may("asmhub_review_decide", "moderator", {"id": dataset["id"]}, world)
    assert call_action("asmhub_review_history_show", id=dataset["id"])["state"] == "submitted"


def test_a_moderator_cannot_decide_what_they_submitted(world, moderating_editor):
    dataset = call_action("package_create", context=as_user(world.users["contributor"]),
                          name=f"theirs-{uuid.uuid4().hex[:8]}", title="A colleague's figures", owner_org=ORG,
                          resources=[{"url": "https://example.org/theirs.csv"}])
    call_action("asmhub_review_submit", context=as_user(moderating_editor), id=dataset["id"])
    assert _decide_as(world, moderating_editor, dataset["id"]) == 403
    assert may("asmhub_review_decide", "moderator", {"id": dataset["id"]}, world)


@pytest.mark.ckan_config("ckanext.asmhub.review.moderators_publish_directly", False)
def test_a_sysadmin_cannot_decide_their_own_contribution(world):
    sysadmin = world.users["sysadmin"]
    dataset = call_action("package_create", context=as_user(sysadmin), name=f"admins-{uuid.uuid4().hex[:8]}",
                          title="The administrator's figures", owner_org=ORG,
                          resources=[{"url": "https://example.org/admin.csv"}])
    call_action("asmhub_review_submit", context=as_user(sysadmin), id=dataset["id"])
    assert _decide_as(world, sysadmin, dataset["id"]) == 403
    assert call_action("asmhub_review_history_show", id=dataset["id"])["state"] == "submitted"


COMMUNITY_WRITES = [a for a in ACTIONS if a.callers == EDITORS]


@pytest.fixture(scope="module")
def community(world):
    """Two contributors of the community contributions organisation, editors both, and a
    submitted contribution of the first."""
    first, second = factories.User(), factories.User()
    for user in (first, second):
        call_action("asmhub_community_join", context=as_user(user))
    dataset = call_action("package_create", context=as_user(first), name=f"community-{uuid.uuid4().hex[:8]}",
                          title="Figures from a cooperative",
                          resources=[{"url": "https://example.org/coop.csv", "name": "coop"}])
    resource = dataset["resources"][0]
    view = call_action("resource_view_create", context={"user": "sysadmin"}, resource_id=resource["id"],
                       view_type="datatables_view", title="Table")
    call_action("datastore_create", context={"user": "sysadmin"}, resource_id=resource["id"], force=True,
                records=[{"district": "Geita", "miners": 12000}])
    call_action("asmhub_review_submit", context=as_user(first), id=dataset["id"])
    headers = {"Authorization": factories.APIToken(user=second["name"])["token"]}
    return {"first": first, "second": second, "headers": headers,
            "dataset": {"id": dataset["id"], "name": dataset["name"], "rid": resource["id"], "view": view["id"]}}


@pytest.mark.parametrize("action", COMMUNITY_WRITES, ids=[a.name for a in COMMUNITY_WRITES])
def test_a_community_contributor_cannot_touch_another_s_contribution(world, community, action):
    data = action.data(community["dataset"])
    if "owner_org" in data:
        data["owner_org"] = call_action("package_show", id=community["dataset"]["id"])["owner_org"]
    before = snapshot()
    response = world.app.post(f"/api/3/action/{action.name}", json=data, headers=community["headers"])
    assert (response.status_code, response.json["error"]["__type"]) == (403, "Authorization Error")
    assert snapshot() == before
    auth, auth_data = action.check(community["dataset"])
    tk.check_access(auth, as_user(community["first"]), auth_data)  # its contributor may
