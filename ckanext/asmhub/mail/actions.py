"""The outbox's actions (sysadmins only)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict, Schema

from ..security.input import MAX_OFFSET
from . import model as mail_model
from . import outbox

__all__ = ["asmhub_mail_list", "asmhub_mail_retry"]

PAGE_MAX = 500


def _list_schema() -> Schema:
    v = tk.get_validator
    return {
        "status": [v("ignore_missing"), v("one_of")(list(mail_model.STATUSES))],
        "unsent": [v("default")(False), v("boolean_validator")],
        "limit": [v("default")(50), _whole_number, _at_most_a_page],
        "offset": [v("default")(0), _whole_number],
    }


def _whole_number(value: Any) -> int:
    """0 or more (and within PostgreSQL's OFFSET). Core's natural_number_validator
    fails with a TypeError on ``?limit=%20``."""
    if isinstance(value, bool):
        number = -1
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else -1
    else:
        try:
            number = int(str(value).strip())
        except ValueError:
            number = -1
    if not 0 <= number <= MAX_OFFSET:
        raise tk.Invalid(tk._("Enter a whole number from 0 to {n}.").format(n=MAX_OFFSET))
    return number


def _at_most_a_page(value: Any) -> Any:
    # After _whole_number, which leaves a value it refused as it was.
    return min(value, PAGE_MAX) if isinstance(value, int) else value


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _mail_dict(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"], "event_id": row["event_id"], "recipient_id": row["recipient_id"],
        "recipient_name": row["recipient_name"], "recipient_email": row["recipient_email"],
        "subject": row["subject"], "body": row["body"], "status": row["status"],
        "attempts": row["attempts"], "last_error": row["last_error"],
        "created_at": _iso(row["created_at"]), "last_attempt_at": _iso(row["last_attempt_at"]),
        "sent_at": _iso(row["sent_at"]),
    }


@tk.side_effect_free
def asmhub_mail_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Every mail the hub has sent or will send, newest first.

    :param status: only mails in this state: ``pending``, ``sent`` or ``failed``
    :type status: string
    :param unsent: only mails not delivered yet (pending or failed)
    :type unsent: bool
    :param limit: how many (default 50, at most 500)
    :type limit: int
    :param offset: how many to skip
    :type offset: int
    :returns: ``count`` (all that match) and ``results``: time, recipient,
        subject, body, status, attempts and last error of each
    """
    tk.check_access("asmhub_mail_list", context, data_dict)
    data, errors = tk.navl_validate(data_dict, _list_schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    count, rows = mail_model.page(data.get("status"), data["unsent"], data["limit"], data["offset"])
    return {"count": count, "results": [_mail_dict(r) for r in rows]}


def asmhub_mail_retry(context: Context, data_dict: DataDict) -> dict[str, int]:
    """Queue every undelivered mail to be sent again now.

    :returns: ``queued``, how many
    """
    tk.check_access("asmhub_mail_retry", context, data_dict)
    return {"queued": outbox.retry_unsent()}
