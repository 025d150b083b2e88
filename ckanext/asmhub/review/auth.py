"""Who may do what in moderated publishing."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import AuthFunction, AuthResult, Context, DataDict

from . import can_edit, is_community_org, is_moderator, user_object
from . import model as review_model

__all__ = [
    "asmhub_review_submit", "asmhub_review_withdraw", "asmhub_review_decide",
    "asmhub_review_history_show", "asmhub_review_queue_list", "asmhub_contribution_list",
    "asmhub_community_join", "asmhub_moderator_grant", "asmhub_moderator_revoke",
    "asmhub_moderator_list", "package_update",
]


def _ok() -> AuthResult:
    return {"success": True}


def _no(msg: str) -> AuthResult:
    return {"success": False, "msg": msg}


def _package_id(data_dict: DataDict) -> str:
    """The dataset ``id`` names (checked before the action validates ``id``: any value)."""
    reference = data_dict.get("id")
    pkg = model.Package.get(reference) if isinstance(reference, str) and reference else None
    if pkg is None:
        raise tk.ObjectNotFound(tk._("Dataset not found"))
    return pkg.id


def _may_edit(context: Context, data_dict: DataDict) -> AuthResult:
    if can_edit(context.get("user"), _package_id(data_dict)):
        return _ok()
    return _no(tk._("Only the contributor and the organisation's editors can do this"))


def asmhub_review_submit(context: Context, data_dict: DataDict) -> AuthResult:
    return _may_edit(context, data_dict)


def asmhub_review_withdraw(context: Context, data_dict: DataDict) -> AuthResult:
    return _may_edit(context, data_dict)


@tk.auth_sysadmins_check
def asmhub_review_decide(context: Context, data_dict: DataDict) -> AuthResult:
    """Moderators, but never on their own contribution or submission."""
    user = user_object(context.get("user"))
    if not is_moderator(user):
        return _no(tk._("Only moderators can review contributions"))
    package_id = _package_id(data_dict)
    row = review_model.get_review(package_id)
    submission = review_model.last_event(package_id, ("submitted", "resubmitted", "edited"))
    if (row and row["contributor_id"] == user.id) or (submission and submission["actor_id"] == user.id):
        return _no(tk._("You cannot review your own contribution"))
    return _ok()


def asmhub_review_history_show(context: Context, data_dict: DataDict) -> AuthResult:
    if is_moderator(context.get("user")):
        return _ok()
    return _may_edit(context, data_dict)


def _moderators_only(context: Context) -> AuthResult:
    if is_moderator(context.get("user")):
        return _ok()
    return _no(tk._("Only moderators can see the review queue"))


def asmhub_review_queue_list(context: Context, data_dict: DataDict) -> AuthResult:
    return _moderators_only(context)


def _registered(context: Context) -> AuthResult:
    if user_object(context.get("user")) is not None:
        return _ok()
    return _no(tk._("You need an account to contribute"))


def asmhub_contribution_list(context: Context, data_dict: DataDict) -> AuthResult:
    return _registered(context)


def asmhub_community_join(context: Context, data_dict: DataDict) -> AuthResult:
    return _registered(context)


def _sysadmins_only(context: Context) -> AuthResult:
    # Sysadmins never reach auth functions; everyone else is refused.
    return _no(tk._("Only sysadmins can do this"))


def asmhub_moderator_grant(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmins_only(context)


def asmhub_moderator_revoke(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmins_only(context)


def asmhub_moderator_list(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmins_only(context)


@tk.chained_auth_function
def package_update(next_auth: AuthFunction, context: Context, data_dict: DataDict) -> AuthResult:
    """In the community organisation, whose editors are strangers to each other,
    only a dataset's contributor may edit it (and sysadmins, who pass every check).
    Its admins get no more than its editors, as they see no more (visibility.py)."""
    result = next_auth(context, data_dict)
    if not result.get("success"):
        return result
    pkg = model.Package.get((data_dict or {}).get("id") or "")
    if pkg is None or not is_community_org(pkg.owner_org):
        return result
    user = user_object(context.get("user"))
    if user and user.id == pkg.creator_user_id:
        return result
    return _no(tk._("Only its contributor can edit a community contribution"))
