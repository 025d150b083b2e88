"""Moderated publishing: contributions are reviewed before they are public.

States: ``draft`` → ``submitted`` → ``approved`` | ``revisions_requested`` |
``denied``; ``revisions_requested`` → (edited) → ``submitted`` again; a
submission can be ``withdrawn`` (and submitted again later). Only ``approved``
datasets are visible beyond their contributor, their organisation's editors and
the moderators (see ``visibility.py``).
"""
from __future__ import annotations

import contextlib
from contextvars import ContextVar
from typing import Any, Iterable, Iterator

import ckan.plugins.toolkit as tk
from ckan import model as core

from . import model as review_model

DRAFT = "draft"
SUBMITTED = "submitted"
APPROVED = "approved"
REVISIONS_REQUESTED = "revisions_requested"
DENIED = "denied"
WITHDRAWN = "withdrawn"
STATES = (DRAFT, SUBMITTED, REVISIONS_REQUESTED, APPROVED, DENIED, WITHDRAWN)
DECISIONS = (APPROVED, REVISIONS_REQUESTED, DENIED)
SUBMITTABLE = (DRAFT, WITHDRAWN, REVISIONS_REQUESTED)
WITHDRAWABLE = (SUBMITTED, REVISIONS_REQUESTED)

# The review criteria a moderator answers for every decision (the hub's review
# policy). Each is "met" or "not_met", with an optional note.
CRITERIA = (
    "data_quality", "errors_omissions", "reliability",
    "commercial_confidentiality", "risk_of_harm", "inappropriate_content",
)
CRITERION_ANSWERS = ("met", "not_met")


def state_label(state: str | None) -> str:
    labels = {
        DRAFT: tk._("Draft"),
        SUBMITTED: tk._("Awaiting review"),
        REVISIONS_REQUESTED: tk._("Revisions requested"),
        APPROVED: tk._("Approved"),
        DENIED: tk._("Denied"),
        WITHDRAWN: tk._("Withdrawn"),
    }
    return labels.get(state or APPROVED, state or "")


def criterion_label(key: str) -> str:
    return {
        "data_quality": tk._("Aligns with the hub's data-quality standards"),
        "errors_omissions": tk._("No obvious errors or omissions"),
        "reliability": tk._("The data are reliable (verified by an expert where needed)"),
        "commercial_confidentiality": tk._("Discloses no commercially confidential information"),
        "risk_of_harm": tk._("Publication carries no risk of harm (mining rushes, market "
                             "distortion, legal pressure, harm to ASM communities)"),
        "inappropriate_content": tk._("Contains no inappropriate content"),
    }[key]


def user_object(user: str | core.User | None) -> core.User | None:
    if isinstance(user, core.User):
        return user
    return core.User.get(user) if user else None


def is_moderator(user: str | core.User | None) -> bool:
    """Sysadmins and users granted the moderator role."""
    obj = user_object(user)
    if obj is None or obj.state != "active":
        return False
    return bool(obj.sysadmin) or review_model.is_moderator_id(obj.id)


def community_org_name() -> str:
    return tk.config.get("ckanext.asmhub.review.community_organization")


def is_community_org(org_id: str | None) -> bool:
    if not org_id:
        return False
    group = core.Group.get(org_id)
    return group is not None and group.name == community_org_name()


def allowed(action: str, user: str | None, data_dict: dict[str, Any]) -> bool:
    """Whether ``user`` passes ``action``'s auth function."""
    try:
        tk.check_access(action, {"user": user or ""}, data_dict)
    except tk.NotAuthorized:
        return False
    return True


def can_edit(user: str | None, package_id: str) -> bool:
    return bool(user) and allowed("package_update", user, {"id": package_id})


_read_together: ContextVar[dict[str, str] | None] = ContextVar("asmhub_review_states",
                                                              default=None)


@contextlib.contextmanager
def states_read_together(package_ids: Iterable[str]) -> Iterator[None]:
    """Within, :func:`effective_state` of these datasets comes from one query.

    For work on a batch of datasets (a search index rebuild), which would
    otherwise look each one's review up on its own.
    """
    ids = list(package_ids)
    rows = review_model.review_states(ids)
    token = _read_together.set({i: rows.get(i, APPROVED) for i in ids})
    try:
        yield
    finally:
        _read_together.reset(token)


def effective_state(package_id: str) -> str:
    """A dataset without a review row predates moderation and counts as approved."""
    known = _read_together.get()
    if known is not None and package_id in known:
        return known[package_id]
    row = review_model.get_review(package_id)
    return row["state"] if row else APPROVED


def as_public_event(row: dict[str, Any]) -> dict[str, Any]:
    """An audit event, as :func:`.model.events` reads it, as the API returns it
    (no snapshot, ISO dates, actor name)."""
    return {
        "id": row["id"], "kind": row["kind"], "from_state": row["from_state"],
        "to_state": row["to_state"], "actor": row["actor_name"],
        "created_at": row["created_at"].isoformat(), "comment": row["comment"],
        "required_changes": row["required_changes"], "criteria": row["criteria"],
    }
