"""Security headers on every page, and uploads that can never run as the hub's pages (issue 23);
the main pages one by one, under a policy they satisfy, and errors that never show a
traceback (issue 22).

One small catalogue is built for the module (an approved dataset with a figure for
Tanzania and a resource, a library document, an organisation, a sysadmin) and one
test app answers every request; adding a page is a line of ``PAGES``.
"""
from __future__ import annotations

import io
import re
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from ckan.tests import factories
from ckan.tests.helpers import call_action

# (path, who asks): every main page of the hub, public and behind a login.
PAGES = [
    ("/", "anonymous"), ("/about", "anonymous"), ("/dataset/", "anonymous"),
    ("/dataset/?q=gold&countries=TZA", "anonymous"), ("/dataset/{dataset}", "anonymous"),
    ("/dataset/{dataset}/resource/{resource}", "anonymous"), ("/dataset/activity/{dataset}", "anonymous"),
    ("/library/", "anonymous"), ("/library/{document}", "anonymous"),
    ("/country", "anonymous"), ("/country/TZA", "anonymous"), ("/country/sources", "anonymous"),
    ("/theme", "anonymous"), ("/theme/gender", "anonymous"),
    ("/organization/", "anonymous"), ("/organization/{organization}", "anonymous"),
    ("/user/login", "anonymous"), ("/user/register", "anonymous"), ("/no-such-page", "anonymous"),
    ("/dataset/new", "sysadmin"), ("/dataset/edit/{dataset}", "sysadmin"),
    ("/organization/edit/{organization}", "sysadmin"), ("/user/edit/{sysadmin}", "sysadmin"),
    ("/dashboard/datasets", "sysadmin"), ("/review", "sysadmin"), ("/review/{dataset}", "sysadmin"),
    ("/contribute", "sysadmin"), ("/contributions", "sysadmin"), ("/ckan-admin", "sysadmin"),
    ("/ckan-admin/outbox", "sysadmin"), ("/harvest/", "sysadmin"), ("/harvest/new", "sysadmin"),
]
# Scripts the browser never runs: data for the page (schema.org's JSON-LD) or templates.
DATA_SCRIPTS = ("application/ld+json", "application/json", "text/template", "text/x-template")
NO_OP_LINKS = ("javascript:;", "javascript:void(0);", "javascript:void(0)")


@pytest.fixture(scope="module")
def site(reset_db):
    """A small approved catalogue, a sysadmin and one test app for the module."""
    import ckan.plugins as plugins
    from ckan.lib import search
    from ckan.lib.redis import connect_to_redis
    from ckan.tests.helpers import _get_test_app

    plugins.load_all()
    try:
        reset_db()
        search.clear_all()
        connect_to_redis().flushdb()
        sysadmin = factories.Sysadmin()
        context = {"user": sysadmin["name"]}
        org = factories.Organization(title="Mining NGO")
        estimate = {"indicator": "asm_miners", "central": 1500000, "ref_year": 2020, "pub_year": 2021,
                    "confidence": "B", "source": "Ministry of Minerals (2021)",
                    "source_url": "https://example.org/report"}
        dataset = call_action("package_create", context=dict(context), name="headers-dataset",
                              title="People in ASM in Tanzania", owner_org=org["id"], countries=["TZA"],
                              minerals=["gold"], themes=["gender"], estimates=[estimate],
                              resources=[{"url": "https://example.org/tza.csv", "name": "Figures",
                                          "format": "CSV"}])
        document = call_action("package_create", context=dict(context), type="library",
                               name="headers-document", title="A report on ASM", owner_org=org["id"],
                               countries=["TZA"], year="2021")
        for pkg in (dataset, document):  # a moderator's own datasets need no review
            assert call_action("asmhub_review_history_show", id=pkg["id"])["state"] == "approved"
        names = {"dataset": dataset["name"], "resource": dataset["resources"][0]["id"],
                 "document": document["name"], "organization": org["name"], "sysadmin": sysadmin["name"]}
        headers = {"anonymous": {},
                   "sysadmin": {"Authorization": factories.APIToken(user=sysadmin["name"])["token"]}}
        yield SimpleNamespace(names=names, headers=headers, app=_get_test_app())
    finally:
        plugins.unload_all()


@pytest.fixture
def app(site):
    """The module's test app (CKAN's ``app`` fixture would make one per test)."""
    return site.app


def _get(app, site, path: str, who: str):
    return app.get(path.format(**site.names), headers=site.headers[who])


def inline_code(html: str) -> list[str]:
    """What a policy without 'unsafe-inline' scripts would block: inline scripts, event
    handler attributes, javascript: links that do something."""
    soup = BeautifulSoup(html, "html.parser")
    found = [f"<script>{(s.string or '')[:60]}" for s in soup.find_all("script")
             if not s.get("src") and s.get("type", "").lower() not in DATA_SCRIPTS]
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            if attribute.lower().startswith("on"):
                found.append(f"<{element.name} {attribute}>")
            elif attribute.lower() in ("href", "src", "action", "formaction") and isinstance(value, str):
                link = re.sub(r"\s", "", value).lower()
                if link.startswith("javascript:") and link not in NO_OP_LINKS:
                    found.append(f"<{element.name} {attribute}={value!r}>")
    return found


@pytest.mark.parametrize("path, who", PAGES, ids=[f"{p}@{w}" for p, w in PAGES])
def test_every_page_carries_the_security_headers_and_runs_no_inline_code(app, site, path, who):
    response = _get(app, site, path, who)
    assert response.status_code == (404 if path == "/no-such-page" else 200)
    assert response.mimetype == "text/html"
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    policy = headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY" or "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in _directive(policy, "script-src")
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Server" not in headers
    assert inline_code(response.body) == []


def _directive(policy: str, name: str) -> str:
    return next((d for d in policy.split(";") if d.strip().startswith(name)), "")


@pytest.mark.parametrize("path", ["/api/3/action/status_show", "/country.csv", "/country.json",
                                  "/dataset/{dataset}/cite.bib", "/catalog.ttl"])
def test_every_response_carries_the_security_headers(app, site, path):
    response = app.get(path.format(**site.names))
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Server" not in response.headers


def test_pages_have_a_content_security_policy_without_inline_scripts(app):
    policy = app.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


@pytest.mark.parametrize("name, content", [
    ("evil.html", b"<html><script>alert(document.cookie)</script></html>"),
    ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
])
def test_an_uploaded_page_is_downloaded_in_a_sandbox_never_rendered(app, name, content):
    user = factories.User()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    dataset = factories.Dataset(owner_org=org["id"], user=user)
    token = factories.APIToken(user=user["name"])["token"]
    created = app.post("/api/3/action/resource_create", headers={"Authorization": token},
                       data={"package_id": dataset["id"], "name": name,
                             "upload": (io.BytesIO(content), name)},
                       content_type="multipart/form-data").json["result"]
    assert created["url_type"] == "upload"
    response = app.get(f"/dataset/{dataset['id']}/resource/{created['id']}/download/{name}",
                       headers={"Authorization": token})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_an_error_shows_the_hub_s_page_never_a_traceback(site, monkeypatch):
    """The app as the served hub makes it (``testing`` and ``debug`` off, as in
    docker/wsgi.py), with a view that fails: the visitor gets the hub's error page."""
    from ckan.common import config
    from ckan.config.middleware import make_app
    from ckan.tests.helpers import CKANTestApp

    monkeypatch.setitem(config, "testing", False)
    monkeypatch.setitem(config, "debug", False)
    served = CKANTestApp(make_app(config))
    detail = "zqx-internal-detail"

    def broken():
        raise RuntimeError(f"connection to {detail} failed")
    served.flask_app.add_url_rule("/asmhub-test/broken", "asmhub_test_broken", broken)

    response = served.get("/asmhub-test/broken")
    assert response.status_code == 500
    body = response.body
    assert "ASM Hub" in body and "Internal server error" in body  # the hub's own page
    for leak in (detail, "Traceback", "RuntimeError", ".py", "werkzeug"):
        assert leak not in body, leak
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response.headers


def test_the_shipped_configurations_never_turn_the_debugger_on():
    from configparser import ConfigParser
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for ini in ("config/hub.ini", "docker/ckan.ini", "test.ini"):
        parser = ConfigParser(interpolation=None, strict=False)
        parser.read(root / ini)
        assert parser.get("app:main", "debug", fallback="false").strip().lower() in ("false", "0", "no"), ini


def test_the_checks_find_what_the_policy_would_block():
    """``inline_code`` is not blind: each thing the policy blocks is found."""
    assert inline_code('<script>alert(1)</script><script src="/a.js"></script>') == ["<script>alert(1)"]
    assert inline_code('<img src=x onerror="alert(1)">') == ["<img onerror>"]
    assert inline_code('<a href=" javascript:alert(1)">x</a><a href="javascript:;">y</a>') == \
        ["<a href=' javascript:alert(1)'>"]
    assert inline_code('<script type="application/ld+json">{"a": 1}</script>') == []
