"""Pages of moderated publishing: the queue, the review page, my contributions,
and the submit / withdraw / contribute endpoints. Each calls the actions."""
from __future__ import annotations

from typing import Any

from flask import Blueprint

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.navl.dictization_functions import unflatten
from ckan.logic import clean_dict, parse_params, tuplize_dict
from ckan.views.dataset import EditView

from . import CRITERIA, STATES, SUBMITTED

review = Blueprint("asmhub_review", __name__)


def _context() -> dict[str, Any]:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


def _form() -> dict[str, Any]:
    return clean_dict(unflatten(tuplize_dict(parse_params(tk.request.form))))


def queue() -> str:
    params = {k: v for k, v in tk.request.args.items() if k in ("state", "organization", "min_age_days") and v}
    params.setdefault("state", SUBMITTED)
    try:
        result = tk.get_action("asmhub_review_queue_list")(_context(), params)
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Only moderators can see the review queue"))
    except tk.ValidationError as error:
        return tk.abort(400, error.error_summary)
    undelivered = None
    if tk.current_user.is_authenticated and tk.current_user.sysadmin and p.plugin_loaded("asmhub_mail"):
        undelivered = tk.get_action("asmhub_mail_list")(_context(), {"unsent": True, "limit": 0})["count"]
    organizations = tk.get_action("organization_list")({}, {"all_fields": True})
    return tk.render("asmhub/review/queue.html", {
        "result": result, "params": params, "states": STATES,
        "organizations": organizations, "undelivered": undelivered,
    })


def _review_page(id: str, form: dict[str, Any] | None = None,
                 errors: dict[str, Any] | None = None) -> str:
    context = _context()
    try:
        pkg = tk.get_action("package_show")(dict(context), {"id": id})
        history = tk.get_action("asmhub_review_history_show")(dict(context), {"id": id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, tk._("Dataset not found"))
    can_decide = tk.h.check_access("asmhub_review_decide", {"id": pkg["id"]})
    return tk.render("asmhub/review/review.html", {
        "pkg": pkg, "pkg_dict": pkg, "history": history,
        "can_decide": can_decide and history["state"] == SUBMITTED,
        "form": form or {}, "errors": errors or {},
    })


def review_page(id: str) -> Any:
    if tk.request.method == "GET":
        return _review_page(id)
    form = _form()
    data = {
        "id": id, "decision": form.get("decision"), "comment": form.get("comment"),
        "required_changes": form.get("required_changes") or "",
        "criteria": {key: {"answer": form.get(f"criterion_{key}"),
                           "note": form.get(f"criterion_{key}_note")} for key in CRITERIA},
    }
    try:
        result = tk.get_action("asmhub_review_decide")(_context(), data)
    except tk.NotAuthorized as error:
        return tk.abort(403, str(error) or tk._("Only moderators can review contributions"))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Dataset not found"))
    except tk.ValidationError as error:
        return _review_page(id, form, error.error_dict)
    tk.h.flash_success(tk._("Decision recorded: {outcome}. The contributor will be emailed.").format(
        outcome=result["state_label"]))
    return tk.redirect_to("asmhub_review.queue")


def _to_dataset(id: str) -> Any:
    """Back to the dataset's page (a library document has its own)."""
    pkg = model.Package.get(id)
    return tk.redirect_to(f"{pkg.type}.read", id=pkg.name) if pkg else tk.redirect_to("dataset.search")


def _state_change(action: str, id: str, done: str) -> Any:
    try:
        tk.get_action(action)(_context(), {"id": id, "comment": tk.request.form.get("comment")})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Only the contributor and the organisation's editors can do this"))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Dataset not found"))
    except tk.ValidationError as error:
        tk.h.flash_error(" ".join(m for msgs in error.error_dict.values() for m in msgs))
    else:
        tk.h.flash_success(done)
    return _to_dataset(id)


def submit(id: str) -> Any:
    return _state_change("asmhub_review_submit", id,
                         tk._("Submitted for review. The moderators have been told; you will be "
                              "emailed their decision."))


def withdraw(id: str) -> Any:
    return _state_change("asmhub_review_withdraw", id, tk._("Submission withdrawn."))


def save_and_submit(id: str) -> Any:
    """The dataset form's "Save and submit for review": core saves, then we submit."""
    response = EditView().post("dataset", id)
    if getattr(response, "status_code", 200) not in (301, 302, 303):
        return response  # the form again, with its errors
    return submit(id)


def contributions() -> Any:
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login")
    items = tk.get_action("asmhub_contribution_list")(_context(), {})
    return tk.render("asmhub/review/contributions.html", {"contributions": items})


def contribute() -> Any:
    """Start a contribution. A user who can add datasets to an organisation goes straight
    to the form; anyone else is offered the community organisation, and joins it only by
    posting this page's form (a link or a page load never changes anyone's rights)."""
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login")
    if tk.request.method == "POST":
        result = tk.get_action("asmhub_community_join")(_context(), {})
        if result["joined"]:
            tk.h.flash_notice(tk._("You can now add datasets to the community contributions "
                                   "organisation. A moderator reviews each one before it is public."))
        return tk.redirect_to("dataset.new", owner_org=result["organization"])
    own = tk.get_action("organization_list_for_user")(_context(), {"permission": "create_dataset"})
    if own:
        return tk.redirect_to("dataset.new", owner_org=own[0]["name"])
    return tk.render("asmhub/review/contribute.html", {})


review.add_url_rule("/review", view_func=queue)
review.add_url_rule("/review/<id>", view_func=review_page, methods=["GET", "POST"])
review.add_url_rule("/dataset/<id>/review/submit", view_func=submit, methods=["POST"])
review.add_url_rule("/dataset/<id>/review/withdraw", view_func=withdraw, methods=["POST"])
review.add_url_rule("/dataset/edit/<id>/submit-for-review", view_func=save_and_submit,
                    methods=["POST"])
review.add_url_rule("/contributions", view_func=contributions)
review.add_url_rule("/contribute", view_func=contribute, methods=["GET", "POST"])
