"""The outbox: CKAN's own mail and the hub's notices, recorded, delivered by a real
job worker to a real SMTP server (aiosmtpd), readable by sysadmins only
(review notices and their retries: tests/review/test_mail.py)."""
from __future__ import annotations

import mailbox
import smtplib
import threading

import pytest
from bs4 import BeautifulSoup

import ckan.plugins.toolkit as tk
from ckan.lib import jobs
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.asmhub.mail import sink

from tests.review.conftest import free_port

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_queues", "with_test_worker")


@pytest.fixture
def maildir_sink(tmp_path, ckan_config, monkeypatch):
    """The hub's local mail sink on a free port, as CKAN's smtp.server."""
    port, stop, started = free_port(), threading.Event(), threading.Event()
    thread = threading.Thread(target=sink.serve, args=("127.0.0.1", port, tmp_path / "mail", stop, started))
    thread.start()
    assert started.wait(10)
    monkeypatch.setitem(ckan_config, "smtp.server", f"127.0.0.1:{port}")
    yield tmp_path / "mail"
    stop.set()
    thread.join()


def outbox(**params) -> list[dict]:
    return call_action("asmhub_mail_list", **params)["results"]


def test_a_password_reset_is_recorded_then_delivered_by_the_worker(app, maildir_sink):
    factories.User(name="amina", email="amina@example.org")
    assert app.post("/user/reset", data={"user": "amina@example.org"}).status_code == 200
    [mail] = outbox()
    assert (mail["status"], mail["recipient_email"]) == ("pending", "amina@example.org")
    assert "Reset your password" in mail["subject"] and "/user/reset/" in mail["body"]
    assert list(mailbox.Maildir(maildir_sink)) == []  # the request did not wait for the server

    jobs.Worker().work(burst=True)

    [message] = list(mailbox.Maildir(maildir_sink))
    assert message["To"].endswith("<amina@example.org>")
    assert "/user/reset/" in message.get_payload(decode=True).decode()
    [mail] = outbox()
    assert (mail["status"], mail["attempts"]) == ("sent", 1) and mail["sent_at"]


def test_the_sink_keeps_whatever_it_receives(maildir_sink):
    host, port = sink.local_address(tk.config["smtp.server"])
    with smtplib.SMTP(host, port) as client:
        client.sendmail("a@example.org", ["b@example.org"], b"Subject: Hello\r\n\r\nBody text\r\n")
    [message] = list(mailbox.Maildir(maildir_sink))
    assert message["Subject"] == "Hello" and message["X-Asmhub-Sink-Rcpt"] == "b@example.org"


def test_sysadmins_read_every_mail_in_the_outbox(app, maildir_sink):
    sysadmin = factories.Sysadmin()
    tk.mail_recipient("Kofi", "kofi@example.org", "Invitation to ASM Hub", "Join us at <b>the hub</b>")
    jobs.Worker().work(burst=True)
    token = {"Authorization": factories.APIToken(user=sysadmin["name"])["token"]}
    page = BeautifulSoup(app.get("/ckan-admin/outbox", headers=token).body, "html.parser")
    [row] = page.select("#asmhub-outbox tr[data-mail-status=sent]")
    assert "kofi@example.org" in row.text and "Invitation to ASM Hub" in row.text
    assert row.select_one("pre").text == "Join us at <b>the hub</b>"  # escaped, shown as written
    assert page.select_one("a[href='/ckan-admin/outbox']")  # a tab of the admin pages


@pytest.mark.parametrize("who", ["anonymous", "user", "org_admin"])
def test_nobody_else_reads_the_outbox(app, who):
    tk.mail_recipient("Kofi", "kofi@example.org", "Secret reset link", "…")
    headers = {}
    if who != "anonymous":
        user = factories.User()
        if who == "org_admin":
            factories.Organization(users=[{"name": user["name"], "capacity": "admin"}])
        headers = {"Authorization": factories.APIToken(user=user["name"])["token"]}
    response = app.get("/ckan-admin/outbox", headers=headers)
    assert response.status_code == 403 and "Secret reset link" not in response.body
    api = app.get("/api/action/asmhub_mail_list", headers=headers)
    assert api.status_code == 403 and "Secret reset link" not in api.body


def test_the_outbox_filters_pages_and_refuses_bad_parameters():
    for n in range(3):
        tk.mail_recipient("Kofi", "kofi@example.org", f"Mail {n}", "…")
    assert [m["subject"] for m in outbox(limit=2)] == ["Mail 2", "Mail 1"]
    assert [m["subject"] for m in outbox(limit=2, offset=2)] == ["Mail 0"]
    assert call_action("asmhub_mail_list", status="sent")["count"] == 0
    assert call_action("asmhub_mail_list", unsent=True)["count"] == 3
    with pytest.raises(tk.ValidationError) as error:
        call_action("asmhub_mail_list", status="lost", limit="many")
    assert set(error.value.error_dict) == {"status", "limit"}


def test_without_a_mail_server_a_mail_fails_visibly(ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "smtp.server", "")
    tk.mail_recipient("Kofi", "kofi@example.org", "Hello", "…")
    jobs.Worker().work(burst=True)
    [mail] = outbox()
    assert mail["status"] == "failed" and "smtp.server" in mail["last_error"]


@pytest.mark.parametrize("server, address", [
    ("127.0.0.1:2525", ("127.0.0.1", 2525)), ("localhost", ("localhost", 25)),
    ("mail.example.org:587", None), ("10.0.0.5:25", None),
])
def test_a_sink_is_only_for_a_mail_server_on_this_machine(server, address):
    assert sink.local_address(server) == address
