"""Review notices, sent by a background job to a real SMTP server (aiosmtpd)."""
from __future__ import annotations

import time
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller

from bs4 import BeautifulSoup

from ckan.lib import jobs
from ckan.tests import factories
from ckan.tests.helpers import call_action
import ckan.plugins.toolkit as tk

from .conftest import Inbox, act, all_met

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_queues",
                                     "with_test_worker")


def run_jobs(scheduled: bool = False) -> None:
    jobs.Worker().work(burst=True, with_scheduler=scheduled)


def body(message) -> str:
    return message.get_payload(decode=True).decode() if not message.is_multipart() else \
        message.get_payload(0).get_payload(decode=True).decode()


def subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def unsent() -> list[dict]:
    return call_action("asmhub_mail_list", unsent=True)["results"]


def submitted(people, contribution):
    dataset = contribution(title="Tin mining in Rwanda")
    act("asmhub_review_submit", people.contributor, id=dataset["id"], comment="Census-based")
    return dataset


def test_moderators_are_told_of_a_new_contribution(smtp, people, contribution):
    dataset = submitted(people, contribution)
    assert smtp.messages == []  # nothing is sent during the request
    run_jobs()
    recipients = sorted(m["To"].split("<")[-1].rstrip(">") for m in smtp.messages)
    assert recipients == sorted(["moderator@example.org", people.sysadmin["email"]])
    text = body(smtp.to("moderator@example.org")[0])
    assert "Tin mining in Rwanda" in text and "Census-based" in text
    assert f"/review/{dataset['name']}" in text
    assert "New contribution" in subject(smtp.to("moderator@example.org")[0])


def test_moderators_are_told_again_on_resubmission(smtp, people, contribution):
    dataset = submitted(people, contribution)
    act("asmhub_review_decide", people.moderator, id=dataset["id"], decision="revisions_requested",
        comment="Sources", required_changes=["Cite the census"], criteria=all_met())
    act("asmhub_review_submit", people.contributor, id=dataset["id"])
    run_jobs()
    subjects = [subject(m) for m in smtp.to("moderator@example.org")]
    assert any("resubmitted" in s for s in subjects)


@pytest.mark.parametrize("decision,data,expected", [
    ("approved", {"comment": "Well sourced"}, ["approved your contribution", "Well sourced"]),
    ("revisions_requested", {"comment": "Almost", "required_changes": ["Cite the census", "Add 2020"]},
     ["asks for these revisions", "- Cite the census", "- Add 2020", "submit it for review again"]),
    ("denied", {"comment": "Site coordinates endanger miners"},
     ["decided not to publish", "Site coordinates endanger miners"]),
])
def test_the_contributor_is_told_each_decision(smtp, people, contribution, decision, data, expected):
    dataset = submitted(people, contribution)
    act("asmhub_review_decide", people.moderator, id=dataset["id"], decision=decision,
        criteria=all_met(), **data)
    run_jobs()
    [message] = smtp.to("contributor@example.org")
    text = body(message)
    for words in expected:
        assert words in text
    assert f"http://test.asmhub.local/dataset/{dataset['name']}" in text
    assert "Tin mining in Rwanda" in subject(message)


@pytest.mark.ckan_config("ckanext.asmhub.mail.retry_intervals", "1")
def test_smtp_down_at_decision_time_then_delivered_by_retry(app, smtp_port, ckan_config, monkeypatch,
                                                             people, contribution):
    monkeypatch.setitem(ckan_config, "smtp.server", f"127.0.0.1:{smtp_port}")  # nobody listening
    dataset = submitted(people, contribution)
    decision = act("asmhub_review_decide", people.moderator, id=dataset["id"], decision="approved",
                   criteria=all_met())
    assert decision["state"] == "approved"  # the decision does not wait for mail
    run_jobs()
    failed = unsent()
    assert {m["recipient_email"] for m in failed} >= {"contributor@example.org"}
    mine = [m for m in failed if m["recipient_email"] == "contributor@example.org"][0]
    assert mine["status"] == "failed" and mine["attempts"] == 1 and mine["last_error"]
    # Sysadmins are told on the queue page and read it in the outbox.
    token = {"Authorization": factories.APIToken(user=people.sysadmin["name"])["token"]}
    queue = BeautifulSoup(app.get("/review", headers=token).body, "html.parser")
    assert "mails not delivered yet" in queue.select_one("#asmhub-undelivered-mail").text
    outbox = BeautifulSoup(app.get("/ckan-admin/outbox?status=failed", headers=token).body, "html.parser")
    rows = outbox.select("#asmhub-outbox tr[data-mail-status=failed]")
    assert any(mine["subject"] in row.text and mine["last_error"] in row.text for row in rows)
    # The mail server comes back; RQ's scheduled retry delivers.
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        time.sleep(1.5)
        run_jobs(scheduled=True)
        assert len(inbox.to("contributor@example.org")) == 1
        assert "approved your contribution" in body(inbox.to("contributor@example.org")[0])
    finally:
        controller.stop()
    assert unsent() == []
    [retried] = [m for m in call_action("asmhub_mail_list")["results"] if m["id"] == mine["id"]]
    assert retried["status"] == "sent" and retried["attempts"] == 2
    assert call_action("asmhub_review_history_show", id=dataset["id"])["state"] == "approved"


@pytest.mark.ckan_config("ckanext.asmhub.mail.retry_intervals", "3600")
def test_a_sysadmin_can_send_undelivered_notices_again(smtp_port, ckan_config, monkeypatch,
                                                       people, contribution):
    monkeypatch.setitem(ckan_config, "smtp.server", f"127.0.0.1:{smtp_port}")
    submitted(people, contribution)
    run_jobs()
    assert len(unsent()) == 2
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        assert call_action("asmhub_mail_retry", context={"user": people.sysadmin["name"]}) == {"queued": 2}
        run_jobs()
        assert len(inbox.messages) == 2
    finally:
        controller.stop()
    assert unsent() == []


def test_only_sysadmins_see_and_retry_mail(people):
    for action in ("asmhub_mail_list", "asmhub_mail_retry"):
        with pytest.raises(tk.NotAuthorized):
            act(action, people.moderator)
