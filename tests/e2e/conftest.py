"""Browser fixtures: the hub over real HTTP, driven in Debian's chromium.

``live_server`` serves CKAN's test app from a thread on a free port, against the
same test database the test writes to, with ``ckan.site_url`` pointing at it so
redirects and absolute links stay on the server. ``browser_page`` is a fresh
Playwright page (own cookies) in a chromium shared by the whole session.
"""
from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass
from typing import Iterator

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@dataclass
class LiveServer:
    url: str

    def __call__(self, path: str = "/") -> str:
        return self.url + path


@pytest.fixture
def live_server(ckan_config, make_app, with_plugins) -> Iterator[LiveServer]:
    server = make_server("127.0.0.1", 0, app=None, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    ckan_config["ckan.site_url"] = url
    server.app = make_app().app
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(url)
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server, request):
    # Tests marked ``injects_scripts`` (axe-core) add an inline script, which the hub's
    # Content-Security-Policy rightly refuses; only they bypass it.
    bypass = request.node.get_closest_marker("injects_scripts") is not None
    context = chromium.new_context(base_url=live_server.url, locale="en-GB", bypass_csp=bypass)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page, name: str, password: str) -> None:
    """Log in through CKAN's own form, as a person would."""
    page.goto("/user/login")
    page.fill("#field-login", name)
    page.fill("#field-password", password)
    with page.expect_navigation():
        page.click("form#login button[type=submit], form .form-actions button[type=submit]")
