"""Which harvest sources publish without review.

A source asks for trust with ``{"asmhub_trusted": true}`` in its configuration,
but only a moderator (or sysadmin) saving the source grants it: the source is
recorded as vetted with its URL at that moment, and a later change of URL by
anyone else voids the record. Anyone who may edit a source can write its
configuration, so the configuration alone never publishes anything.

Sources saved by other users may only point at public internet addresses
(``security/addresses.py``), checked when the source is saved and again before
each download (``harvest.py``).
"""
from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.model.system_info import SystemInfo

VETTED_KEY = "ckanext.asmhub.harvest.vetted_sources"
CONFIG_KEY = "asmhub_trusted"


def asks_for_trust(config: Any) -> bool:
    try:
        return bool(json.loads(config or "{}").get(CONFIG_KEY))
    except (ValueError, AttributeError):
        return False


def _row() -> SystemInfo | None:
    # Read without core's get_system_info, which commits the caller's session.
    return model.Session.query(SystemInfo).filter_by(key=VETTED_KEY).first()


def vetted() -> dict[str, dict[str, Any]]:
    """{harvest source id: {"url": the URL a moderator saved, "trusted": whether they trusted it}}."""
    row = _row()
    try:
        return json.loads(row.value) if row else {}
    except ValueError:
        return {}


def _save(records: dict[str, dict[str, Any]]) -> None:
    """Stage the records in the caller's transaction (committed with the source)."""
    row = _row()
    value = json.dumps(records, sort_keys=True)
    if row is None:
        model.Session.add(SystemInfo(VETTED_KEY, value))
    else:
        row.value = value


def _vetted_record(source: Any) -> dict[str, Any] | None:
    """The moderator's record of a source, if its URL is still the one they saved."""
    if source is None:
        return None
    found = vetted().get(source.id)
    return found if found and found["url"] == (source.url or "").strip() else None


def is_trusted(source: Any) -> bool:
    """Whether a harvest source's datasets are published without review."""
    found = _vetted_record(source)
    return bool(found and found["trusted"] and asks_for_trust(getattr(source, "config", None)))


def is_vetted(source: Any) -> bool:
    """Whether a moderator saved the source as it is (its address may then be local)."""
    return _vetted_record(source) is not None


def is_moderator(user_name: str | None) -> bool:
    """Sysadmins and the review workflow's moderators (who may see the review queue)."""
    if not user_name:
        return False
    try:
        tk.check_access("asmhub_review_queue_list", {"user": user_name}, {})
        return True
    except (tk.NotAuthorized, KeyError, ValueError):
        user = model.User.get(user_name)
        return bool(user and user.sysadmin)


def record(context: dict[str, Any], source: dict[str, Any]) -> None:
    """After a harvest source is saved: a moderator vets it (and grants the trust it asks
    for); anyone else changing its URL voids what a moderator vetted."""
    records = vetted()
    source_id, url = source["id"], (source.get("url") or "").strip()
    if is_moderator(context.get("user")):
        wanted = {**records, source_id: {"url": url, "trusted": asks_for_trust(source.get("config"))}}
    elif records.get(source_id, {}).get("url") == url:
        wanted = records
    else:
        wanted = {k: v for k, v in records.items() if k != source_id}
    if wanted != records:
        _save(wanted)
