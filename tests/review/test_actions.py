"""The review actions in CKAN's idiom: navl validation, ``defer_commit``, signals, and
lists read with a constant number of queries (issue 21)."""
from __future__ import annotations

import contextlib
from typing import Any, Iterator

import pytest
import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import jobs
from ckan.tests.helpers import call_action

from .conftest import act, all_met, as_user

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def submitted(people, contribution, **fields: Any) -> dict[str, Any]:
    dataset = contribution(**fields)
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    return dataset


def state(dataset: dict[str, Any]) -> str:
    return call_action("asmhub_review_history_show", id=dataset["id"])["state"]


def notices_to(email: str) -> list[dict[str, Any]]:
    return [m for m in call_action("asmhub_mail_list")["results"] if m["recipient_email"] == email]


# -- defer_commit ------------------------------------------------------------------

def test_a_deferred_decision_is_rolled_back_with_the_callers_transaction(people, contribution):
    dataset = submitted(people, contribution)
    context = {**as_user(people.moderator), "defer_commit": True}
    result = call_action("asmhub_review_decide", context=context, id=dataset["id"],
                         decision="approved", criteria=all_met())
    assert result["state"] == "approved"  # as the caller's transaction sees it
    model.Session.rollback()
    assert state(dataset) == "submitted"
    history = call_action("asmhub_review_history_show", id=dataset["id"])
    assert [e["kind"] for e in history["events"]] == ["created", "submitted"]
    assert call_action("package_show", id=dataset["id"])["private"] is True
    assert notices_to("contributor@example.org") == []  # its notice went with it


def test_a_deferred_decision_is_kept_when_the_caller_commits(people, contribution):
    dataset = submitted(people, contribution)
    context = {**as_user(people.moderator), "defer_commit": True}
    call_action("asmhub_review_decide", context=context, id=dataset["id"], decision="denied",
                comment="Site coordinates endanger miners", criteria=all_met(risk_of_harm="not_met"))
    model.Session.commit()
    model.Session.remove()
    assert state(dataset) == "denied"
    assert len(notices_to("contributor@example.org")) == 1


def test_a_decision_without_defer_commit_is_committed_by_the_action(people, contribution):
    dataset = submitted(people, contribution)
    act("asmhub_review_decide", people.moderator, id=dataset["id"], decision="approved",
        criteria=all_met())
    model.Session.rollback()  # nothing left for the caller to lose
    assert state(dataset) == "approved"
    assert call_action("package_show", id=dataset["id"])["private"] is False
    assert call_action("package_search", q=f"name:{dataset['name']}")["count"] == 1  # reindexed


def test_a_deferred_moderator_grant_is_rolled_back_with_the_caller(people):
    context = {"user": people.sysadmin["name"], "defer_commit": True}
    assert call_action("asmhub_moderator_grant", context=context, id="stranger")["moderator"]
    model.Session.rollback()
    names = [m["name"] for m in call_action("asmhub_moderator_list", context={"user": people.sysadmin["name"]})]
    assert "stranger" not in names and "moderator" in names


# -- signals -----------------------------------------------------------------------

@contextlib.contextmanager
def received(name: str) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Every sending of the signal ``name`` while inside, with what it carried."""
    calls: list[tuple[str, dict[str, Any]]] = []

    def receiver(sender: str, **kwargs: Any) -> None:
        calls.append((sender, kwargs))

    with tk.signals.ckanext.signal(name).connected_to(receiver):
        yield calls


def test_a_decision_is_announced_once_with_its_event(people, contribution):
    dataset = submitted(people, contribution)
    with received("asmhub_review_decided") as calls:
        act("asmhub_review_decide", people.moderator, id=dataset["id"], decision="revisions_requested",
            comment="Almost", required_changes="Cite the census\n\nAdd 2020 ", criteria=all_met())
    [(sender, sent)] = calls
    assert sender == "revisions_requested"
    assert sent["event"]["kind"] == "revisions_requested"
    assert sent["event"]["required_changes"] == ["Cite the census", "Add 2020"]
    assert sent["package"].id == dataset["id"]
    assert sent["contributor"].name == "contributor"


def test_a_refused_decision_is_not_announced(people, contribution):
    dataset = submitted(people, contribution)
    with received("asmhub_review_decided") as calls:
        with pytest.raises(tk.ValidationError):
            act("asmhub_review_decide", people.moderator, id=dataset["id"], decision="denied",
                criteria=all_met())
    assert calls == []


def test_submissions_and_withdrawals_are_announced(people, contribution):
    dataset = contribution()
    with received("asmhub_review_submitted") as submissions, \
            received("asmhub_review_withdrawn") as withdrawals:
        act("asmhub_review_submit", people.contributor, id=dataset["id"], comment="  Census-based ")
        act("asmhub_review_withdraw", people.contributor, id=dataset["id"])
        act("asmhub_review_submit", people.contributor, id=dataset["id"])
    assert [(s, kw["event"]["comment"]) for s, kw in submissions] == [
        ("submitted", "Census-based"), ("resubmitted", None)]
    assert [s for s, _ in withdrawals] == ["withdrawn"]


@pytest.mark.usefixtures("clean_queues", "with_test_worker")
def test_the_contributors_notice_follows_the_decided_signal(smtp, people, contribution):
    """The notice is a receiver of ``asmhub_review_decided``: one mail per decision."""
    dataset = submitted(people, contribution)
    jobs.Worker().work(burst=True)
    smtp.messages.clear()
    act("asmhub_review_decide", people.moderator, id=dataset["id"], decision="approved",
        criteria=all_met())
    jobs.Worker().work(burst=True)
    assert len(smtp.to("contributor@example.org")) == 1 and len(smtp.messages) == 1


# -- validation --------------------------------------------------------------------

@pytest.mark.parametrize("params, field, message", [
    ({"state": "nonsense"}, "state", "Unknown review state."),
    ({"state": ["submitted"]}, "state", "Unknown review state."),
    ({"min_age_days": "soon"}, "min_age_days", "Must be a whole number."),
    ({"min_age_days": " "}, "min_age_days", "Must be a whole number."),
    ({"min_age_days": 1.5}, "min_age_days", "Must be a whole number."),
    ({"offset": -1}, "offset", "Must be zero or more."),
    ({"offset": "99999999999999999999"}, "offset", "Must be a smaller number."),
    ({"min_age_days": 36_501}, "min_age_days", "Must be a smaller number."),
    ({"limit": {"a": 1}}, "limit", "Must be a whole number."),
    ({"organization": "no-such-organisation"}, "organization", "Organisation not found."),
    ({"organization": ["mining-ngo"]}, "organization", "Organisation not found."),
])
def test_the_queue_refuses_what_it_cannot_use_and_says_why(people, params, field, message):
    with pytest.raises(tk.ValidationError) as refused:
        act("asmhub_review_queue_list", people.moderator, **params)
    assert refused.value.error_dict == {field: [message]}


def test_the_queue_takes_numbers_as_text_and_caps_its_page(people, contribution):
    dataset = submitted(people, contribution)
    queue = act("asmhub_review_queue_list", people.moderator, limit="100000", offset="0",
                min_age_days="", organization="")
    assert [r["name"] for r in queue["results"]] == [dataset["name"]]
    assert act("asmhub_review_queue_list", people.moderator, offset="1")["results"] == []


def test_a_decision_reports_every_field_at_fault_at_once(people, contribution):
    dataset = submitted(people, contribution)
    with pytest.raises(tk.ValidationError) as refused:
        act("asmhub_review_decide", people.moderator, id=dataset["id"], decision="revisions_requested",
            comment=["not", "text"], criteria={"data_quality": {"answer": "perhaps"}})
    errors = refused.value.error_dict
    assert errors["required_changes"] == ["List at least one required change."]
    assert errors["criteria.data_quality"] == ["Answer this criterion: met or not met."]
    assert len([k for k in errors if k.startswith("criteria.")]) == 6
    assert state(dataset) == "submitted"


def test_a_decision_without_a_choice_says_what_to_choose(people, contribution):
    dataset = submitted(people, contribution)
    with pytest.raises(tk.ValidationError) as refused:
        act("asmhub_review_decide", people.moderator, id=dataset["id"], criteria=all_met())
    assert refused.value.error_dict == {"decision": ["Choose approve, request revisions or deny."]}


def test_a_moderator_grant_needs_a_user(people):
    with pytest.raises(tk.ValidationError) as refused:
        call_action("asmhub_moderator_grant", context={"user": people.sysadmin["name"]}, id="")
    assert refused.value.error_dict == {"id": ["Missing value"]}


# -- lists in a constant number of queries ---------------------------------------------

@contextlib.contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL statements sent to the database while inside."""
    sent: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        sent.append(statement)

    sa.event.listen(model.meta.engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        sa.event.remove(model.meta.engine, "before_cursor_execute", count)


def queries(action: str, user: dict[str, Any], **data: Any) -> tuple[int, Any]:
    """How many statements ``action`` sends (from a fresh session), and its result."""
    act(action, user, **data)  # anything loaded once per process is loaded
    model.Session.remove()
    with statements() as sent:
        result = act(action, user, **data)
    return len(sent), result


def add_submissions(people, contribution, how_many: int) -> None:
    """``how_many`` submitted contributions, one of them resubmitted after a decision."""
    for i in range(how_many):
        dataset = submitted(people, contribution, title=f"Gold miners, district {i}")
        if i == 0:
            act("asmhub_review_decide", people.moderator, id=dataset["id"], decision="revisions_requested",
                comment="Sources", required_changes=["Cite the census"], criteria=all_met())
            act("asmhub_review_submit", people.contributor, id=dataset["id"])


def test_the_queue_and_my_contributions_cost_as_many_queries_for_30_as_for_3(people, contribution):
    add_submissions(people, contribution, 3)
    queue_3, queue = queries("asmhub_review_queue_list", people.moderator)
    mine_3, mine = queries("asmhub_contribution_list", people.contributor)
    assert (queue["count"], len(mine)) == (3, 3)
    assert sum(1 for c in mine if c["last_decision"]) == 1
    assert {r["contributor_display_name"] for r in queue["results"]} == {people.contributor["fullname"]}
    assert {r["organization_title"] for r in queue["results"]} == {people.org["title"]}

    add_submissions(people, contribution, 27)
    queue_30, queue = queries("asmhub_review_queue_list", people.moderator)
    mine_30, mine = queries("asmhub_contribution_list", people.contributor)
    assert (queue["count"], len(queue["results"]), len(mine)) == (30, 30, 30)
    assert sum(1 for c in mine if c["last_decision"]) == 2
    assert (queue_30, mine_30) == (queue_3, mine_3)


def test_a_long_audit_trail_costs_as_many_queries_as_a_short_one(people, contribution):
    dataset = submitted(people, contribution, title="Gold miners, one district")
    short, history = queries("asmhub_review_history_show", people.moderator, id=dataset["id"])
    assert [e["actor"] for e in history["events"]] == [people.contributor["name"]] * len(history["events"])
    for _ in range(3):
        act("asmhub_review_decide", people.moderator, id=dataset["id"], decision="revisions_requested",
            comment="Sources", required_changes=["Cite the census"], criteria=all_met())
        act("asmhub_review_submit", people.contributor, id=dataset["id"])
    long, history = queries("asmhub_review_history_show", people.moderator, id=dataset["id"])
    actors = [e["actor"] for e in history["events"]]
    assert actors.count(people.moderator["name"]) == 3 and len(actors) > 6
    assert long == short


@pytest.mark.parametrize("action", ["asmhub_review_submit", "asmhub_review_decide", "asmhub_review_history_show"])
def test_an_id_that_is_not_text_names_no_dataset(people, action):
    with pytest.raises(tk.ObjectNotFound):
        act(action, people.moderator, id=["contribution"])
