"""Who may see a DataStore load's status: core's rule (those who may edit the
resource), and the moderators who may see it."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import authz
from ckan.types import AuthFunction, AuthResult, Context, DataDict

from ..review import allowed, is_moderator


def _moderator_who_sees(context: Context, data_dict: DataDict) -> bool:
    resource_id = data_dict.get("resource_id") or data_dict.get("id")
    user = context.get("user")
    return bool(resource_id) and is_moderator(user) and allowed("resource_show", user, {"id": resource_id})


@tk.chained_auth_function
def xloader_status(next_auth: AuthFunction, context: Context, data_dict: DataDict) -> AuthResult:
    result = next_auth(context, data_dict)
    if result.get("success") or not _moderator_who_sees(context, data_dict):
        return result
    return {"success": True}


def asmhub_datastore_summary(context: Context, data_dict: DataDict) -> AuthResult:
    """The data-quality summary of a resource: whoever may see its load status."""
    return authz.is_authorized("xloader_status", context, dict(data_dict))
