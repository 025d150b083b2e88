"""``/ckan-admin/outbox``: every mail the hub sent, for sysadmins."""
from __future__ import annotations

from typing import Any

from flask import Blueprint

import ckan.plugins.toolkit as tk
from ckan.lib.pagination import Page

from . import model as mail_model

__all__ = ["outbox"]

PER_PAGE = 50

outbox = Blueprint("asmhub_mail", __name__)


def _context() -> dict[str, Any]:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


@outbox.route("/ckan-admin/outbox")
def index() -> Any:
    status = tk.request.args.get("status") or None
    page = tk.h.get_page_number(tk.request.args)
    try:
        result = tk.get_action("asmhub_mail_list")(_context(), {
            "status": status, "limit": PER_PAGE, "offset": (page - 1) * PER_PAGE})
        unsent = tk.get_action("asmhub_mail_list")(_context(), {"unsent": True, "limit": 0})["count"]
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Only sysadmins can read the hub's mail"))
    except tk.ValidationError:
        return tk.abort(400, tk._("Unknown mail status"))
    pager = Page(collection=result["results"], page=page, item_count=result["count"],
                 items_per_page=PER_PAGE, presliced_list=True,
                 url=lambda page=1, **_: tk.h.url_for("asmhub_mail.index", status=status, page=page))
    return tk.render("asmhub/mail/outbox.html", {
        "result": result, "status": status, "statuses": mail_model.STATUSES, "unsent": unsent,
        "page": pager, "smtp_server": tk.config.get("smtp.server")})


@outbox.route("/ckan-admin/outbox/retry", methods=["POST"])
def retry() -> Any:
    try:
        queued = tk.get_action("asmhub_mail_retry")(_context(), {})["queued"]
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Only sysadmins can do this"))
    tk.h.flash_success(tk.ungettext("{n} mail queued to be sent again.",
                                    "{n} mails queued to be sent again.", queued).format(n=queued))
    return tk.redirect_to("asmhub_mail.index")
