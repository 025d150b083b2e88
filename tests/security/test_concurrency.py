"""What happens when people act on one thing at the same moment (issue 22).

The hub is served over HTTP by a threaded server on the real PostgreSQL; each client
is a thread with its own API token, and a barrier lets them all go at once: each
request runs in its own server thread, database session and transaction, as under
gunicorn's workers.
"""
from __future__ import annotations

import threading
import uuid
from typing import Any, Callable

import pytest
import requests
from werkzeug.serving import make_server

from ckan import model
from ckan.lib import jobs
from ckan.tests import factories
from ckan.tests.helpers import call_action
import ckan.plugins.toolkit as tk

from tests.review.conftest import act, all_met, as_user

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

MODERATORS = 10


@pytest.fixture
def site(app):
    """The hub on a free port, served by one thread per request."""
    server = make_server("127.0.0.1", 0, app.app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    # CKAN builds its table of auth functions on first use, unguarded: two threads at
    # once can find it half built. Each served worker builds it once, on its first request.
    requests.get(f"{url}/api/3/action/package_search", timeout=60).raise_for_status()
    yield url
    server.shutdown()
    thread.join()


def token(user: dict[str, Any]) -> str:
    return factories.APIToken(user=user["name"])["token"]


def at_once(calls: list[Callable[[], requests.Response]]) -> list[requests.Response]:
    """Run every call in a thread of its own, all released together."""
    start = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = calls[i]()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(isinstance(r, requests.Response) for r in results), results
    model.Session.remove()  # read what they committed, not this thread's loaded objects
    return results


def action(site: str, action_name: str, key: str, **data: Any) -> Callable[[], requests.Response]:
    return lambda: requests.post(f"{site}/api/3/action/{action_name}", json=data,
                                 headers={"Authorization": key}, timeout=60)


# -- ten moderators decide one contribution --------------------------------------------
DECISIONS = [
    {"decision": "approved", "comment": "Well sourced"},
    {"decision": "revisions_requested", "comment": "Almost", "required_changes": ["Cite the census"]},
    {"decision": "denied", "comment": "Site coordinates endanger miners"},
]


@pytest.mark.usefixtures("clean_queues", "with_test_worker")
def test_ten_moderators_deciding_at_once_record_one_decision_and_send_one_mail(
        site, smtp, people, contribution):
    moderators = [factories.User(name=f"moderator-{i}") for i in range(MODERATORS)]
    for moderator in moderators:
        call_action("asmhub_moderator_grant", context={"user": people.sysadmin["name"]}, id=moderator["name"])
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    jobs.Worker().work(burst=True)  # the moderators' notices of the submission
    smtp.messages.clear()

    responses = at_once([
        action(site, "asmhub_review_decide", token(moderator), id=dataset["id"], criteria=all_met(),
               **DECISIONS[i % len(DECISIONS)])
        for i, moderator in enumerate(moderators)])

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [409] * (MODERATORS - 1), [r.text[:200] for r in responses]
    [winner] = [r.json()["result"] for r in responses if r.status_code == 200]
    reason = {"approved": "already been approved", "denied": "was denied",
              "revisions_requested": "Revisions were requested"}[winner["state"]]
    for refused in (r.json()["error"] for r in responses if r.status_code == 409):
        assert reason in refused["state"][0], refused
    history = call_action("asmhub_review_history_show", id=dataset["id"])
    decisions = [e for e in history["events"] if e["kind"] in {d["decision"] for d in DECISIONS}]
    assert len(decisions) == 1 and history["state"] == winner["state"] == decisions[0]["kind"]
    outbox = [m for m in call_action("asmhub_mail_list")["results"]
              if m["recipient_email"] == "contributor@example.org"]
    assert len(outbox) == 1
    jobs.Worker().work(burst=True)
    assert len(smtp.to("contributor@example.org")) == 1 and len(smtp.messages) == 1


# -- contributors edit one draft ----------------------------------------------------
EDITORS = 10


def test_contributors_saving_one_draft_at_once_lose_no_change_silently(site, people, contribution):
    """Ten saves of the whole dataset (as the edit form and API clients send it: read,
    change, write back), made from one version at the same moment: one goes through,
    nine are refused with the reason, and what is stored is the one that went through.
    (``package_patch`` rereads the dataset under a row lock itself.)"""
    dataset = contribution(notes="First notes")
    editors = [people.contributor, people.editor] + [factories.User() for _ in range(EDITORS - 2)]
    for editor in editors[2:]:
        call_action("organization_member_create", id=people.org["id"], username=editor["name"], role="editor")
    opened = call_action("package_show", id=dataset["id"])
    responses = at_once([
        action(site, "package_update", token(editor), **{
            **opened, "if_unmodified_since": opened["metadata_modified"],
            "notes": f"Notes by {editor['name']}"})
        for editor in editors])
    assert sorted(r.status_code for r in responses) == [200] + [409] * (EDITORS - 1), \
        [r.text[:200] for r in responses]
    for refused in (r.json()["error"] for r in responses if r.status_code == 409):
        assert "changed since you opened it" in refused["if_unmodified_since"][0]
    [saved] = [r.json()["result"] for r in responses if r.status_code == 200]
    assert call_action("package_show", id=dataset["id"])["notes"] == saved["notes"]


def test_a_save_from_an_old_version_is_refused_with_the_reason(people, contribution):
    dataset = contribution(notes="First notes")
    opened = call_action("package_show", id=dataset["id"])["metadata_modified"]
    act("package_patch", people.editor, id=dataset["id"], if_unmodified_since=opened, title="Editor's title")
    with pytest.raises(tk.ValidationError) as refused:
        act("package_patch", people.contributor, id=dataset["id"], if_unmodified_since=opened,
            notes="Contributor's notes")
    assert "if_unmodified_since" in refused.value.error_dict
    assert "Reload it" in refused.value.error_dict["if_unmodified_since"][0]
    stored = call_action("package_show", id=dataset["id"])
    assert (stored["title"], stored["notes"]) == ("Editor's title", "First notes")
    reread = stored["metadata_modified"]
    act("package_patch", people.contributor, id=dataset["id"], if_unmodified_since=reread,
        notes="Contributor's notes")
    stored = call_action("package_show", id=dataset["id"])
    assert (stored["title"], stored["notes"]) == ("Editor's title", "Contributor's notes")


def test_the_edit_form_refuses_a_save_from_an_old_version(app, people, contribution):
    dataset = contribution(notes="First notes")
    key = {"Authorization": token(people.contributor)}
    form = app.get(f"/dataset/edit/{dataset['name']}", headers=key).body
    opened = call_action("package_show", id=dataset["id"])["metadata_modified"]
    assert f'name="if_unmodified_since" value="{opened}"' in form
    act("package_patch", people.editor, id=dataset["id"], title="Editor's title")
    response = app.post(f"/dataset/edit/{dataset['name']}", headers=key, data={
        "name": dataset["name"], "title": "Contributor's title", "notes": "Contributor's notes",
        "owner_org": people.org["id"], "if_unmodified_since": opened, "save": ""})
    assert response.status_code == 200 and "changed since" in response.body
    assert call_action("package_show", id=dataset["id"])["title"] == "Editor's title"


# -- two newcomers contribute before the community organisation exists ------------------
def test_two_first_contributions_at_once_share_one_community_organisation(site):
    newcomers = [factories.User(), factories.User()]
    responses = at_once([
        action(site, "package_create", token(user), name=f"first-{uuid.uuid4().hex[:8]}",
               title="Gold panning on the river", notes="A first contribution")
        for user in newcomers])
    assert [r.status_code for r in responses] == [200, 200], [r.text[:300] for r in responses]
    orgs = call_action("organization_list", all_fields=True)
    assert [o["name"] for o in orgs] == ["community-contributions"]
    created = [r.json()["result"] for r in responses]
    assert {d["owner_org"] for d in created} == {orgs[0]["id"]}
    for user, dataset in zip(newcomers, created, strict=True):
        assert call_action("package_show", context=as_user(user), id=dataset["id"])["name"] == dataset["name"]
