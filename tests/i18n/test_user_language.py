"""The hub knows which language each user reads, and mails them in it."""
from __future__ import annotations

import email
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from ckan.lib import jobs
from ckan.tests import factories

from ckanext.asmhub.localisation import users

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


class _Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[email.message.Message] = []

    def handle_message(self, message: email.message.Message) -> None:
        self.messages.append(message)


@pytest.fixture
def inbox(ckan_config):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = _Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    ckan_config["smtp.server"] = f"127.0.0.1:{port}"
    yield handler.messages
    controller.stop()


def _log_in(app, name: str, locale: str) -> None:
    app.get("/user/_logout")
    response = app.post(f"/{locale}/user/login", data={"login": name, "password": "correct-horse-42"},
                        follow_redirects=False)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def test_registering_in_french_records_french(app):
    response = app.post("/fr/user/register", data={
        "name": "amina", "fullname": "Amina Traoré", "email": "amina@example.org",
        "password1": "correct-horse-42", "password2": "correct-horse-42"}, follow_redirects=False)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert users.user_locale("amina") == "fr"


def test_logging_in_in_a_language_makes_it_the_users(app):
    user = factories.User(password="correct-horse-42")
    assert users.user_locale(user["name"]) == "en"
    _log_in(app, user["name"], "pt_BR")
    assert users.user_locale(user["id"]) == "pt_BR"
    _log_in(app, user["name"], "sw")
    assert users.user_locale(user["name"]) == "sw"


def test_an_unknown_or_unoffered_language_falls_back_to_the_default():
    user = factories.User(plugin_extras={"asmhub": {"locale": "de"}})
    assert users.user_locale(user["name"]) == "en"
    assert users.user_locale(None) == "en"


@pytest.mark.usefixtures("clean_queues", "with_test_worker")
def test_a_password_reset_asked_in_french_is_mailed_in_french(app, inbox):
    """CKAN's own reset mail, which its French catalogue leaves in English, comes
    in French from the hub's catalogue (review notices: tests/review/test_mail_language.py).
    It is written during the request and sent by the jobs worker (tests/mail)."""
    factories.User(name="amina", email="amina@example.org")
    response = app.post("/fr/user/reset", data={"user": "amina@example.org"}, follow_redirects=False)
    assert response.status_code == 302
    jobs.Worker().work(burst=True)

    assert len(inbox) == 1
    message = inbox[0]
    assert message["To"].endswith("<amina@example.org>")
    assert str(make_header(decode_header(message["Subject"]))) == "Réinitialiser votre mot de passe - ASM Hub"
    body = message.get_payload(decode=True).decode("utf-8")
    assert "Vous avez demandé la réinitialisation de votre mot de passe sur ASM Hub" in body
    assert "Have a nice day" not in body
