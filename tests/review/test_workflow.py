"""Every transition of a contribution and every refusal, on the real database."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from ckan import model
from ckan.tests.helpers import call_action
import ckan.plugins.toolkit as tk

from .conftest import act, all_met

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def decide(people, dataset, decision="approved", **data):
    data.setdefault("criteria", all_met())
    return act("asmhub_review_decide", people.moderator, id=dataset["id"], decision=decision, **data)


def state(dataset):
    return call_action("asmhub_review_history_show", id=dataset["id"])["state"]


def test_a_contributors_new_dataset_is_a_private_draft(people, contribution):
    dataset = contribution()
    assert state(dataset) == "draft"
    assert dataset["private"] is True


def test_a_moderators_new_dataset_is_published(people):
    dataset = call_action("package_create", context={"user": people.moderator["name"]},
                          name="by-moderator", owner_org=people.org["id"])
    assert state(dataset) == "approved"


@pytest.mark.ckan_config("ckanext.asmhub.review.moderators_publish_directly", "false")
def test_moderators_can_be_sent_through_review_too(people):
    dataset = call_action("package_create", context={"user": people.moderator["name"]},
                          name="by-moderator", owner_org=people.org["id"])
    assert state(dataset) == "draft"


def test_submit_then_approve_publishes(people, contribution):
    dataset = contribution()
    assert act("asmhub_review_submit", people.contributor, id=dataset["id"])["state"] == "submitted"
    result = decide(people, dataset, comment="Well sourced")
    assert result["state"] == "approved"
    assert call_action("package_show", id=dataset["id"])["private"] is False


def test_request_revisions_then_resubmit_then_approve(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    decide(people, dataset, "revisions_requested", comment="Sources missing",
           required_changes=["Cite the source of the 2019 figure"],
           criteria=all_met(errors_omissions="not_met"))
    assert state(dataset) == "revisions_requested"
    act("package_patch", people.contributor, id=dataset["id"], notes="Source: national census 2019")
    assert state(dataset) == "revisions_requested"
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    history = call_action("asmhub_review_history_show", id=dataset["id"])
    assert history["events"][-1]["kind"] == "resubmitted"
    assert [c["field"] for c in history["changes_since_review"]] == ["notes"]
    decide(people, dataset)
    assert state(dataset) == "approved"


def test_deny_with_a_reason(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    decide(people, dataset, "denied", comment="Exact site locations put miners at risk",
           criteria=all_met(risk_of_harm="not_met"))
    assert state(dataset) == "denied"
    with pytest.raises(tk.ValidationError, match="denied"):
        act("asmhub_review_submit", people.contributor, id=dataset["id"])


def test_withdraw_then_submit_again(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    assert act("asmhub_review_withdraw", people.contributor, id=dataset["id"])["state"] == "withdrawn"
    assert act("asmhub_review_submit", people.contributor, id=dataset["id"])["state"] == "submitted"


def test_an_org_editor_may_submit_a_colleagues_draft(people, contribution):
    dataset = contribution()
    assert act("asmhub_review_submit", people.editor, id=dataset["id"])["state"] == "submitted"


@pytest.mark.parametrize("who", ["stranger", "member", None])
def test_only_contributors_and_editors_may_submit(people, contribution, who):
    dataset = contribution()
    with pytest.raises(tk.NotAuthorized):
        act("asmhub_review_submit", getattr(people, who) if who else None, id=dataset["id"])


@pytest.mark.parametrize("who", ["contributor", "editor", "stranger", None])
def test_only_moderators_may_decide(people, contribution, who):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    with pytest.raises(tk.NotAuthorized):
        act("asmhub_review_decide", getattr(people, who) if who else None,
            id=dataset["id"], decision="approved", criteria=all_met())
    assert state(dataset) == "submitted"


def test_a_sysadmin_decides_too(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    act("asmhub_review_decide", people.sysadmin, id=dataset["id"], decision="approved", criteria=all_met())
    assert state(dataset) == "approved"


def test_no_self_approval_even_for_a_moderator(people, contribution):
    call_action("asmhub_moderator_grant", context={"user": people.sysadmin["name"]},
                id=people.contributor["name"])
    dataset = call_action("package_create", context={"user": people.contributor["name"]},
                          name="own", owner_org=people.org["id"])
    # With moderators_publish_directly on, it is published; the contributor's
    # earlier drafts are not theirs to approve.
    assert state(dataset) == "approved"
    call_action("asmhub_moderator_revoke", context={"user": people.sysadmin["name"]},
                id=people.contributor["name"])
    draft = act("package_create", people.contributor, name="own-draft", owner_org=people.org["id"])
    act("asmhub_review_submit", people.contributor, id=draft["id"])
    call_action("asmhub_moderator_grant", context={"user": people.sysadmin["name"]},
                id=people.contributor["name"])
    with pytest.raises(tk.NotAuthorized, match="own contribution"):
        act("asmhub_review_decide", people.contributor, id=draft["id"], decision="approved",
            criteria=all_met())


def test_a_sysadmin_cannot_approve_their_own_submission(people):
    dataset = call_action("package_create", context={"user": people.sysadmin["name"]},
                          name="sysadmin-own", owner_org=people.org["id"])
    # Published directly; force it through review to check the rule.
    model.Session.execute(sa.text("UPDATE asmhub_review SET state='draft', contributor_id=:u "
                                  "WHERE package_id=:p"), {"u": people.sysadmin["id"], "p": dataset["id"]})
    model.Session.commit()
    act("asmhub_review_submit", people.sysadmin, id=dataset["id"])
    with pytest.raises(tk.NotAuthorized, match="own contribution"):
        act("asmhub_review_decide", people.sysadmin, id=dataset["id"], decision="approved",
            criteria=all_met())


@pytest.mark.parametrize("decision", ["revisions_requested", "denied"])
def test_a_decision_other_than_approval_needs_a_reason(people, contribution, decision):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    with pytest.raises(tk.ValidationError) as error:
        decide(people, dataset, decision, required_changes=["x"])
    assert "comment" in error.value.error_dict
    assert state(dataset) == "submitted"


def test_revisions_need_at_least_one_required_change(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    with pytest.raises(tk.ValidationError) as error:
        decide(people, dataset, "revisions_requested", comment="Needs work", required_changes=["  ", ""])
    assert "required_changes" in error.value.error_dict


def test_every_criterion_must_be_answered(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    criteria = all_met()
    del criteria["risk_of_harm"]
    with pytest.raises(tk.ValidationError) as error:
        decide(people, dataset, criteria=criteria)
    assert list(error.value.error_dict) == ["criteria.risk_of_harm"]


def test_approval_needs_every_criterion_met(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    with pytest.raises(tk.ValidationError, match="meets every criterion"):
        decide(people, dataset, criteria=all_met(commercial_confidentiality="not_met"))


def test_an_unknown_decision_is_refused(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    with pytest.raises(tk.ValidationError) as error:
        decide(people, dataset, "maybe")
    assert "decision" in error.value.error_dict


def test_deciding_twice_is_refused(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    decide(people, dataset)
    with pytest.raises(tk.ValidationError, match="already been approved"):
        decide(people, dataset, "denied", comment="Changed my mind")
    assert state(dataset) == "approved"


def test_deciding_on_a_withdrawn_submission_is_refused(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    act("asmhub_review_withdraw", people.contributor, id=dataset["id"])
    with pytest.raises(tk.ValidationError, match="withdrawn"):
        decide(people, dataset)


def test_deciding_on_a_draft_is_refused(people, contribution):
    dataset = contribution()
    with pytest.raises(tk.ValidationError):
        decide(people, dataset)


def test_submitting_twice_is_refused(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    with pytest.raises(tk.ValidationError, match="already awaiting review"):
        act("asmhub_review_submit", people.contributor, id=dataset["id"])


def test_withdrawing_an_approved_dataset_is_refused(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    decide(people, dataset)
    with pytest.raises(tk.ValidationError):
        act("asmhub_review_withdraw", people.contributor, id=dataset["id"])


def test_unknown_dataset_is_not_found(people):
    with pytest.raises(tk.ObjectNotFound):
        act("asmhub_review_submit", people.contributor, id="no-such-dataset")


def test_approved_dataset_edited_by_its_contributor_goes_back_to_review(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    decide(people, dataset)
    act("package_patch", people.contributor, id=dataset["id"], notes="An unreviewed change")
    history = call_action("asmhub_review_history_show", id=dataset["id"])
    assert history["state"] == "submitted"
    assert history["events"][-1]["kind"] == "edited"
    assert call_action("package_show", id=dataset["id"])["private"] is True


@pytest.mark.ckan_config("ckanext.asmhub.review.approved_edit", "publish")
def test_with_approved_edit_publish_the_edit_stays_public(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    decide(people, dataset)
    act("package_patch", people.contributor, id=dataset["id"], notes="A change")
    history = call_action("asmhub_review_history_show", id=dataset["id"])
    assert history["state"] == "approved"
    assert history["events"][-1]["kind"] == "edited"
    assert call_action("package_show", id=dataset["id"])["private"] is False


def test_a_moderator_edit_keeps_an_approved_dataset_published(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    decide(people, dataset)
    call_action("package_patch", context={"user": people.sysadmin["name"]}, id=dataset["id"], notes="typo")
    assert state(dataset) == "approved"


def test_a_contributor_cannot_publish_by_making_the_dataset_public(people, contribution):
    dataset = contribution()
    updated = act("package_patch", people.contributor, id=dataset["id"], private=False)
    assert updated["private"] is True


def test_the_audit_trail_records_everything_and_is_append_only(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"], comment="First go")
    decide(people, dataset, "revisions_requested", comment="Needs sources",
           required_changes=["Add sources", "Give the reference year"],
           criteria=all_met(reliability={"answer": "not_met", "note": "unverified"}))
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    decide(people, dataset, comment="Thanks")
    events = act("asmhub_review_history_show", people.contributor, id=dataset["id"])["events"]
    assert [(e["kind"], e["actor"]) for e in events] == [
        ("created", "contributor"), ("submitted", "contributor"),
        ("revisions_requested", "moderator"), ("resubmitted", "contributor"),
        ("approved", "moderator"),
    ]
    assert events[1]["comment"] == "First go"
    assert events[2]["required_changes"] == ["Add sources", "Give the reference year"]
    assert events[2]["criteria"]["reliability"] == {"answer": "not_met", "note": "unverified"}
    assert events[2]["criteria"]["data_quality"] == {"answer": "met", "note": ""}
    for statement in ("UPDATE asmhub_review_event SET comment = 'rewritten'",
                      "DELETE FROM asmhub_review_event"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            model.Session.execute(sa.text(statement))
        model.Session.rollback()


def test_review_history_is_private_to_contributor_editors_and_moderators(people, contribution):
    dataset = contribution()
    for who in (people.contributor, people.editor, people.moderator):
        act("asmhub_review_history_show", who, id=dataset["id"])
    for who in (people.stranger, people.member, None):
        with pytest.raises(tk.NotAuthorized):
            act("asmhub_review_history_show", who, id=dataset["id"])


def test_the_queue_lists_filters_and_counts(people, contribution):
    old, new, other = contribution(title="Old"), contribution(title="New"), contribution(title="Draft")
    for dataset in (old, new):
        act("asmhub_review_submit", people.contributor, id=dataset["id"])
    model.Session.execute(sa.text("UPDATE asmhub_review SET submitted_at = now() - interval '30 days' "
                                  "WHERE package_id = :p"), {"p": old["id"]})
    model.Session.commit()
    queue = act("asmhub_review_queue_list", people.moderator)
    assert [r["name"] for r in queue["results"]] == [old["name"], new["name"]]
    assert queue["counts"]["submitted"] == 2 and queue["counts"]["draft"] == 1
    assert queue["results"][0]["overdue"] and not queue["results"][1]["overdue"]
    assert 20 <= queue["results"][0]["age_business_days"] <= 23
    assert [r["name"] for r in act("asmhub_review_queue_list", people.moderator,
                                   min_age_days=7)["results"]] == [old["name"]]
    assert act("asmhub_review_queue_list", people.moderator, organization="mining-ngo")["count"] == 2
    assert act("asmhub_review_queue_list", people.moderator, state="draft")["results"][0]["name"] == other["name"]
    with pytest.raises(tk.ValidationError):
        act("asmhub_review_queue_list", people.moderator, state="nonsense")
    with pytest.raises(tk.ValidationError):
        act("asmhub_review_queue_list", people.moderator, min_age_days="soon")
    with pytest.raises(tk.NotAuthorized):
        act("asmhub_review_queue_list", people.contributor)


def test_time_to_decision_is_measured_in_business_days(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    decide(people, dataset)
    perf = act("asmhub_review_queue_list", people.moderator)["performance"]
    assert perf["decisions"] == 1 and perf["within_target"] == 1
    assert perf["median_business_days"] < 1
    assert perf["target_business_days"] == [3, 10]


def test_my_contributions_show_state_and_the_moderators_words(people, contribution):
    dataset = contribution()
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    decide(people, dataset, "revisions_requested", comment="Nearly there", required_changes=["Add a licence"])
    mine = act("asmhub_contribution_list", people.contributor)
    assert [(c["name"], c["state"]) for c in mine] == [(dataset["name"], "revisions_requested")]
    assert mine[0]["last_decision"]["required_changes"] == ["Add a licence"]
    assert act("asmhub_contribution_list", people.stranger) == []
    with pytest.raises(tk.NotAuthorized):
        act("asmhub_contribution_list", None)


class TestModerators:
    def test_grant_and_revoke(self, people):
        admin = {"user": people.sysadmin["name"]}
        assert call_action("asmhub_moderator_grant", context=admin, id="stranger")["moderator"]
        assert "stranger" in [m["name"] for m in call_action("asmhub_moderator_list", context=admin)]
        assert not call_action("asmhub_moderator_revoke", context=admin, id="stranger")["moderator"]

    def test_only_sysadmins_grant(self, people):
        for who in (people.moderator, people.contributor, None):
            with pytest.raises(tk.NotAuthorized):
                act("asmhub_moderator_grant", who, id="stranger")

    def test_unknown_user(self, people):
        with pytest.raises(tk.ObjectNotFound):
            call_action("asmhub_moderator_grant", context={"user": people.sysadmin["name"]}, id="nobody")

    def test_a_revoked_moderator_can_no_longer_decide(self, people, contribution):
        dataset = contribution()
        act("asmhub_review_submit", people.contributor, id=dataset["id"])
        call_action("asmhub_moderator_revoke", context={"user": people.sysadmin["name"]}, id="moderator")
        with pytest.raises(tk.NotAuthorized):
            decide(people, dataset)


class TestCommunityContributions:
    def test_a_user_without_organisation_contributes_to_the_community_one(self):
        from ckan.tests import factories
        user = factories.User()
        dataset = call_action("package_create", context={"user": user["name"]}, name="lone-contribution")
        assert dataset["organization"]["name"] == "community-contributions"
        assert state(dataset) == "draft"

    def test_community_contributors_cannot_see_or_edit_each_others(self):
        from ckan.tests import factories
        alice, bob = factories.User(), factories.User()
        dataset = call_action("package_create", context={"user": alice["name"]}, name="alices")
        call_action("asmhub_community_join", context={"user": bob["name"]})
        with pytest.raises(tk.NotAuthorized):
            act("package_show", bob, id=dataset["id"])
        with pytest.raises(tk.NotAuthorized):
            act("package_patch", bob, id=dataset["id"], notes="vandalism")
        act("package_patch", alice, id=dataset["id"], notes="mine")

    def test_an_admin_of_the_community_organisation_neither_sees_nor_edits_a_contribution(self):
        """Who may edit is who may see: an admin there is no moderator."""
        from ckan.tests import factories
        alice, carol = factories.User(), factories.User()
        dataset = call_action("package_create", context={"user": alice["name"]}, name="alices-own")
        call_action("organization_member_create", id=dataset["owner_org"], username=carol["name"],
                    role="admin")
        with pytest.raises(tk.NotAuthorized):
            act("package_show", carol, id=dataset["id"])
        with pytest.raises(tk.NotAuthorized):
            act("package_patch", carol, id=dataset["id"], notes="tidied")
        assert act("package_show", alice, id=dataset["id"]).get("notes") != "tidied"
