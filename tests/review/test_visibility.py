"""Nothing unapproved leaks: every endpoint, for every kind of visitor.

A contribution under review is seen by its contributor, its organisation's
editors and the moderators; not by anonymous visitors, other users or plain
members of the organisation. Once approved it is public.
"""
from __future__ import annotations

from typing import Any, Callable

import pytest
import sqlalchemy as sa

from ckan import model
from ckan.lib import search as core_search
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.asmhub.review import model as review_model
from ckanext.asmhub.search import rebuild

from .conftest import act, all_met

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

TITLE = "Mercury use at Zyx artisanal gold sites"
SEES = ("contributor", "editor", "moderator", "sysadmin")
BLIND = ("anonymous", "stranger", "member")


@pytest.fixture
def tokens(people):
    return {who: factories.APIToken(user=getattr(people, who)["name"])["token"]
            for who in SEES[:-1] + BLIND[1:] + ("sysadmin",)}


@pytest.fixture
def pending(people, contribution):
    dataset = contribution(name="zyx-mercury", title=TITLE, tags=[{"name": "zyxmercury"}])
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    return call_action("package_show", id=dataset["id"])


def approve(people, dataset):
    act("asmhub_review_decide", people.moderator, id=dataset["id"], decision="approved", criteria=all_met())


def viewer(people, who):
    return None if who == "anonymous" else getattr(people, who)


def web(app, tokens, who, url, **kwargs):
    headers = {"Authorization": tokens[who]} if who in tokens else {}
    return app.get(url, headers=headers, **kwargs)


def check(people, sees: Callable[[str], bool], dataset: dict[str, Any]) -> None:
    """Who sees it while under review, then after approval."""
    seen = {who: sees(who) for who in SEES + BLIND}
    assert seen == {**{w: True for w in SEES}, **{w: False for w in BLIND}}
    approve(people, dataset)
    assert all(sees(who) for who in SEES + BLIND)


def _can(action, people, who, **data):
    try:
        act(action, viewer(people, who), **data)
    except Exception as error:  # NotAuthorized / NotFound
        assert type(error).__name__ in ("NotAuthorized", "NotFound", "ObjectNotFound")
        return False
    return True


def test_package_show(people, pending):
    check(people, lambda who: _can("package_show", people, who, id=pending["id"]), pending)


def test_resource_show(people, pending):
    rid = pending["resources"][0]["id"]
    check(people, lambda who: _can("resource_show", people, who, id=rid), pending)


def test_package_search(people, pending):
    def sees(who):
        result = act("package_search", viewer(people, who), q="mercury", include_private=True)
        return pending["name"] in [d["name"] for d in result["results"]]
    check(people, sees, pending)


def test_dataset_page(app, people, tokens, pending):
    def sees(who):
        response = web(app, tokens, who, f"/dataset/{pending['name']}")
        return response.status_code == 200 and TITLE in response.body
    check(people, sees, pending)


def test_dataset_search_page_and_badges(app, people, tokens, pending):
    def sees(who):
        body = web(app, tokens, who, "/dataset/?q=mercury").body
        if TITLE in body:
            assert ("Awaiting review" in body) != (sees.approved)
        return TITLE in body
    sees.approved = False
    seen = {who: sees(who) for who in SEES + BLIND}
    assert seen == {**{w: True for w in SEES}, **{w: False for w in BLIND}}
    approve(people, pending)
    sees.approved = True
    assert all(sees(who) for who in SEES + BLIND)


def test_resource_page_and_download(app, people, tokens, pending):
    rid = pending["resources"][0]["id"]

    def sees(who):
        page = web(app, tokens, who, f"/dataset/{pending['id']}/resource/{rid}")
        download = web(app, tokens, who, f"/dataset/{pending['id']}/resource/{rid}/download",
                       follow_redirects=False)
        assert (page.status_code == 200) == (download.status_code in (301, 302))
        return page.status_code == 200
    check(people, sees, pending)


def test_activity_streams(app, people, tokens, pending):
    def sees(who):
        user = viewer(people, who)
        try:
            package_stream = act("package_activity_list", user, id=pending["id"])
        except Exception:
            package_stream = []
        user_stream = act("user_activity_list", user, id=people.contributor["id"])
        recent = act("recently_changed_packages_activity_list", user)
        streams = [package_stream, user_stream, recent]
        seen = [any(a["object_id"] == pending["id"] for a in s) for s in streams]
        # Core's organisation stream leaves private datasets out, for everyone.
        assert not any(a["object_id"] == pending["id"]
                       for a in act("organization_activity_list", user, id=people.org["id"]))
        page = web(app, tokens, who, f"/dataset/activity/{pending['name']}")
        assert len(set(seen + [page.status_code == 200])) == 1, (who, seen, page.status_code)
        return seen[0]
    seen = {who: sees(who) for who in SEES + BLIND}
    assert seen == {**{w: True for w in SEES}, **{w: False for w in BLIND}}
    # Earlier activities keep the labels they were recorded with, so the
    # history of unreviewed versions stays private after approval too; a
    # change made once approved is public.
    approve(people, pending)
    call_action("package_patch", context={"user": people.moderator["name"]}, id=pending["id"],
                notes="Edited after approval")
    assert any(a["object_id"] == pending["id"]
               for a in act("recently_changed_packages_activity_list", None))


def test_autocomplete(app, people, tokens, pending):
    def sees(who):
        api = act("package_autocomplete", viewer(people, who), q="zyx")
        web_result = web(app, tokens, who, "/api/2/util/dataset/autocomplete?incomplete=zyx").json
        names = [r["name"] for r in web_result["ResultSet"]["Result"]]
        assert (pending["name"] in names) == (pending["name"] in [r["name"] for r in api])
        return pending["name"] in names
    check(people, sees, pending)


def public_only(people, sees, dataset):
    """Public aggregates: nobody finds it under review, everybody once approved."""
    assert not any(sees(who) for who in SEES + BLIND)
    approve(people, dataset)
    assert all(sees(who) for who in SEES + BLIND)


def test_feeds(app, people, tokens, pending):
    def sees(who):
        urls = ["/feeds/dataset.atom", f"/feeds/organization/{people.org['name']}.atom",
                "/feeds/tag/zyxmercury.atom", "/feeds/custom.atom?q=mercury"]
        seen = {TITLE in web(app, tokens, who, url).body for url in urls}
        assert len(seen) == 1, (who, seen)
        return seen.pop()
    public_only(people, sees, pending)


def test_organisation_counts(app, people, tokens, pending):
    def counted(who):
        count = act("organization_show", viewer(people, who), id=people.org["id"])["package_count"]
        listed = act("organization_list", viewer(people, who), all_fields=True)
        assert [o["package_count"] for o in listed if o["id"] == people.org["id"]] == [count]
        return count == 1
    assert not any(counted(who) for who in BLIND)
    approve(people, pending)
    assert all(counted(who) for who in SEES + BLIND)


def test_organisation_page(app, people, tokens, pending):
    def sees(who):
        return TITLE in web(app, tokens, who, f"/organization/{people.org['name']}").body
    check(people, sees, pending)


def test_lists_read_from_the_database(people, pending):
    """Core lists that skip labels: package_list, resource_search, current_package_list."""
    def sees(who):
        user = viewer(people, who)
        names = act("package_list", user)
        resources = act("resource_search", user, query="name:data")["results"]
        current = act("current_package_list_with_resources", user)
        return pending["name"] in names or any(r["package_id"] == pending["id"] for r in resources) \
            or pending["name"] in [d["name"] for d in current]
    seen = {who: sees(who) for who in BLIND}
    assert seen == {w: False for w in BLIND}
    approve(people, pending)
    assert all(sees(who) for who in BLIND)
    assert act("package_list", None, limit=1, offset=0) == [pending["name"]]


def test_bulk_make_public_cannot_publish_a_contribution(people, pending):
    admin = factories.User()
    call_action("organization_member_create", id=people.org["id"], username=admin["name"], role="admin")
    act("bulk_update_public", admin, datasets=[pending["id"]], org_id=people.org["id"])
    assert call_action("package_show", id=pending["id"])["private"] is True
    assert not _can("package_show", people, "anonymous", id=pending["id"])


def test_dcat_endpoints(app, people, tokens, pending):
    """The hub's DCAT serves public datasets only: nobody gets a contribution's RDF
    while it is under review, everybody once it is approved."""
    def sees(who):
        response = web(app, tokens, who, f"/dataset/{pending['name']}.ttl")
        one = response.status_code == 200 and TITLE in response.body
        assert one == (TITLE in web(app, tokens, who, "/catalog.ttl").body), who
        return one
    public_only(people, sees, pending)


def test_a_rebuild_labels_each_review_state_as_the_edits_did(people, contribution, monkeypatch):
    contribution(name="drafted")
    submitted = contribution(name="submitted")
    act("asmhub_review_submit", people.contributor, id=submitted["id"])
    approved = contribution(name="approved")
    act("asmhub_review_submit", people.contributor, id=approved["id"])
    approve(people, approved)

    def labels():
        return dict(model.Session.execute(sa.text(
            "SELECT name, permission_labels FROM asmhub_search_doc")).all())
    written = labels()
    assert written["approved"] != written["submitted"]
    core_search.clear_all()
    looked_up = []
    monkeypatch.setattr(review_model, "get_review", lambda *a, **k: looked_up.append(a))
    rebuild.rebuild(2)
    assert labels() == written
    assert looked_up == []  # the states were read once per batch
