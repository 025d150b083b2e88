"""A save made from an old version of a dataset is refused, not silently applied.

Two people who open one dataset (a contributor and an editor of its organisation on
a draft, say) and save it one after the other each write the whole dataset: the
second save undoes the first's change without a word. A save that names the version
it was made from, ``if_unmodified_since`` (the ``metadata_modified`` it read; the
dataset form sends it), is refused with a ``ValidationError`` once the dataset has
changed since. The check locks the dataset's row until the save commits, so of two
saves made from one version at the same moment exactly one goes through.

The precondition is asked for, not assumed: ``metadata_modified`` in a dataset dict
is not one (a harvested dataset carries its source's date there).
"""
from __future__ import annotations

import datetime
from typing import Any

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model

KEY = "if_unmodified_since"


def _stamp(value: Any) -> datetime.datetime:
    """``metadata_modified`` as CKAN stores it: naive UTC."""
    if not isinstance(value, str):
        raise ValueError(value)
    stamp = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if stamp.tzinfo:
        stamp = stamp.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return stamp


def check_unmodified(data_dict: dict[str, Any]) -> dict[str, Any]:
    """``data_dict`` without ``if_unmodified_since``, once the dataset it names is
    locked and found unchanged since that time (else a ``ValidationError``)."""
    if KEY not in data_dict:
        return data_dict
    data_dict = dict(data_dict)
    given = data_dict.pop(KEY)
    if given in (None, ""):
        return data_dict
    try:
        read = _stamp(given)
    except ValueError:
        raise tk.ValidationError({KEY: [tk._(
            "Enter the metadata_modified of the version you edited, such as "
            "2026-01-31T12:00:00.000000.")]}) from None
    reference = data_dict.get("id") or data_dict.get("name")
    package = model.package_table
    stored = model.Session.execute(
        sa.select(package.c.metadata_modified)
        .where(sa.or_(package.c.id == reference, package.c.name == reference))
        .with_for_update()).first()
    if stored is not None and stored.metadata_modified != read:
        raise tk.ValidationError({KEY: [tk._(
            "This dataset has changed since you opened it (it was saved at {saved}, you "
            "edited the version of {read}). Reload it, then make your change again."
        ).format(saved=stored.metadata_modified.isoformat(), read=read.isoformat())]})
    return data_dict
