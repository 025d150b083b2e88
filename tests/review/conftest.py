"""Fixtures for moderated publishing: the people involved and a real SMTP server."""
from __future__ import annotations

import socket
import uuid
from types import SimpleNamespace
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.asmhub.review import CRITERIA


def all_met(**overrides: str) -> dict[str, str]:
    return {**{key: "met" for key in CRITERIA}, **overrides}


def as_user(user: dict[str, Any] | None) -> dict[str, Any]:
    return {"user": user["name"] if user else "", "ignore_auth": False}


def act(action: str, user: dict[str, Any] | None, **data: Any) -> Any:
    """Call an action as ``user`` (None: anonymous), with auth checks on."""
    return call_action(action, context=as_user(user), **data)


@pytest.fixture
def people():
    """An organisation with an editor and a member, a contributor in it, a
    stranger, and a moderator who is not a sysadmin."""
    contributor = factories.User(name="contributor", email="contributor@example.org")
    editor = factories.User(name="editor", email="editor@example.org")
    member = factories.User(name="member", email="member@example.org")
    stranger = factories.User(name="stranger", email="stranger@example.org")
    moderator = factories.User(name="moderator", email="moderator@example.org")
    org = factories.Organization(name="mining-ngo", users=[
        {"name": contributor["name"], "capacity": "editor"},
        {"name": editor["name"], "capacity": "editor"},
        {"name": member["name"], "capacity": "member"},
    ])
    sysadmin = factories.Sysadmin()
    call_action("asmhub_moderator_grant", context={"user": sysadmin["name"]}, id=moderator["name"])
    return SimpleNamespace(contributor=contributor, editor=editor, member=member,
                           stranger=stranger, moderator=moderator, org=org, sysadmin=sysadmin)


@pytest.fixture
def contribution(people):
    """A dataset the contributor has made (a draft, not submitted yet)."""
    def make(**fields: Any) -> dict[str, Any]:
        fields.setdefault("owner_org", people.org["id"])
        fields.setdefault("resources", [{"url": "https://example.org/data.csv", "name": "data"}])
        return call_action("package_create", context=as_user(people.contributor),
                           name=fields.pop("name", f"contribution-{uuid.uuid4().hex[:10]}"),
                           title=fields.pop("title", "Gold miners in Ruritania"), **fields)
    return make


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        import email
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def to(self, address: str) -> list[Any]:
        return [m for m in self.messages if address in m["To"]]


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def smtp(smtp_port, ckan_config, monkeypatch):
    """A real SMTP server (aiosmtpd) on a free port, set as CKAN's smtp.server."""
    monkeypatch.setitem(ckan_config, "smtp.server", f"127.0.0.1:{smtp_port}")
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    inbox.controller = controller
    yield inbox
    controller.stop()
