"""API actions of ckanext-asmhub."""
from __future__ import annotations

from importlib.metadata import version

import ckan.plugins.toolkit as tk
from ckan.types import Action, Context, DataDict


@tk.side_effect_free
@tk.chained_action
def status_show(up_func: Action, context: Context, data_dict: DataDict) -> dict:
    """Core's site status, plus the ASM Hub version and the active search backend.

    :returns: core's ``status_show`` dict with ``asmhub_version`` and
        ``search_backend`` (``postgres`` or ``solr``) added
    """
    status = up_func(context, data_dict)
    status["asmhub_version"] = version("ckanext-asmhub")
    status["search_backend"] = tk.config.get("ckanext.asmhub.search_backend")
    return status
