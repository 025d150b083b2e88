"""Read the public catalogue through ``package_search``, as an anonymous visitor.

Reading as nobody in particular means CKAN's permission labels decide what
counts: private datasets, drafts and anything moderation has not approved are
left out of every figure without this module knowing about them.
"""
from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk


def _context() -> dict[str, Any]:
    return {"user": "", "auth_user_obj": None, "ignore_auth": False}


def search(**params: Any) -> dict[str, Any]:
    """``package_search`` as an anonymous visitor (public, approved datasets only)."""
    params.setdefault("include_private", False)
    return tk.get_action("package_search")(_context(), params)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value) if value[:1] in "[{" else [value]
        except ValueError:
            return [value]
    if isinstance(value, dict):
        return [value]
    return list(value) if isinstance(value, (list, tuple)) else []


def shaped(doc: dict[str, Any]) -> dict[str, Any]:
    """An index document with list fields as lists (they may come back as JSON text)."""
    doc = dict(doc)
    for name in ("countries", "minerals", "themes"):
        doc[name] = [str(x) for x in _as_list(doc.get(name)) if x]
    doc["estimates"] = [e for e in _as_list(doc.get("estimates")) if isinstance(e, dict)]
    # Index documents carry ``dataset_type``, full dataset dicts ``type``.
    doc["dataset_type"] = doc.get("dataset_type") or doc.get("type") or "dataset"
    return doc


def newest(fq: str, rows: int = 6) -> list[dict[str, Any]]:
    """The newest public datasets matching ``fq``, as full dataset dicts."""
    return search(q="*:*", fq=fq, rows=rows, sort="metadata_created desc")["results"]


def count(fq: str) -> int:
    return int(search(q="*:*", fq=fq, rows=0)["count"])
