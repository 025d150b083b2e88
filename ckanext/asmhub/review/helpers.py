"""Template helpers of moderated publishing."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from . import (APPROVED, allowed, CRITERIA, DECISIONS, SUBMITTABLE, SUBMITTED, WITHDRAWABLE,
               can_edit, criterion_label, effective_state, is_moderator, state_label)
from . import model as review_model

__all__ = [
    "asmhub_review_state", "asmhub_review_state_label", "asmhub_review_panel",
    "asmhub_is_moderator", "asmhub_review_criteria", "asmhub_review_pending_count",
]


def _user() -> str:
    return tk.current_user.name if tk.current_user.is_authenticated else ""


def asmhub_review_state(package_id: str) -> str:
    """The review state (``approved`` for datasets that predate moderation)."""
    return effective_state(package_id)


def asmhub_review_state_label(state: str) -> str:
    return state_label(state)


def asmhub_is_moderator() -> bool:
    return is_moderator(_user())


def asmhub_review_criteria() -> list[tuple[str, str]]:
    return [(key, criterion_label(key)) for key in CRITERIA]


def asmhub_review_pending_count() -> int:
    return review_model.state_counts().get(SUBMITTED, 0)


def asmhub_review_panel(package_id: str) -> dict[str, Any] | None:
    """What the dataset page shows about review, to those allowed to see it.

    Nothing for an approved dataset: it is public and has nothing to decide,
    so its page (the most viewed) costs one lookup, not the access checks.
    """
    state = effective_state(package_id)
    if state == APPROVED:
        return None
    user = _user()
    editor = can_edit(user, package_id)
    if not (editor or is_moderator(user)):
        return None
    decision = review_model.last_event(package_id, DECISIONS)
    return {
        "state": state, "label": state_label(state), "decision": decision,
        "can_submit": editor and state in SUBMITTABLE,
        "can_withdraw": editor and state in WITHDRAWABLE,
        "can_review": state == SUBMITTED and allowed("asmhub_review_decide", user, {"id": package_id}),
    }
