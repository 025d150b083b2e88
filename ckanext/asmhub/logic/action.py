"""API actions of ckanext-asmhub."""
from __future__ import annotations

from importlib.metadata import version
from typing import Any, Callable

import ckan.plugins.toolkit as tk
from ckan.types import Action, Context, DataDict

from ..security import input as guard
from . import edits


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


def _guarded(name: str, check: Callable[[DataDict], None]) -> Action:
    """A chained ``name`` that first refuses input core would fail on (see security/input.py)."""
    @tk.chained_action
    def action(up_func: Action, context: Context, data_dict: DataDict) -> Any:
        check(data_dict or {})
        return up_func(context, data_dict)
    action.__name__ = action.__qualname__ = name
    return action


package_create = _guarded("package_create", guard.check_dataset)
@tk.chained_action
def package_update(up_func: Action, context: Context, data_dict: DataDict) -> Any:
    """Core's ``package_update``, refusing input core would fail on and a save made from
    an old version of the dataset (see logic/edits.py).

    :param if_unmodified_since: the ``metadata_modified`` of the version the change was
        made from (optional): the save is refused with a ``ValidationError`` if the
        dataset has been saved since
    :type if_unmodified_since: string
    """
    data_dict = data_dict or {}
    guard.check_dataset(data_dict)
    if edits.KEY in data_dict:
        tk.check_access("package_update", context, data_dict)
        data_dict = edits.check_unmodified(data_dict)
    return up_func(context, data_dict)


package_patch = _guarded("package_patch", guard.check_dataset)
resource_create = _guarded("resource_create", guard.check_resource)
resource_update = _guarded("resource_update", guard.check_resource)
resource_patch = _guarded("resource_patch", guard.check_resource)
package_search = tk.side_effect_free(_guarded("package_search", guard.check_search))
organization_list = tk.side_effect_free(_guarded("organization_list", guard.check_group_list))
group_list = tk.side_effect_free(_guarded("group_list", guard.check_group_list))
package_autocomplete = tk.side_effect_free(_guarded("package_autocomplete", guard.check_autocomplete))
tag_list = tk.side_effect_free(_guarded("tag_list", guard.check_tag_list))
