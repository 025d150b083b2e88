"""What changed in a dataset since the version a moderator last reviewed."""
from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk

# Bookkeeping that changes on every save and says nothing to a reviewer.
_VOLATILE = {"metadata_modified", "revision_id", "num_resources", "num_tags",
             "tracking_summary", "relationships_as_object", "relationships_as_subject",
             "organization", "creator_user_id", "state", "private"}
_RESOURCE_VOLATILE = {"metadata_modified", "last_modified", "created", "position",
                      "revision_id", "tracking_summary", "package_id", "cache_last_updated"}


def snapshot(package_id: str) -> dict[str, Any]:
    pkg = tk.get_action("package_show")({"ignore_auth": True, "for_view": False,
                                          "use_cache": False}, {"id": package_id})
    return {k: v for k, v in pkg.items() if k not in _VOLATILE}


def _text(value: Any) -> str:
    if value in (None, "", [], {}):
        return "-"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def diff(before: dict[str, Any] | None, after: dict[str, Any]) -> list[dict[str, str]]:
    """Field-level changes (resources by id); empty when nothing changed."""
    if before is None:
        return []
    changes = []
    for key in sorted(set(before) | set(after)):
        if key == "resources":
            continue
        old, new = before.get(key), after.get(key)
        if _text(old) != _text(new):
            changes.append({"field": key, "before": _text(old), "after": _text(new)})
    old_res = {r["id"]: r for r in before.get("resources", [])}
    new_res = {r["id"]: r for r in after.get("resources", [])}
    for rid in list(old_res) + [r for r in new_res if r not in old_res]:
        old = {k: v for k, v in old_res.get(rid, {}).items() if k not in _RESOURCE_VOLATILE}
        new = {k: v for k, v in new_res.get(rid, {}).items() if k not in _RESOURCE_VOLATILE}
        if _text(old) != _text(new):
            name = (new or old).get("name") or rid
            changes.append({"field": tk._("resource: {name}").format(name=name),
                            "before": _text(old), "after": _text(new)})
    return changes
