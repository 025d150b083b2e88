"""A contribution's whole review, in Debian's chromium: submitted, sent back for
revisions, resubmitted from the edit form, approved, and then public."""
from __future__ import annotations

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

TITLE = "Artisanal cobalt diggers in Kolwezi"
PASSWORD = "correct-horse-42"


def page_for(chromium, live_server, name):
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, name, PASSWORD)
    return page


def test_contribution_reviewed_revised_and_published(browser_page, chromium, live_server):
    contributor = factories.User(name="kolwezi-researcher", password=PASSWORD)
    moderator = factories.User(name="hub-moderator", password=PASSWORD)
    org = factories.Organization(users=[{"name": contributor["name"], "capacity": "editor"}])
    call_action("asmhub_moderator_grant", id=moderator["name"])
    dataset = call_action("package_create", context={"user": contributor["name"]},
                          name="kolwezi-cobalt", title=TITLE, owner_org=org["id"],
                          notes="Counts of diggers at 12 sites.",
                          resources=[{"name": "counts", "url": "https://example.org/counts.csv"}])
    anonymous = browser_page
    assert anonymous.goto("/dataset/kolwezi-cobalt").status == 404

    # The contributor submits it from the dataset page.
    mine = page_for(chromium, live_server, contributor["name"])
    mine.goto("/dataset/kolwezi-cobalt")
    mine.fill("#asmhub-review-comment", "Field counts from 2023")
    with mine.expect_navigation():
        mine.click("text=Submit for review")
    assert "Awaiting review" in mine.inner_text("#asmhub-review-panel")

    # The moderator finds it in the queue and asks for revisions.
    mod = page_for(chromium, live_server, moderator["name"])
    mod.goto("/")
    with mod.expect_navigation():
        mod.click("a[href='/review']")
    assert mod.inner_text("[data-state-count=submitted]") == "1"
    with mod.expect_navigation():
        mod.click("#asmhub-review-queue >> text=Review")
    for row in mod.locator("#asmhub-review-form tbody tr").all():
        row.locator("input[value=met]").check()
    mod.locator("input[name=criterion_errors_omissions][value=not_met]").check()
    mod.fill("input[name=criterion_errors_omissions_note]", "No reference year")
    mod.check("#decision-revisions_requested")
    mod.fill("#field-comment", "Good data; say when it was collected.")
    mod.fill("#field-required-changes", "Give the reference year of the counts")
    with mod.expect_navigation():
        mod.click("text=Record the decision")
    assert "Decision recorded" in mod.content()
    assert anonymous.goto("/dataset/kolwezi-cobalt").status == 404

    # The contributor reads what to change, edits and resubmits from the form.
    mine.goto("/contributions")
    row = mine.inner_text(f"#asmhub-contributions tr[data-package={dataset['name']}]")
    assert "Revisions requested" in row and "Give the reference year of the counts" in row
    mine.goto("/dataset/edit/kolwezi-cobalt")
    mine.fill("#field-notes", "Counts of diggers at 12 sites, made in March 2023.")
    with mine.expect_navigation():
        mine.click("text=Save and submit for review")
    assert "Awaiting review" in mine.inner_text("#asmhub-review-panel")

    # The moderator sees the change and approves.
    mod.goto("/review/kolwezi-cobalt")
    assert "March 2023" in mod.inner_text("#asmhub-review-changes")
    for row in mod.locator("#asmhub-review-form tbody tr").all():
        row.locator("input[value=met]").check()
    mod.check("#decision-approved")
    with mod.expect_navigation():
        mod.click("text=Record the decision")
    assert "Approved" in mod.content()

    # Now everyone sees it, on its page and in search.
    assert anonymous.goto("/dataset/kolwezi-cobalt").status == 200
    assert TITLE in anonymous.inner_text("h1")
    anonymous.goto("/dataset/?q=cobalt")
    assert TITLE in anonymous.inner_text(".dataset-list")
    assert anonymous.locator(".asmhub-review-badge").count() == 0
