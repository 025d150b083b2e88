"""Only sysadmins read the outbox: it holds every user's mail, reset links included."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

__all__ = ["asmhub_mail_list", "asmhub_mail_retry"]


def _sysadmins_only() -> AuthResult:
    # Sysadmins pass every auth function before it is called.
    return {"success": False, "msg": tk._("Only sysadmins can read or resend the hub's mail")}


def asmhub_mail_list(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmins_only()


def asmhub_mail_retry(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmins_only()
