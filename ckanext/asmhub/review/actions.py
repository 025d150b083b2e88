"""API actions of moderated publishing. The UI calls these; the API is the contract.

Each action checks access first, validates with its navl schema (``schema.py``)
and, unless the caller's context has ``defer_commit``, commits. Every submission,
decision and withdrawal is announced with a signal (below) once it is written,
inside its transaction: what receivers write (the notices in the outbox, ``mail.py``)
commits or rolls back with it.
"""
from __future__ import annotations

import datetime
from typing import Any

import sqlalchemy as sa

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import authz, model
from ckan.logic import index_update_package
from ckan.types import Action, Context, DataDict

from . import (APPROVED, DECISIONS, DENIED, REVISIONS_REQUESTED, STATES, SUBMITTABLE, SUBMITTED,
               WITHDRAWABLE, WITHDRAWN, as_public_event, changes, community_org_name, is_moderator,
               state_label, timing, user_object)
from . import model as review_model
from . import schema
from .interfaces import IAsmhubReview

__all__ = [
    "asmhub_review_submit", "asmhub_review_withdraw", "asmhub_review_decide",
    "asmhub_review_history_show", "asmhub_review_queue_list", "asmhub_contribution_list",
    "asmhub_community_join", "asmhub_moderator_grant", "asmhub_moderator_revoke",
    "asmhub_moderator_list",
    "package_create", "package_list", "bulk_update_public", "member_list", "organization_list_for_user",
    "tag_list", "tag_search", "tag_autocomplete", "tag_show",
]

SUBMIT_KINDS = ("submitted", "resubmitted", "edited")

# Sent once a contribution's change is written, inside its transaction, with the
# event's kind as sender and ``event`` (the audit row), ``package``, ``contributor``
# (a ``model.User`` or None) and ``context``. Subscribe through ``ISignal``.
submitted = tk.signals.ckanext.signal(
    "asmhub_review_submitted", "A contribution was submitted, resubmitted, or edited once approved.")
decided = tk.signals.ckanext.signal(
    "asmhub_review_decided", "A moderator approved, asked for revisions or denied a contribution.")
withdrawn = tk.signals.ckanext.signal(
    "asmhub_review_withdrawn", "A contribution was withdrawn from review.")


def _package(data_dict: DataDict) -> model.Package:
    pkg = model.Package.get(data_dict["id"])
    if pkg is None or pkg.state == "deleted":
        raise tk.ObjectNotFound(tk._("Dataset not found"))
    return pkg


def _actor(context: Context) -> model.User | None:
    return user_object(context.get("user"))


def _state_error(state: str) -> tk.ValidationError:
    messages = {
        SUBMITTED: tk._("This contribution is already awaiting review."),
        APPROVED: tk._("This contribution has already been approved."),
        DENIED: tk._("This contribution was denied; it cannot be submitted again."),
        WITHDRAWN: tk._("This contribution was withdrawn by its contributor."),
        REVISIONS_REQUESTED: tk._("Revisions were requested; the contributor must resubmit first."),
    }
    return tk.ValidationError({"state": [messages.get(state, tk._("This contribution is not awaiting review."))]})


def _publish_state(pkg: model.Package, state: str) -> None:
    """Anything not approved stays private, so core's lists that skip labels
    (``package_list``, ``resource_search``) skip it too; approval publishes."""
    pkg.private = state != APPROVED


def _commit(context: Context, pkg: model.Package | None = None) -> None:
    """Write the change; then, unless the caller defers the commit, reindex the dataset
    (its permission labels follow the state) and commit. Mail is queued on commit.

    As with core's ``package_update``, a caller that sets ``defer_commit`` commits,
    or rolls back, the whole transaction itself, and reindexes what it committed.
    """
    model.Session.flush()
    if context.get("defer_commit"):
        return
    if pkg is not None:
        index_update_package({"ignore_auth": True}, pkg.id)
    model.repo.commit()


def _announce(signal: Any, event: dict[str, Any], pkg: model.Package,
              contributor: model.User | None, context: Context | None = None) -> None:
    model.Session.flush()
    signal.send(event["kind"], event=event, package=pkg, contributor=contributor,
                context=context or {})


def _transition(pkg: model.Package, kind: str, from_state: str, to_state: str,
                actor: model.User | None, **event: Any) -> dict[str, Any]:
    """Append the event, move the state; the caller commits."""
    row = review_model.add_event(pkg.id, kind, from_state, to_state,
                                 actor.id if actor else None, **event)
    values: dict[str, Any] = {"state": to_state}
    if kind in SUBMIT_KINDS:
        values["submitted_at"] = row["created_at"]
    if kind in DECISIONS:
        values["decided_at"] = row["created_at"]
    review_model.save_review(pkg.id, **values)
    _publish_state(pkg, to_state)
    return row


def record_created(pkg: model.Package, user: model.User | None) -> None:
    """A new dataset: published at once when made by the system (but not when
    harvested from an untrusted source) or, unless configured otherwise, by a
    moderator; otherwise a draft."""
    site_user = tk.config.get("ckan.site_id")
    direct = (user is None or user.name == site_user or (
        is_moderator(user) and tk.config.get("ckanext.asmhub.review.moderators_publish_directly"))
    ) and not any(plugin.asmhub_review_holds(pkg) for plugin in p.PluginImplementations(IAsmhubReview))
    review_model.save_review(pkg.id, state=APPROVED if direct else "draft",
                             contributor_id=user.id if user else None,
                             decided_at=review_model.now() if direct else None)
    review_model.add_event(pkg.id, "published" if direct else "created", None,
                           APPROVED if direct else "draft", user.id if user else None)
    if not direct:
        _publish_state(pkg, "draft")


def record_updated(pkg: model.Package, user: model.User | None) -> None:
    """After an edit: unapproved datasets stay private; an approved one edited
    by a non-moderator goes back to review or stays published, per
    ``ckanext.asmhub.review.approved_edit``."""
    row = review_model.get_review(pkg.id)
    state = row["state"] if row else APPROVED
    if state != APPROVED:
        _publish_state(pkg, state)
        return
    if user is None or is_moderator(user):
        return
    back_to_review = tk.config.get("ckanext.asmhub.review.approved_edit") == "review"
    event = _transition(pkg, "edited", APPROVED, SUBMITTED if back_to_review else APPROVED, user,
                        snapshot=changes.snapshot(pkg.id))
    contributor = user_object(row["contributor_id"]) if row else user
    _announce(submitted, event, pkg, contributor or user)


def review_dict(pkg: model.Package) -> dict[str, Any]:
    row = review_model.get_review(pkg.id) or {"state": APPROVED}
    contributor = user_object(row.get("contributor_id"))
    return {
        "id": pkg.id, "name": pkg.name, "title": pkg.title,
        "state": row["state"], "state_label": state_label(row["state"]),
        "contributor": contributor.name if contributor else None,
        "submitted_at": row["submitted_at"].isoformat() if row.get("submitted_at") else None,
        "decided_at": row["decided_at"].isoformat() if row.get("decided_at") else None,
    }


def asmhub_review_submit(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Submit a dataset for review (or resubmit it after revisions or a withdrawal).

    :param id: the dataset's id or name
    :type id: string
    :param comment: a message to the moderators (optional)
    :type comment: string
    :returns: the dataset's review state

    Sends ``asmhub_review_submitted``; with ``defer_commit`` in the context the
    caller commits.
    """
    tk.check_access("asmhub_review_submit", context, data_dict)
    data = schema.validate(data_dict, schema.submit_schema(), context)
    pkg = _package(data)
    row = review_model.get_review(pkg.id, for_update=True)
    state = row["state"] if row else APPROVED
    if state not in SUBMITTABLE:
        raise _state_error(state)
    if pkg.state != "active":
        raise tk.ValidationError({"id": [tk._("Finish the dataset (add its data) before submitting it.")]})
    actor = _actor(context)
    kind = "resubmitted" if review_model.last_event(pkg.id, SUBMIT_KINDS) else "submitted"
    event = _transition(pkg, kind, state, SUBMITTED, actor, comment=data["comment"],
                        snapshot=changes.snapshot(pkg.id))
    _announce(submitted, event, pkg, user_object(row["contributor_id"]) if row else actor, context)
    _commit(context, pkg)
    return review_dict(pkg)


def asmhub_review_withdraw(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Withdraw a submission; the dataset stays private until submitted again.

    :param id: the dataset's id or name
    :type id: string
    :param comment: why (optional)
    :type comment: string
    :returns: the dataset's review state

    Sends ``asmhub_review_withdrawn``; with ``defer_commit`` in the context the
    caller commits.
    """
    tk.check_access("asmhub_review_withdraw", context, data_dict)
    data = schema.validate(data_dict, schema.submit_schema(), context)
    pkg = _package(data)
    row = review_model.get_review(pkg.id, for_update=True)
    state = row["state"] if row else APPROVED
    if state not in WITHDRAWABLE:
        raise tk.ValidationError({"state": [tk._("Only a contribution awaiting review or "
                                                 "revisions can be withdrawn.")]})
    event = _transition(pkg, "withdrawn", state, WITHDRAWN, _actor(context), comment=data["comment"])
    _announce(withdrawn, event, pkg, user_object(row["contributor_id"]) if row else None, context)
    _commit(context, pkg)
    return review_dict(pkg)


def asmhub_review_decide(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Decide on a submission: approve, request revisions or deny.

    :param id: the dataset's id or name
    :type id: string
    :param decision: ``approved``, ``revisions_requested`` or ``denied``
    :type decision: string
    :param criteria: every review criterion (``data_quality``, ``errors_omissions``,
        ``reliability``, ``commercial_confidentiality``, ``risk_of_harm``,
        ``inappropriate_content``) answered ``met`` or ``not_met``, optionally as
        ``{"answer": "met", "note": "..."}``
    :type criteria: dict
    :param comment: the reason; required unless approving
    :type comment: string
    :param required_changes: the revisions required (at least one when requesting
        revisions); a list, or one per line
    :type required_changes: list of strings
    :returns: the dataset's review state

    The review row is locked (``SELECT ... FOR UPDATE``) before its state is read, so of
    several moderators deciding at once one decides and the others are told it is done.
    Sends ``asmhub_review_decided`` (the contributor's notice subscribes to it); with
    ``defer_commit`` in the context the caller commits.
    """
    tk.check_access("asmhub_review_decide", context, data_dict)
    pkg = _package(schema.validate(data_dict, schema.id_schema(), context))
    row = review_model.get_review(pkg.id, for_update=True)
    state = row["state"] if row else APPROVED
    if state != SUBMITTED:
        raise _state_error(state)
    data = schema.validate(data_dict, schema.decide_schema(), context)
    decision = data["decision"]
    event = _transition(pkg, decision, state, decision, _actor(context), comment=data["comment"],
                        required_changes=data["required_changes"] if decision == REVISIONS_REQUESTED else [],
                        criteria=data["criteria"], snapshot=changes.snapshot(pkg.id))
    _announce(decided, event, pkg, user_object(row["contributor_id"]) if row else None, context)
    _commit(context, pkg)
    return review_dict(pkg)


@tk.side_effect_free
def asmhub_review_history_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A dataset's review state, its audit trail and what changed since the last decision.

    :param id: the dataset's id or name
    :type id: string
    :returns: the dataset's review state with ``events`` (the audit trail, oldest
        first), ``changes_since_review`` and ``reviewed_before``
    """
    tk.check_access("asmhub_review_history_show", context, data_dict)
    pkg = _package(schema.validate(data_dict, schema.id_schema(), context))
    result = review_dict(pkg)
    result["events"] = [as_public_event(e) for e in review_model.events(pkg.id)]
    last_decision = review_model.last_event(pkg.id, DECISIONS)
    result["changes_since_review"] = changes.diff(
        last_decision["snapshot"] if last_decision else None, changes.snapshot(pkg.id))
    result["reviewed_before"] = last_decision is not None
    return result


def _display_name(fullname: str | None, name: str | None) -> str | None:
    """As ``model.User.display_name``, from the columns."""
    return fullname if fullname and fullname.strip() else name


@tk.side_effect_free
def asmhub_review_queue_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The review queue: contributions by state, oldest submission first.

    :param state: a review state (default ``submitted``)
    :type state: string
    :param organization: only this organisation's (id or name, optional)
    :type organization: string
    :param min_age_days: only submissions at least this many days old (optional)
    :type min_age_days: int
    :param limit: at most this many (default 50, at most 500)
    :type limit: int
    :param offset: skip this many
    :type offset: int
    :returns: ``count``, ``results`` (each with its age in business days and
        whether it is past the target), ``counts`` per state and ``performance``
        (time to decision over the last 90 days against the target)

    A constant number of queries, whatever the page's size.
    """
    tk.check_access("asmhub_review_queue_list", context, data_dict)
    data = schema.validate(data_dict, schema.queue_schema(), context)
    state, min_age = data["state"], data["min_age_days"]
    submitted_before = (review_model.now() - datetime.timedelta(days=min_age)) if min_age else None
    count, rows = review_model.queue([state], data.get("organization"), submitted_before,
                                     data["limit"], data["offset"])
    now = review_model.now()
    high = timing.target()[1]
    results = []
    for row in rows:
        age = timing.business_days(row["submitted_at"], now) if row["submitted_at"] else None
        results.append({
            "id": row["package_id"], "name": row["name"], "title": row["title"],
            "state": row["state"], "organization": row["organization_name"],
            "organization_title": row["organization_title"] or row["organization_name"],
            "contributor": row["contributor_name"],
            "contributor_display_name": _display_name(row["contributor_fullname"],
                                                      row["contributor_name"]),
            "submitted_at": row["submitted_at"].isoformat() if row["submitted_at"] else None,
            "decided_at": row["decided_at"].isoformat() if row["decided_at"] else None,
            "age_business_days": age,
            "overdue": state == SUBMITTED and age is not None and age > high,
        })
    counts = review_model.state_counts()
    return {"count": count, "results": results,
            "counts": {s: counts.get(s, 0) for s in STATES},
            "performance": timing.performance()}


@tk.side_effect_free
def asmhub_contribution_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The caller's contributions with their review state and the latest decision.

    :returns: a list of dicts with ``name``, ``title``, ``state``, ``state_label``,
        ``submitted_at``, ``decided_at`` and ``last_decision`` (kind, comment,
        required changes, date), most recently changed first, read with a
        constant number of queries whatever their number
    """
    tk.check_access("asmhub_contribution_list", context, data_dict)
    user = _actor(context)
    rows = review_model.contributions(user.id)
    decisions = review_model.last_events([row["package_id"] for row in rows], DECISIONS)
    results = []
    for row in rows:
        decision = decisions.get(row["package_id"])
        results.append({
            "id": row["package_id"], "name": row["name"], "title": row["title"],
            "state": row["state"], "state_label": state_label(row["state"]),
            "submitted_at": row["submitted_at"].isoformat() if row["submitted_at"] else None,
            "decided_at": row["decided_at"].isoformat() if row["decided_at"] else None,
            "last_decision": {
                "kind": decision["kind"], "comment": decision["comment"],
                "required_changes": decision["required_changes"],
                "created_at": decision["created_at"].isoformat(),
            } if decision else None,
        })
    return results


def _community_org() -> model.Group:
    """The organisation for contributors who belong to none, created on first use.

    Two first contributions at the same moment would both create it, and the second
    insert would fail on the unique name (a 500). Creating it holds a transaction lock
    on its name: the second caller waits, then finds the one the first committed.
    """
    name = community_org_name()
    org = model.Group.get(name)
    if org is None:
        model.Session.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                              {"key": f"asmhub:organization:{name}"})
        org = model.Group.get(name)  # a fresh read: committed by whoever held the lock
    if org is None:
        site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
        tk.get_action("organization_create")({"user": site_user["name"], "ignore_auth": True}, {
            "name": name,
            "title": tk._("Community contributions"),
            "description": tk._("Datasets contributed by registered users who do not belong "
                                "to an organisation. Each is reviewed by the hub's moderators "
                                "before it is published."),
        })
        org = model.Group.get(name)
    return org


def asmhub_community_join(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Let a registered user without an organisation contribute: make them an
    editor of the community contributions organisation (created if missing).
    Does nothing for users who can already add datasets to an organisation.

    :returns: ``organization`` (the name of an organisation the user can add
        datasets to) and ``joined`` (whether they were just added)
    """
    tk.check_access("asmhub_community_join", context, data_dict)
    user = _actor(context)
    org = _community_org()
    if user.sysadmin:
        return {"organization": org.name, "joined": False}
    own = tk.get_action("organization_list_for_user")(
        {"user": user.name}, {"permission": "create_dataset"})
    if own:
        return {"organization": own[0]["name"], "joined": False}
    if authz.has_user_permission_for_group_or_org(org.id, user.name, "create_dataset"):
        return {"organization": org.name, "joined": False}
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    tk.get_action("organization_member_create")(
        {"user": site_user["name"], "ignore_auth": True},
        {"id": org.id, "username": user.name, "role": "editor"})
    return {"organization": org.name, "joined": True}


@tk.chained_action
def package_create(up_func: Action, context: Context, data_dict: DataDict) -> Any:
    """Registered users without an organisation contribute to the community one."""
    user = _actor(context)
    if user and not user.sysadmin and not data_dict.get("owner_org"):
        data_dict = dict(data_dict, owner_org=asmhub_community_join(
            {"user": user.name}, {})["organization"])
    return up_func(context, data_dict)


@tk.side_effect_free
@tk.chained_action
def package_list(up_func: Action, context: Context, data_dict: DataDict) -> list[str]:
    """Core lists public datasets from the database; leave out those under review."""
    names = up_func(context, {k: v for k, v in data_dict.items() if k not in ("limit", "offset")})
    hidden = review_model.hidden_package_ids()
    if hidden:
        pkg = model.package_table
        hidden |= set(model.Session.scalars(sa.select(pkg.c.name).where(pkg.c.id.in_(hidden))))
        names = [n for n in names if n not in hidden]
    return _page(names, data_dict, context)


def _can_see(context: Context, package_id: str) -> bool:
    try:
        tk.check_access("package_show", {"user": context.get("user"), "ignore_auth": False}, {"id": package_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
    return True


@tk.side_effect_free
@tk.chained_action
def member_list(up_func: Action, context: Context, data_dict: DataDict) -> list[Any]:
    """Core lists every dataset of an organisation, private ones included; leave out
    those the asker may not see (contributions under review above all)."""
    members = up_func(context, data_dict)
    if context.get("ignore_auth"):
        return members
    return [m for m in members if m[1] != "package" or _can_see(context, m[0])]


@tk.side_effect_free
@tk.chained_action
def organization_list_for_user(up_func: Action, context: Context, data_dict: DataDict) -> list[Any]:
    """Core counts an organisation's datasets from its members' view; count what the
    asker can find instead, so no hidden contribution shows in a number."""
    organizations = up_func(context, data_dict)
    if not tk.asbool(data_dict.get("include_dataset_count", False)):
        return organizations
    search = tk.get_action("package_search")
    for organization in organizations:
        organization["package_count"] = search(
            {"user": context.get("user")},
            {"fq": f'owner_org:"{organization["id"]}"', "rows": 0, "include_private": True})["count"]
    return organizations


def _findable_tags(context: Context) -> set[str]:
    """The free tags of the datasets the asker can find: one search as them, its tag facet."""
    result = tk.get_action("package_search")({"user": context.get("user")}, {
        "q": "*:*", "rows": 0, "include_private": True, "include_drafts": True,
        "facet.field": ["tags"], "facet.limit": -1})
    return set(result["facets"].get("tags", {}))


def _hides_tags(context: Context, data_dict: DataDict) -> bool:
    """Free tags are filtered for askers; vocabulary tags and trusted calls are not."""
    return not context.get("ignore_auth") and not data_dict.get("vocabulary_id")


def _tag_name(tag: Any) -> str:
    return tag["name"] if isinstance(tag, dict) else tag


def _page(items: list[Any], data_dict: DataDict, context: Context) -> list[Any]:
    """The page ``limit`` and ``offset`` ask for, of a list filtered after core made it."""
    data = schema.validate(data_dict, schema.paging_schema(), context)
    offset, limit = data["offset"], data.get("limit")
    return items[offset:offset + limit] if limit else items[offset:]


@tk.side_effect_free
@tk.chained_action
def tag_list(up_func: Action, context: Context, data_dict: DataDict) -> list[Any]:
    """Core lists the tags of every dataset, contributions under review included (a
    tag is words of the contribution): list only those of datasets the asker can find."""
    tags = up_func(context, data_dict)
    if not _hides_tags(context, data_dict):
        return tags
    findable = _findable_tags(context)
    return [t for t in tags if _tag_name(t) in findable]


@tk.side_effect_free
@tk.chained_action
def tag_search(up_func: Action, context: Context, data_dict: DataDict) -> dict[str, Any]:
    """As ``tag_list``: only tags of datasets the asker can find, counted and paged after."""
    if not _hides_tags(context, data_dict):
        return up_func(context, data_dict)
    found = up_func(context, {k: v for k, v in data_dict.items() if k not in ("limit", "offset")})
    findable = _findable_tags(context)
    results = [t for t in found["results"] if t["name"] in findable]
    return {"count": len(results), "results": _page(results, data_dict, context)}


@tk.side_effect_free
@tk.chained_action
def tag_autocomplete(up_func: Action, context: Context, data_dict: DataDict) -> list[str]:
    """As ``tag_list``: the dataset form's tag suggestions name no hidden contribution's tags."""
    if not _hides_tags(context, data_dict):
        return up_func(context, data_dict)
    names = up_func(context, {k: v for k, v in data_dict.items() if k not in ("limit", "offset")})
    findable = _findable_tags(context)
    return _page([n for n in names if n in findable], data_dict, context)


@tk.side_effect_free
@tk.chained_action
def tag_show(up_func: Action, context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A free tag that only datasets hidden from the asker carry does not exist for them."""
    tag = up_func(context, data_dict)
    if _hides_tags(context, data_dict) and not tag.get("vocabulary_id") \
            and tag["name"] not in _findable_tags(context):
        raise tk.ObjectNotFound()
    return tag


@tk.chained_action
def bulk_update_public(up_func: Action, context: Context, data_dict: DataDict) -> Any:
    """An organisation's "make public" cannot publish what is under review."""
    user = _actor(context)
    if not context.get("ignore_auth") and not is_moderator(user):
        states = review_model.review_states(data_dict.get("datasets") or [])
        data_dict = dict(data_dict, datasets=[d for d in data_dict.get("datasets") or []
                                              if states.get(d, APPROVED) == APPROVED])
    return up_func(context, data_dict)


def _user_or_error(data_dict: DataDict, context: Context) -> model.User:
    user = model.User.get(schema.validate(data_dict, schema.id_schema(), context)["id"])
    if user is None or user.state == "deleted":
        raise tk.ObjectNotFound(tk._("User not found"))
    return user


def _moderator_dict(user: model.User) -> dict[str, Any]:
    return {"name": user.name, "id": user.id, "moderator": is_moderator(user),
            "sysadmin": bool(user.sysadmin),
            "granted": review_model.is_moderator_id(user.id)}


def asmhub_moderator_grant(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Grant a user the moderator role (sysadmins only).

    :param id: the user's name or id
    :type id: string
    :returns: the user's ``name``, ``id``, whether they moderate, are a sysadmin
        and were granted the role; with ``defer_commit`` in the context the
        caller commits
    """
    tk.check_access("asmhub_moderator_grant", context, data_dict)
    user = _user_or_error(data_dict, context)
    actor = _actor(context)
    review_model.grant(user.id, actor.id if actor else None)
    _commit(context)
    return _moderator_dict(user)


def asmhub_moderator_revoke(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Take the moderator role away (sysadmins stay moderators while sysadmins).

    :param id: the user's name or id
    :type id: string
    :returns: as ``asmhub_moderator_grant``; with ``defer_commit`` in the context
        the caller commits
    """
    tk.check_access("asmhub_moderator_revoke", context, data_dict)
    user = _user_or_error(data_dict, context)
    review_model.revoke(user.id)
    _commit(context)
    return _moderator_dict(user)


@tk.side_effect_free
def asmhub_moderator_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """Everyone who moderates: granted moderators and sysadmins.

    :returns: a list of dicts as ``asmhub_moderator_grant`` returns
    """
    tk.check_access("asmhub_moderator_list", context, data_dict)
    return [_moderator_dict(u) for u in review_model.moderator_users()]
