"""The pages of moderated publishing, through CKAN's test app."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from ckan.tests import factories
from ckan.tests.helpers import call_action

from .conftest import act, all_met

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def login(user):
    return {"Authorization": factories.APIToken(user=user["name"])["token"]}


def html(response):
    return BeautifulSoup(response.body, "html.parser")


def test_the_dataset_page_offers_submission_to_its_contributor(app, people, contribution):
    dataset = contribution()
    page = html(app.get(f"/dataset/{dataset['name']}", headers=login(people.contributor)))
    panel = page.select_one("#asmhub-review-panel")
    assert "Draft" in panel.text
    assert panel.select_one("form.asmhub-review-submit button").text.strip() == "Submit for review"


def test_submitting_from_the_dataset_page(app, people, contribution):
    dataset = contribution()
    response = app.post(f"/dataset/{dataset['name']}/review/submit", headers=login(people.contributor),
                        data={"comment": "Please review"}, follow_redirects=True)
    assert "Submitted for review" in response.body
    assert "Awaiting review" in html(response).select_one("#asmhub-review-panel").text
    assert call_action("asmhub_review_history_show", id=dataset["id"])["events"][-1]["comment"] == "Please review"


def test_submitting_twice_from_the_page_says_why_not(app, people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    response = app.post(f"/dataset/{dataset['name']}/review/submit", headers=login(people.contributor),
                        follow_redirects=True)
    assert response.status_code == 200
    assert "already awaiting review" in response.body


def test_a_stranger_cannot_submit(app, people, contribution):
    dataset = contribution()
    response = app.post(f"/dataset/{dataset['name']}/review/submit", headers=login(people.stranger))
    assert response.status_code == 403


def test_save_and_submit_from_the_edit_form(app, people, contribution):
    dataset = contribution()
    form = html(app.get(f"/dataset/edit/{dataset['name']}", headers=login(people.contributor)))
    button = form.select_one("button[formaction]")
    assert button.text.strip() == "Save and submit for review"
    response = app.post(button["formaction"], headers=login(people.contributor), data={
        "name": dataset["name"], "title": "A better title", "owner_org": dataset["owner_org"],
        "notes": "Now with sources", "save": ""}, follow_redirects=True)
    assert response.status_code == 200, response.body[:500]
    assert call_action("package_show", id=dataset["id"])["title"] == "A better title"
    assert call_action("asmhub_review_history_show", id=dataset["id"])["state"] == "submitted"


def test_save_and_submit_with_errors_shows_the_form_again(app, people, contribution):
    dataset = contribution()
    response = app.post(f"/dataset/edit/{dataset['name']}/submit-for-review",
                        headers=login(people.contributor),
                        data={"name": "", "title": "x", "owner_org": dataset["owner_org"], "save": ""})
    assert response.status_code == 200
    assert "Name: Missing value" in response.body or "Missing value" in response.body
    assert call_action("asmhub_review_history_show", id=dataset["id"])["state"] == "draft"


def test_the_queue_page_shows_counts_age_and_the_promise(app, people, contribution):
    for _ in range(2):
        act("asmhub_review_submit", people.contributor, id=contribution()["id"])
    page = html(app.get("/review", headers=login(people.moderator)))
    assert page.select_one("[data-state-count=submitted]").text == "2"
    assert len(page.select("#asmhub-review-queue tbody tr")) == 2
    assert "3 to 10 business days" in page.select_one("#asmhub-review-performance").text
    assert page.select_one("#asmhub-undelivered-mail") is None  # sysadmins only


@pytest.mark.parametrize("who", ["contributor", "stranger"])
def test_the_queue_is_for_moderators(app, people, who):
    assert app.get("/review", headers=login(getattr(people, who))).status_code == 403


def test_the_review_page_records_a_decision(app, people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    page = html(app.get(f"/review/{dataset['name']}", headers=login(people.moderator)))
    assert len(page.select("#asmhub-review-form input[value=met]")) == 6
    assert "First review" in page.select_one("#asmhub-review-changes").text
    data = {f"criterion_{k}": "met" for k in all_met()}
    data.update(decision="revisions_requested", comment="Needs sources",
                required_changes="Cite the census\nGive the year")
    response = app.post(f"/review/{dataset['name']}", headers=login(people.moderator), data=data,
                        follow_redirects=True)
    assert "Decision recorded" in response.body
    history = call_action("asmhub_review_history_show", id=dataset["id"])
    assert history["state"] == "revisions_requested"
    assert history["events"][-1]["required_changes"] == ["Cite the census", "Give the year"]


def test_the_review_page_explains_a_refused_decision(app, people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    response = app.post(f"/review/{dataset['name']}", headers=login(people.moderator),
                        data={"decision": "denied", "criterion_data_quality": "met"})
    assert response.status_code == 200
    errors = html(response).select_one("#asmhub-review-form .alert-danger").text
    assert "Give the reason" in errors and "Answer this criterion" in errors
    assert html(response).select_one("input[name=criterion_data_quality][value=met]").has_attr("checked")
    assert call_action("asmhub_review_history_show", id=dataset["id"])["state"] == "submitted"


def test_the_review_page_shows_changes_since_the_last_review(app, people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    act("asmhub_review_decide", people.moderator, id=dataset["id"], decision="revisions_requested",
        comment="Title", required_changes=["Say which mineral"], criteria=all_met())
    act("package_patch", people.contributor, id=dataset["id"], title="Gold miners in Ruritania, 2019")
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    changes = html(app.get(f"/review/{dataset['name']}", headers=login(people.moderator))).select_one(
        "#asmhub-review-changes")
    assert "Gold miners in Ruritania, 2019" in changes.text and "title" in changes.text


def test_a_contributor_cannot_review_their_own_page(app, people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    response = app.post(f"/review/{dataset['name']}", headers=login(people.contributor),
                        data={"decision": "approved", **{f"criterion_{k}": "met" for k in all_met()}})
    assert response.status_code == 403


def test_my_contributions_page(app, people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    act("asmhub_review_decide", people.moderator, id=dataset["id"], decision="denied",
        comment="Out of scope", criteria=all_met())
    row = html(app.get("/contributions", headers=login(people.contributor))).select_one(
        f"#asmhub-contributions tr[data-package={dataset['name']}]")
    assert "Denied" in row.text and "Out of scope" in row.text
    assert app.get("/contributions", follow_redirects=False).status_code in (302, 303)


def test_search_results_badge_contributions_for_those_who_see_them(app, people, contribution):
    dataset = contribution(title="Cobalt diggers")
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    item = html(app.get("/dataset/?q=cobalt", headers=login(people.editor))).select_one(".dataset-item")
    assert item.select_one(".asmhub-review-badge")["data-review-state"] == "submitted"


def test_contribute_enrols_a_user_without_organisation(app):
    user = factories.User()
    response = app.post("/contribute", headers=login(user), follow_redirects=False)
    assert response.status_code in (302, 303)
    assert "/dataset/new" in response.headers["Location"]
    form = app.get("/dataset/new", headers=login(user))
    assert form.status_code == 200 and "Community contributions" in form.body


class TestCli:
    def test_grant_list_revoke(self, cli, people):
        from ckan.cli.cli import ckan as ckan_command
        result = cli.invoke(ckan_command, ["asmhub", "moderator", "grant", "stranger"])
        assert result.exit_code == 0 and "stranger is a moderator" in result.output
        listed = cli.invoke(ckan_command, ["asmhub", "moderator", "list"]).output
        assert "stranger\tmoderator" in listed
        result = cli.invoke(ckan_command, ["asmhub", "moderator", "revoke", "stranger"])
        assert result.exit_code == 0 and "no longer a moderator" in result.output

    def test_unknown_user_exits_non_zero(self, cli):
        from ckan.cli.cli import ckan as ckan_command
        result = cli.invoke(ckan_command, ["asmhub", "moderator", "grant", "nobody"])
        assert result.exit_code != 0
        assert "User not found" in result.output


def test_a_library_document_is_reviewed_like_a_dataset(app, people, contribution):
    doc = contribution(type="library", name="mmsd", title="Breaking New Ground", authors="MMSD",
                       year="2002", publisher="IIED", document_type="Report", language=["en"],
                       url="https://www.iied.org/9084iied", access="open")
    assert app.get("/library/mmsd").status_code == 404
    response = app.post("/dataset/mmsd/review/submit", headers=login(people.contributor),
                        follow_redirects=False)
    assert response.headers["Location"].endswith("/library/mmsd")
    act("asmhub_review_decide", people.moderator, id=doc["id"], decision="approved", criteria=all_met())
    assert "Breaking New Ground" in app.get("/library/mmsd").body
