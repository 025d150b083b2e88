"""Security headers on every page, and uploads that can never run as the hub's pages (issue 23)."""
from __future__ import annotations

import io

import pytest

from ckan.tests import factories

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.mark.parametrize("path", ["/", "/dataset/", "/country", "/api/3/action/status_show"])
def test_every_response_carries_the_security_headers(app, path):
    response = app.get(path)
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
