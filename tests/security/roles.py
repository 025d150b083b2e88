"""The people of the security matrices (tests/security/test_leak_matrix.py,
test_action_authz.py): one user per role around a contributor's organisation,
made with CKAN's factories and the hub's own moderator action."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from ckan.tests import factories
from ckan.tests.helpers import call_action

# Privileged roles first: a matrix that asks in this order would catch a cache handing
# an insider's answer to an outsider.
ROLES = ("sysadmin", "moderator", "org_admin", "org_editor", "contributor", "other_editor",
         "org_member", "stranger", "anonymous")

EVERYONE = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()
MODERATORS = frozenset({"sysadmin", "moderator"})
# Who may see a contribution under review (docs/moderation.md, "Who sees what").
INSIDERS = frozenset({"sysadmin", "moderator", "org_admin", "org_editor", "contributor"})
# The members of the contributor's organisation (and sysadmins).
ORGANISATION = frozenset({"sysadmin", "org_admin", "org_editor", "contributor", "org_member"})
# Who may change a dataset of the organisation: its editors and admins (not moderators).
EDITORS = frozenset({"sysadmin", "org_admin", "org_editor", "contributor"})
ORG_ADMINS = frozenset({"sysadmin", "org_admin"})
REGISTERED = EVERYONE - {"anonymous"}

ORG = "leakmatrix-org"
OTHER_ORG = "other-org"
GROUP = "leakmatrix-group"


def as_user(user: dict[str, Any] | None) -> dict[str, Any]:
    """A context that checks ``user``'s rights (None: anonymous)."""
    return {"user": user["name"] if user else "", "ignore_auth": False}


def make_people() -> SimpleNamespace:
    """One user per role (``users[role]``, none for anonymous), the contributor's
    organisation (``org``: an admin, two editors one of whom contributes, a member),
    another organisation with its editor, and a group the contributor curates."""
    users = {role: factories.User(name=role.replace("_", "-"), email=f"{role}@example.org")
             for role in ROLES if role not in ("sysadmin", "anonymous")}
    users["sysadmin"] = factories.Sysadmin(name="sysadmin", email="sysadmin@example.org")
    call_action("asmhub_moderator_grant", context={"user": "sysadmin"}, id="moderator")
    org = factories.Organization(name=ORG, users=[
        {"name": "org-admin", "capacity": "admin"}, {"name": "org-editor", "capacity": "editor"},
        {"name": "contributor", "capacity": "editor"}, {"name": "org-member", "capacity": "member"}])
    other_org = factories.Organization(name=OTHER_ORG, users=[{"name": "other-editor", "capacity": "editor"}])
    group = factories.Group(name=GROUP, users=[{"name": "contributor", "capacity": "member"}])
    headers = {role: {"Authorization": factories.APIToken(user=user["name"])["token"]}
               for role, user in users.items()}
    headers["anonymous"] = {}
    return SimpleNamespace(users=users, org=org, other_org=other_org, group=group, headers=headers)
