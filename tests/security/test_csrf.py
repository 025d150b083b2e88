"""CSRF and sessions (issue 22): every state-changing form refuses a cookie session's POST
without the session's CSRF token, and does its work with it; actions that used to
run on a GET (harvest refresh, clear, delete, job abort) take a POST; session cookies are
HttpOnly and same-site.

``FORMS`` lists the hub's forms as (URL, who posts, POST fields, how to see the change):
each is posted twice by a user logged in through the login form, as a browser does,
first without the token (400, nothing changes), then with it (the change is made),
so no entry can pass by refusing everything. Adding a form is one entry.
``test_every_post_route_needs_a_token`` asks every route of the running app that
accepts a POST, so a new route is covered without a line here.
(The exemption core grants a view after an API token used it:
tests/review/test_security.py::TestCsrfForCookieSessions.)
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Callable

import pytest

from ckan import model
from ckan.lib import jobs
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.asmhub.review import CRITERIA

PASSWORD = "correct-horse-battery-9"
SITE = {"ignore_auth": True, "user": "csrf-sysadmin"}


def _token(body: str) -> str:
    return re.search(r'name="_csrf_token" (?:content|value)="([^"]+)"', body).group(1)


def log_in(app, name: str):
    """A browser of its own, logged in through the login form."""
    client = app.test_client()
    page = client.get("/user/login")
    response = client.post("/user/login", data={"login": name, "password": PASSWORD,
                                                "_csrf_token": _token(page.body)})
    assert response.status_code == 200 and name in client.get("/dashboard/datasets").body
    client.login_response = response
    return client


def session_token(client) -> str:
    return _token(client.get("/dataset/").body)


@pytest.fixture(scope="module")
def world(reset_db):
    import ckan.plugins as plugins
    from ckan.lib import search
    from ckan.lib.redis import connect_to_redis
    from ckan.tests.helpers import _get_test_app

    plugins.load_all()
    try:
        w = SimpleNamespace(app=_get_test_app())
        reset_db()
        search.clear_all()
        connect_to_redis().flushdb()
        factories.Sysadmin(name="csrf-sysadmin", password=PASSWORD)
        for name in ("moderator", "contributor", "joiner", "stranger"):
            factories.User(name=name, password=PASSWORD, email=f"{name}@example.org")
        call_action("asmhub_moderator_grant", context=dict(SITE), id="moderator")
        w.org = factories.Organization(name="csrf-org", users=[{"name": "contributor", "capacity": "editor"}])
        w.clients = {name: log_in(w.app, name)
                     for name in ("csrf-sysadmin", "moderator", "contributor", "joiner", "stranger")}
        yield w
    finally:
        plugins.unload_all()


def _dataset(world, submitted: bool = False, **fields: Any) -> dict[str, Any]:
    dataset = call_action("package_create", context={"user": "contributor"},
                          name=f"csrf-{uuid.uuid4().hex[:10]}", title="A contribution",
                          owner_org=world.org["id"],
                          resources=[{"url": "https://example.org/data.csv", "name": "data"}], **fields)
    if submitted:
        call_action("asmhub_review_submit", context={"user": "contributor"}, id=dataset["id"])
    return dataset


def _source(world) -> dict[str, Any]:
    return call_action("harvest_source_create", context=dict(SITE), name=f"csrf-{uuid.uuid4().hex[:10]}",
                       title="A portal", url=f"https://example.org/{uuid.uuid4().hex}/catalog.ttl",
                       source_type="dcat_rdf", owner_org=world.org["id"], frequency="MANUAL")


def _state(id: str) -> str:
    return call_action("asmhub_review_history_show", context=dict(SITE), id=id)["state"]


def _package(id: str) -> dict[str, Any]:
    return call_action("package_show", context=dict(SITE), id=id)


def _member_of(org: str, user: str) -> bool:
    members = call_action("member_list", context=dict(SITE), id=org, object_type="user")
    return model.User.get(user).id in {m[0] for m in members}


def _harvest_jobs(source: dict[str, Any]) -> int:
    return len(call_action("harvest_job_list", context=dict(SITE), source_id=source["id"]))


def _jobs_queued() -> int:
    return jobs.get_queue().count


@dataclass
class Form:
    """A form: who posts it, where (a template of what ``setup`` returns), what, and
    ``done(ctx)``: whether the change was made."""
    name: str
    who: str
    url: str
    fields: Callable[[dict[str, Any]], dict[str, Any]]
    done: Callable[[dict[str, Any]], bool]
    setup: Callable[[Any], dict[str, Any]] = field(default=lambda world: {})


def _dataset_form(ctx: dict[str, Any], **changes: Any) -> dict[str, Any]:
    pkg = ctx["dataset"]
    return {"name": pkg["name"], "title": pkg["title"], "owner_org": pkg["owner_org"],
            "license_id": pkg["license_id"], "notes": "", **changes}


def _source_form(ctx: dict[str, Any], **changes: Any) -> dict[str, Any]:
    source = ctx["source"]
    return {"name": source["name"], "title": source["title"], "url": source["url"],
            "source_type": "dcat_rdf", "frequency": "MANUAL", "owner_org": source["owner_org"],
            "config": "", **changes}


def _with_resource(world) -> dict[str, Any]:
    dataset = _dataset(world)
    return {"dataset": dataset, "resource": dataset["resources"][0]}


def _mail_pending(world) -> dict[str, Any]:
    _dataset(world, submitted=True)  # notices written, not sent: no worker runs here
    return {"jobs": _jobs_queued()}


def _job_status(job: dict[str, Any]) -> str:
    return call_action("harvest_job_show", context=dict(SITE), id=job["id"])["status"]


def _running_job(world) -> dict[str, Any]:
    source = _source(world)
    return {"source": source, "job": call_action("harvest_job_create", context=dict(SITE), source_id=source["id"])}


def _approved(world) -> dict[str, Any]:
    dataset = _dataset(world, submitted=True)
    call_action("asmhub_review_decide", context={"user": "moderator"}, id=dataset["id"],
                decision="approved", criteria={k: "met" for k in CRITERIA})
    return dataset


def _errors(body: str) -> str:
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(body, "html.parser")
    return " | ".join(e.get_text(" ", strip=True) for e in soup.select(
        ".error-explanation, .alert-danger, .alert-error, .invalid-feedback, .error-block, .flash-messages"))


FORMS = [
    Form("join the community", "joiner", "/contribute", lambda ctx: {},
         lambda ctx: bool(call_action("organization_list_for_user", context={"user": "joiner"},
                                      permission="create_dataset"))),
    Form("review decision", "moderator", "/review/{dataset[name]}",
         lambda ctx: {"decision": "approved", **{f"criterion_{k}": "met" for k in CRITERIA}},
         lambda ctx: _state(ctx["dataset"]["id"]) == "approved",
         lambda world: {"dataset": _dataset(world, submitted=True)}),
    Form("submit for review", "contributor", "/dataset/{dataset[name]}/review/submit",
         lambda ctx: {"comment": "Ready"}, lambda ctx: _state(ctx["dataset"]["id"]) == "submitted",
         lambda world: {"dataset": _dataset(world)}),
    Form("withdraw", "contributor", "/dataset/{dataset[name]}/review/withdraw",
         lambda ctx: {"comment": "Not yet"}, lambda ctx: _state(ctx["dataset"]["id"]) == "withdrawn",
         lambda world: {"dataset": _dataset(world, submitted=True)}),
    Form("save and submit", "contributor", "/dataset/edit/{dataset[name]}/submit-for-review",
         lambda ctx: _dataset_form(ctx, title="Saved and submitted"),
         lambda ctx: _state(ctx["dataset"]["id"]) == "submitted",
         lambda world: {"dataset": _dataset(world)}),
    Form("new dataset", "contributor", "/dataset/new",
         lambda ctx: {"name": ctx["name"], "title": "New", "owner_org": "csrf-org", "save": "continue"},
         lambda ctx: model.Package.get(ctx["name"]) is not None,
         lambda world: {"name": f"csrf-new-{uuid.uuid4().hex[:8]}"}),
    Form("edit dataset", "contributor", "/dataset/edit/{dataset[name]}",
         lambda ctx: _dataset_form(ctx, title="Edited title"),
         lambda ctx: _package(ctx["dataset"]["id"])["title"] == "Edited title",
         lambda world: {"dataset": _dataset(world)}),
    Form("delete dataset", "contributor", "/dataset/delete/{dataset[name]}", lambda ctx: {},
         lambda ctx: model.Package.get(ctx["dataset"]["id"]).state == "deleted",
         lambda world: {"dataset": _dataset(world)}),
    Form("new library document", "contributor", "/library/new",
         lambda ctx: {"name": ctx["name"], "title": "Report", "owner_org": "csrf-org", "save": "continue"},
         lambda ctx: model.Package.get(ctx["name"]) is not None,
         lambda world: {"name": f"csrf-lib-{uuid.uuid4().hex[:8]}"}),
    Form("new resource", "contributor", "/dataset/{dataset[name]}/resource/new",
         lambda ctx: {"id": "", "url": "https://example.org/more.csv", "name": "More data", "save": "go-metadata"},
         lambda ctx: "More data" in [r["name"] for r in _package(ctx["dataset"]["id"])["resources"]],
         _with_resource),
    Form("edit resource", "contributor", "/dataset/{dataset[name]}/resource/{resource[id]}/edit",
         lambda ctx: {"url": "https://example.org/data.csv", "name": "Renamed", "format": "CSV", "save": ""},
         lambda ctx: _package(ctx["dataset"]["id"])["resources"][0]["name"] == "Renamed", _with_resource),
    Form("delete resource", "contributor", "/dataset/{dataset[name]}/resource/{resource[id]}/delete",
         lambda ctx: {}, lambda ctx: _package(ctx["dataset"]["id"])["resources"] == [], _with_resource),
    Form("new resource view", "contributor",
         "/dataset/{dataset[name]}/resource/{resource[id]}/new_view",
         lambda ctx: {"view_type": "webpage_view", "title": "Web page view", "page_url": "https://example.org/"},
         lambda ctx: "Web page view" in [v["title"] for v in call_action(
             "resource_view_list", context=dict(SITE), id=ctx["resource"]["id"])], _with_resource),
    Form("edit own profile", "stranger", "/user/edit/stranger",
         lambda ctx: {"name": "stranger", "fullname": ctx["fullname"], "email": "stranger@example.org",
                      "about": "", "save": ""},
         lambda ctx: model.User.get("stranger").fullname == ctx["fullname"],
         lambda world: {"fullname": f"Stranger {uuid.uuid4().hex[:6]}"}),
    Form("new API token", "stranger", "/user/stranger/api-tokens", lambda ctx: {"name": ctx["token"]},
         lambda ctx: ctx["token"] in [t["name"] for t in call_action(
             "api_token_list", context=dict(SITE), user_id="stranger")],
         lambda world: {"token": f"token-{uuid.uuid4().hex[:6]}"}),
    Form("make a sysadmin", "csrf-sysadmin", "/user/sysadmin", lambda ctx: {"username": ctx["user"]["name"],
                                                                           "status": "1"},
         lambda ctx: model.User.get(ctx["user"]["id"]).sysadmin,
         lambda world: {"user": factories.User()}),
    Form("new organisation", "csrf-sysadmin", "/organization/new",
         lambda ctx: {"name": ctx["name"], "title": "New organisation"},
         lambda ctx: model.Group.get(ctx["name"]) is not None,
         lambda world: {"name": f"csrf-org-{uuid.uuid4().hex[:8]}"}),
    Form("edit organisation", "csrf-sysadmin", "/organization/edit/{org[name]}",
         lambda ctx: {"name": ctx["org"]["name"], "title": "Edited organisation"},
         lambda ctx: model.Group.get(ctx["org"]["id"]).title == "Edited organisation",
         lambda world: {"org": factories.Organization()}),
    Form("add a member", "csrf-sysadmin", "/organization/member_new/{org[name]}",
         lambda ctx: {"username": "stranger", "role": "member"},
         lambda ctx: _member_of(ctx["org"]["id"], "stranger"),
         lambda world: {"org": factories.Organization()}),
    Form("remove a member", "csrf-sysadmin", "/organization/member_delete/{org[name]}?user={user[id]}",
         lambda ctx: {}, lambda ctx: not _member_of(ctx["org"]["id"], ctx["user"]["id"]),
         lambda world: (lambda user: {"user": user, "org": factories.Organization(
             users=[{"name": user["name"], "capacity": "member"}])})(factories.User())),
    Form("delete organisation", "csrf-sysadmin", "/organization/delete/{org[name]}", lambda ctx: {},
         lambda ctx: model.Group.get(ctx["org"]["id"]).state == "deleted",
         lambda world: {"org": factories.Organization()}),
    Form("retry the outbox", "csrf-sysadmin", "/ckan-admin/outbox/retry", lambda ctx: {},
         lambda ctx: _jobs_queued() > ctx["jobs"], _mail_pending),
    Form("new harvest source", "csrf-sysadmin", "/harvest/new",
         lambda ctx: {"name": ctx["name"], "title": "A portal", "url": "https://example.org/catalog.ttl",
                      "source_type": "dcat_rdf", "frequency": "MANUAL", "owner_org": "csrf-org",
                      "config": ""},
         lambda ctx: model.Package.get(ctx["name"]) is not None,
         lambda world: {"name": f"csrf-source-{uuid.uuid4().hex[:8]}"}),
    Form("edit harvest source", "csrf-sysadmin", "/harvest/edit/{source[name]}",
         lambda ctx: _source_form(ctx, title="Edited portal"),
         lambda ctx: _package(ctx["source"]["id"])["title"] == "Edited portal",
         lambda world: {"source": _source(world)}),
    Form("reharvest", "csrf-sysadmin", "/harvest/refresh/{source[id]}", lambda ctx: {},
         lambda ctx: _harvest_jobs(ctx["source"]) == 1, lambda world: {"source": _source(world)}),
    Form("clear harvest source", "csrf-sysadmin", "/harvest/clear/{source[id]}", lambda ctx: {},
         lambda ctx: _harvest_jobs(ctx["source"]) == 0,
         lambda world: (lambda source: (call_action("harvest_job_create", context=dict(SITE),
                                                    source_id=source["id"]), {"source": source})[1])(
             _source(world))),
    Form("stop a harvest job", "csrf-sysadmin", "/harvest/{source[name]}/job/{job[id]}/abort", lambda ctx: {},
         lambda ctx: _job_status(ctx["job"]) not in ("New", "Running"), _running_job),
    Form("delete harvest source", "csrf-sysadmin", "/harvest/delete/{source[name]}", lambda ctx: {},
         lambda ctx: model.Package.get(ctx["source"]["id"]).state != "active",
         lambda world: {"source": _source(world)}),
    Form("action API with a cookie", "contributor", "/api/3/action/package_patch",
         lambda ctx: {"id": ctx["dataset"]["id"], "title": "Patched"},
         lambda ctx: _package(ctx["dataset"]["id"])["title"] == "Patched",
         lambda world: {"dataset": _dataset(world)}),
    Form("follow a dataset", "stranger", "/dataset/follow/{dataset[id]}", lambda ctx: {},
         lambda ctx: call_action("am_following_dataset", context={"user": "stranger"},
                                 id=ctx["dataset"]["id"]),
         lambda world: {"dataset": _approved(world)}),
]


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_a_form_needs_the_session_s_token_and_works_with_it(world, form):
    ctx = form.setup(world)
    client = world.clients[form.who]
    url = form.url.format(**ctx)

    forged = client.post(url, data=form.fields(ctx), follow_redirects=False)
    assert forged.status_code == 400 and "CSRF" in forged.body, forged.status_code
    model.Session.remove()
    assert not form.done(ctx), "the change was made without a token"

    real = client.post(url, data={**form.fields(ctx), "_csrf_token": session_token(client)},
                       follow_redirects=False)
    assert real.status_code in (200, 302, 303), (real.status_code, _errors(real.body))
    model.Session.remove()
    assert form.done(ctx), f"the form did nothing with its token ({real.status_code}): {_errors(real.body)}"


def _post_routes(app) -> list[str]:
    rules = [r for r in app.flask_app.url_map.iter_rules() if "POST" in r.methods]

    def value(match: re.Match) -> str:  # a value each converter takes: /api/3/action/...
        return "3" if (match.group(1) or "").startswith("int") else "csrf-probe"
    return sorted({re.sub(r"<(?:([^:>]+):)?[^>]+>", value, r.rule) for r in rules})


def test_every_post_route_needs_a_token(world):
    """Every route of the running app that takes a POST, each asked by a logged-in sysadmin
    without a token: a 400 before the view runs."""
    client = world.clients["csrf-sysadmin"]
    routes = _post_routes(world.app)
    assert len(routes) > 50 and "/ckan-admin/outbox/retry" in routes
    refused = {}
    for url in routes:
        response = client.post(url, data={"id": "csrf-probe"})
        refused[url] = response.status_code == 400 and "CSRF" in response.body
    assert [url for url, ok in refused.items() if not ok] == []


# Harvest actions ckanext-harvest runs on a GET (a link or a redirect from any site could
# run them with a moderator's cookies): only a POST with a token may. (URL, whether the
# source needs a job for the action to change anything.)
HARVEST_ACTIONS = [
    ("/harvest/refresh/{source[id]}", False),
    ("/harvest/clear/{source[id]}", True),
    ("/harvest/delete/{source[id]}", False),
    ("/harvest/delete/{source[id]}?clear=true", True),
    ("/harvest/{source[name]}/job/{job[id]}/abort", True),
]


def _harvest_state(source: dict[str, Any]) -> tuple[Any, ...]:
    """The source's state and its jobs' statuses."""
    pkg = model.Package.get(source["id"])
    try:
        jobs_ = call_action("harvest_job_list", context=dict(SITE), source_id=source["id"])
    except Exception:  # a purged source has no jobs to list
        jobs_ = []
    return (pkg.state if pkg else None, sorted((j["id"], j["status"]) for j in jobs_))


@pytest.mark.parametrize("url, with_job", HARVEST_ACTIONS, ids=[u for u, _ in HARVEST_ACTIONS])
def test_a_harvest_action_never_runs_on_a_get(world, url, with_job):
    source = _source(world)
    job = call_action("harvest_job_create", context=dict(SITE), source_id=source["id"]) if with_job else {}
    before = _harvest_state(source)
    response = world.clients["csrf-sysadmin"].get(url.format(source=source, job=job), follow_redirects=False)
    model.Session.remove()
    assert _harvest_state(source) == before, "a GET changed it"
    assert response.status_code == 405


def test_the_source_dashboard_s_buttons_post(world):
    from bs4 import BeautifulSoup
    from ckanext.harvest.model import HarvestJob

    ctx = _running_job(world)
    job = HarvestJob.get(ctx["job"]["id"])
    job.status = "Running"
    model.Session.commit()
    page = world.clients["csrf-sysadmin"].get(f"/harvest/admin/{ctx['source']['name']}")
    assert page.status_code == 200
    buttons = BeautifulSoup(page.body, "html.parser").select(
        "a[href*='/abort'], a[href*='/clear/'], a[href*='/refresh/']")
    assert len(buttons) == 2  # Stop and Clear (no Reharvest while a job runs)
    assert all(b.get("data-module") == "confirm-action" for b in buttons), buttons


def test_session_and_remember_cookies_are_http_only_and_same_site(world):
    client = world.app.test_client()
    page = client.get("/user/login")
    response = client.post("/user/login", data={"login": "stranger", "password": PASSWORD, "remember": "63072000",
                                                "_csrf_token": _token(page.body)}, follow_redirects=False)
    assert response.status_code in (302, 303)
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    assert {"ckan", "remember_token"} <= set(cookies), list(cookies)
    for name, cookie in cookies.items():
        attributes = {a.strip().split("=")[0].lower(): a.strip() for a in cookie.split(";")[1:]}
        assert "httponly" in attributes, name
        assert attributes.get("samesite", "").lower() in ("samesite=lax", "samesite=strict"), name
