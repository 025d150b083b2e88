"""The live server and chromium fixtures work end to end on a real page."""
from __future__ import annotations

import pytest

from ckan.tests import factories

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def test_a_visitor_finds_a_public_dataset_by_typing_in_the_search_box(browser_page, make_dataset):
    make_dataset(title="Gold panning in the Lake Victoria goldfields", name="lake-victoria-gold")
    make_dataset(title="Cassiterite trade in Rubaya", name="rubaya-tin")

    browser_page.goto("/dataset/")
    browser_page.fill("#field-giant-search", "goldfields")
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")

    results = browser_page.locator(".dataset-list .dataset-heading a").all_inner_texts()
    assert [r.strip() for r in results] == ["Gold panning in the Lake Victoria goldfields"]


def test_a_user_logs_in_and_sees_their_dashboard(browser_page):
    user = factories.User(password="correct-horse-42")
    log_in(browser_page, user["name"], "correct-horse-42")
    browser_page.goto("/dashboard/datasets")
    assert browser_page.url.endswith("/dashboard/datasets")
    assert user["fullname"] in browser_page.content()
