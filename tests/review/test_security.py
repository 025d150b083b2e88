"""Holes from the security probe (issue 23) that touch moderation: joining the community
organisation takes a deliberate POST, and cookie sessions always need a CSRF token."""
from __future__ import annotations

import re

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from .conftest import act, all_met

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "correct-horse-battery-9"


def token(user):
    return {"Authorization": factories.APIToken(user=user["name"])["token"]}


def csrf_token(body: str) -> str:
    return re.search(r'name="_csrf_token" value="([^"]+)"', body).group(1)


def log_in(app, user) -> str:
    """Log in through the form, as a browser does; returns a CSRF token of the session."""
    page = app.get("/user/login")
    response = app.post("/user/login", data={"login": user["name"], "password": PASSWORD,
                                             "_csrf_token": csrf_token(page.body)})
    assert response.status_code == 200 and user["name"] in app.get("/dashboard/datasets").body
    return csrf_token(app.get("/contribute").body)


def member_of_community(user) -> bool:
    orgs = call_action("organization_list_for_user", context={"user": user["name"]},
                       permission="create_dataset")
    return bool(orgs)


class TestJoiningTheCommunity:
    def test_loading_contribute_changes_nobody_s_rights(self, app):
        user = factories.User()
        page = app.get("/contribute", headers=token(user))
        assert page.status_code == 200 and "Join and add a dataset" in page.body
        assert not member_of_community(user)

    def test_joining_takes_the_form_s_post(self, app):
        user = factories.User()
        response = app.post("/contribute", headers=token(user), follow_redirects=False)
        assert response.status_code in (302, 303) and "/dataset/new" in response.headers["Location"]
        assert member_of_community(user)

    def test_a_member_of_an_organisation_goes_straight_to_the_form(self, app, people):
        response = app.get("/contribute", headers=token(people.editor), follow_redirects=False)
        assert response.status_code in (302, 303)
        assert "owner_org=mining-ngo" in response.headers["Location"]

    def test_a_cross_site_post_cannot_make_someone_join(self, app):
        user = factories.User(password=PASSWORD)
        log_in(app, user)
        assert app.post("/contribute", data={}).status_code == 400
        assert not member_of_community(user)


class TestCsrfForCookieSessions:
    def test_a_token_request_does_not_exempt_the_view_for_cookie_sessions(self, app, people, contribution):
        dataset = contribution()
        act("asmhub_review_submit", people.contributor, id=dataset["id"])
        moderator = factories.User(password=PASSWORD)
        call_action("asmhub_moderator_grant", context={"user": factories.Sysadmin()["name"]},
                    id=moderator["name"])
        # Someone uses the same view with an API token: core exempts that view from CSRF ...
        app.post(f"/review/{dataset['name']}", headers=token(people.moderator), data={})
        session_token = log_in(app, moderator)
        # ... yet a forged cookie-session POST (no token) still fails and decides nothing.
        forged = app.post(f"/review/{dataset['name']}", data={"decision": "approved"})
        assert forged.status_code == 400
        assert call_action("asmhub_review_history_show", id=dataset["id"])["state"] == "submitted"
        # The moderator's own form, with the session's token, works.
        data = {f"criterion_{k}": "met" for k in all_met()}
        data.update(decision="revisions_requested", comment="Needs years",
                    required_changes="Give the year of each figure", _csrf_token=session_token)
        real = app.post(f"/review/{dataset['name']}", data=data, follow_redirects=True)
        assert "Decision recorded" in real.body
        assert call_action("asmhub_review_history_show", id=dataset["id"])["state"] == "revisions_requested"

    def test_the_action_api_refuses_a_cookie_post_without_a_token(self, app):
        user = factories.User(password=PASSWORD)
        app.post("/api/3/action/package_create", headers=token(factories.User()), json={"name": "x"})
        log_in(app, user)
        forged = app.post("/api/3/action/organization_create", data={"name": "forged-org"})
        assert forged.status_code == 400
        assert "forged-org" not in call_action("organization_list")


def attempt(app, user, password: str, times: int = 1, **extra):
    """Post the login form ``times`` times; the last response."""
    page = app.get("/user/login")
    for _ in range(times):
        response = app.post("/user/login", data={"login": user["name"], "password": password,
                                                 "_csrf_token": csrf_token(page.body), **extra},
                            follow_redirects=False)
    return response


class TestLogins:
    def test_wrong_passwords_lock_the_account_for_a_while(self, app):
        user = factories.User(password=PASSWORD)
        attempt(app, user, "wrong", times=10)
        right = attempt(app, user, PASSWORD)
        assert right.status_code == 429
        assert "Too many failed logins" in right.body

    def test_a_successful_login_clears_the_count(self, app):
        user = factories.User(password=PASSWORD)
        attempt(app, user, "wrong", times=3)
        log_in(app, user)
        from ckan.lib.redis import connect_to_redis
        assert connect_to_redis().get("asmhub:login-failures:" + user["name"]) is None

    def test_the_remember_me_cookie_is_same_site_and_http_only(self, app):
        response = attempt(app, factories.User(password=PASSWORD), PASSWORD, remember="63072000")
        cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")]
        assert cookies and "SameSite=Lax" in cookies[0] and "HttpOnly" in cookies[0]


class TestCountsAndListsHideContributions:
    def _pending(self, app):
        contributor, other = factories.User(), factories.User()
        for user in (contributor, other):
            app.post("/contribute", headers=token(user))
        dataset = call_action("package_create", context={"user": contributor["name"]}, name="pending-one",
                              title="Pending contribution")
        act("asmhub_review_submit", contributor, id=dataset["id"])
        return dataset, other

    def test_member_list_of_the_community_hides_unapproved_datasets(self, app):
        dataset, _ = self._pending(app)
        org = dataset["owner_org"]
        anonymous = call_action("member_list", context={"user": "", "ignore_auth": False}, id=org,
                                object_type="package")
        assert dataset["id"] not in {m[0] for m in anonymous}
        assert dataset["id"] in {m[0] for m in call_action("member_list", id=org, object_type="package")}

    def test_another_contributor_s_dataset_count_leaves_it_out(self, app):
        dataset, other = self._pending(app)
        orgs = call_action("organization_list_for_user", context={"user": other["name"]},
                           permission="create_dataset", include_dataset_count=True)
        [community] = [o for o in orgs if o["id"] == dataset["owner_org"]]
        assert community["package_count"] == 0
