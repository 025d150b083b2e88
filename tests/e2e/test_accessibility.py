"""axe-core over the hub's pages in Debian's chromium: no serious or critical violations.

axe-core comes from npm (``package.json``, installed by ``make test``) and is
injected into each page. Pages whose route does not exist yet are skipped with
the reason, so they are checked as soon as they land.
"""
from __future__ import annotations

import json
import os

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound

from ckan.tests import factories

from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index"), pytest.mark.injects_scripts]

AXE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                   "node_modules", "axe-core", "axe.min.js")
BLOCKING = {"serious", "critical"}
PASSWORD = "correct-horse-42"

# (name, path, who) — ``{dataset}`` is filled with a seeded dataset's name.
PAGES = [
    ("home", "/", None),
    ("country profile", "/country/TZA", None),
    ("countries table", "/country", None),
    ("themes", "/theme", None),
    ("library", "/library/", None),
    ("dataset search", "/dataset/", None),
    ("dataset page", "/dataset/{dataset}", None),
    ("contribution form", "/dataset/new", "contributor"),
    ("moderator queue", "/review", "moderator"),
    ("my contributions", "/contributions", "contributor"),
    ("review page", "/review/{dataset}", "moderator"),
]


def _violations(page) -> list[dict]:
    page.add_script_tag(path=AXE)
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}
    })""")
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def _describe(violations: list[dict]) -> str:
    return json.dumps([{"id": v["id"], "impact": v["impact"], "help": v["help"],
                        "nodes": [n["target"] for n in v["nodes"]][:5]} for v in violations], indent=1)


@pytest.fixture
def hub(make_dataset):
    """A dataset with figures, a contributor with an organisation, a moderator (sysadmin)."""
    contributor = factories.User(password=PASSWORD)
    org = factories.Organization(users=[{"name": contributor["name"], "capacity": "editor"}])
    dataset = make_dataset(
        owner_org=org["id"], title="People working in ASM in Tanzania", minerals=["gold", "tin"],
        countries=["TZA"], themes=["livelihoods"], data_confidence="B",
        estimates=[{"indicator": "asm_miners", "low": "1000000", "central": "1500000", "high": "1700000",
                    "unit": "people", "ref_year": "2019", "pub_year": "2021", "confidence": "B",
                    "curation": "as reported", "source": "ASM Inventory"}])
    return {"dataset": dataset["name"], "contributor": contributor["name"],
            "moderator": factories.Sysadmin(password=PASSWORD)["name"]}


@pytest.fixture
def route_exists(live_server, make_app):
    """Whether the hub has a view for a path (the catch-all for static files aside)."""
    adapter = make_app().flask_app.url_map.bind("localhost")

    def exists(path: str) -> bool:
        try:
            endpoint, _args = adapter.match(path.split("?")[0])
        except (NotFound, MethodNotAllowed):
            return False
        return endpoint != "static"
    return exists


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize("name, path, who", PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_serious_accessibility_violations(browser_page, route_exists, hub, name, path, who, locale):
    path = path.format(**hub)
    if not route_exists(path):
        pytest.skip(f"{path} ({name}) is not served by the hub yet")
    if who:
        log_in(browser_page, hub[who], PASSWORD)
    response = browser_page.goto(path if locale == "en" else f"/{locale}{path}")
    assert response.status == 200, f"{path}: HTTP {response.status}"
    violations = _violations(browser_page)
    assert not violations, f"{name} ({locale}): {_describe(violations)}"


def test_form_errors_are_announced_and_tied_to_their_fields(browser_page, hub):
    """A contributor who submits an incomplete form in French hears the summary first,
    and each wrong field says what is wrong with it."""
    log_in(browser_page, hub["contributor"], PASSWORD)
    browser_page.goto("/fr/dataset/new")
    browser_page.fill("#field-title", "Or au Mali")
    browser_page.fill("#field-temporal_start", "20x0")
    with browser_page.expect_navigation():
        browser_page.click("button[name=save]")

    summary = browser_page.locator("[data-asmhub-error-summary]")
    assert summary.get_attribute("role") == "alert"
    assert "Saisissez une année sur quatre chiffres" in summary.inner_text()
    assert browser_page.evaluate("document.activeElement.hasAttribute('data-asmhub-error-summary')")
    year = browser_page.locator("#field-temporal_start")
    assert year.get_attribute("aria-invalid") == "true"
    described_by = browser_page.locator(f"#{year.get_attribute('aria-describedby')}").inner_text()
    assert "Saisissez une année sur quatre chiffres" in described_by
    violations = _violations(browser_page)
    assert not violations, _describe(violations)
