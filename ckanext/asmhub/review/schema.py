"""What the review actions accept: navl schemas, applied with ``tk.navl_validate``.

Core's validators do the common work (``ignore_missing``, ``not_empty``,
``default``, ``unicode_safe``, ``strip_value``, ``int_validator``); the few
below keep the words the hub has always answered with, and turn the decision
form's shapes (a checklist, one change per line) into what the audit trail stores.
"""
from __future__ import annotations

from typing import Any, Container

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey, Schema, Validator

from ..security.input import MAX_OFFSET
from . import APPROVED, CRITERIA, CRITERION_ANSWERS, DECISIONS, DENIED, REVISIONS_REQUESTED, STATES, SUBMITTED

PAGE_MAX = 500
AGE_MAX = 36_500  # a century of days


def _choice(choices: Container[str], message: str) -> Validator:
    """Like core's ``one_of``, with a message that says what to do (and no empty value)."""
    def validator(value: Any) -> Any:
        if not isinstance(value, str) or value not in choices:
            raise tk.Invalid(message)
        return value
    return validator


def whole_number(largest: int | None = None, cap: int | None = None) -> Validator:
    """Zero or more, at most ``largest`` (refused beyond) or ``cap`` (lowered to it):
    core's ``int_validator`` with the hub's messages (``natural_number_validator``
    fails with a TypeError on a blank string)."""
    int_validator = tk.get_validator("int_validator")

    def validator(value: Any, context: Context) -> Any:
        try:
            number = int_validator(value, context)
        except tk.Invalid:
            number = None
        if number is None:
            raise tk.Invalid(tk._("Must be a whole number."))
        if number < 0:
            raise tk.Invalid(tk._("Must be zero or more."))
        if largest is not None and number > largest:
            raise tk.Invalid(tk._("Must be a smaller number."))
        return min(number, cap) if cap is not None else number
    return validator


def organization_id(value: Any, context: Context) -> Any:
    """An organisation's id or name, as its id."""
    group = model.Group.get(value) if isinstance(value, str) else None
    if group is None or not group.is_organization:
        raise tk.Invalid(tk._("Organisation not found."))
    return group.id


def criteria(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
             context: Context) -> None:
    """``{key: "met"}`` or ``{key: {"answer": "met", "note": "..."}}`` for every
    criterion, stored as ``{key: {"answer": ..., "note": ...}}``; an unanswered
    criterion is an error on ``criteria.<key>``, as the review form marks it."""
    value = data.get(key)
    if not isinstance(value, dict):
        value = {}
    answered = {}
    for name in CRITERIA:
        item = value.get(name)
        answer, note = (item.get("answer"), item.get("note")) if isinstance(item, dict) else (item, None)
        if not isinstance(answer, str) or answer not in CRITERION_ANSWERS:
            errors.setdefault((f"criteria.{name}",), []).append(
                tk._("Answer this criterion: met or not met."))
            continue
        answered[name] = {"answer": answer, "note": str(note or "").strip()}
    data[key] = answered


def lines(value: Any) -> list[str]:
    """A list, or one item per line; blank items dropped."""
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list):
        return []
    return [str(v).strip() for v in value if str(v).strip()]


def decision_rules(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                   context: Context) -> None:
    """What a decision needs beyond its fields: a reason unless approving, a required
    change when asking for revisions, every criterion met to approve."""
    decision = data.get(("decision",))
    if decision in (REVISIONS_REQUESTED, DENIED) and not data.get(("comment",)):
        errors[("comment",)].append(tk._("Give the reason for this decision."))
    if decision == REVISIONS_REQUESTED and not data.get(("required_changes",)):
        errors[("required_changes",)].append(tk._("List at least one required change."))
    answers = data.get(("criteria",))
    if decision == APPROVED and isinstance(answers, dict) and \
            any(c["answer"] != "met" for c in answers.values()):
        errors[("decision",)].append(tk._("A contribution can be approved only when it meets "
                                          "every criterion; request revisions or deny it instead."))


def _text() -> list[Validator]:
    v = tk.get_validator
    return [v("default")(""), v("unicode_safe"), v("strip_value")]


def id_schema() -> Schema:
    """``id``: a dataset's or a user's id or name."""
    v = tk.get_validator
    return {"id": [v("not_empty"), v("unicode_safe")]}


def submit_schema() -> Schema:
    """Submit or withdraw: ``id`` and an optional ``comment``."""
    return {**id_schema(), "comment": _text()}


def decide_schema() -> Schema:
    return {
        **id_schema(),
        "decision": [_choice(DECISIONS, tk._("Choose approve, request revisions or deny."))],
        "criteria": [criteria],
        "comment": _text(),
        "required_changes": [lines],
        "__after": [decision_rules],
    }


def queue_schema() -> Schema:
    v = tk.get_validator
    return {
        "state": [v("default")(SUBMITTED), _choice(STATES, tk._("Unknown review state."))],
        "organization": [v("ignore_empty"), organization_id],
        "min_age_days": [v("default")(0), whole_number(AGE_MAX)],
        "limit": [v("default")(50), whole_number(cap=PAGE_MAX)],
        "offset": [v("default")(0), whole_number(MAX_OFFSET)],
    }


def paging_schema() -> Schema:
    """``limit`` and ``offset`` of core's lists the hub filters after the fact."""
    v = tk.get_validator
    return {
        "limit": [v("ignore_empty"), whole_number()],
        "offset": [v("default")(0), whole_number(MAX_OFFSET)],
    }


def validate(data_dict: dict[str, Any], schema: Schema, context: Context) -> dict[str, Any]:
    """The data as the schema converts it, or a ``ValidationError`` with every field at fault."""
    data, errors = tk.navl_validate(data_dict, schema, context)
    if errors:
        raise tk.ValidationError(errors)
    return data
