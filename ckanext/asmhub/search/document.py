"""Turn the document CKAN builds for Solr into a row of ``asmhub_search_doc``.

Core's ``PackageSearchIndex.index_package`` (and every ``before_dataset_index``
hook) has already shaped the document; we only split it into columns, the
weighted text parts and the JSONB remainder.
"""
from __future__ import annotations

import datetime
import json
from typing import Any, Iterable

from . import fields


def _strip_nul(value: Any) -> Any:
    """PostgreSQL text and JSONB refuse NUL characters; Solr did not care."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_strip_nul(v) for v in value]
    if isinstance(value, dict):
        return {_strip_nul(k): _strip_nul(v) for k, v in value.items()}
    return value


def as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value if v is not None and v != ""]
    return [str(value)]


def _as_timestamp(value: Any) -> datetime.datetime | None:
    if not value:
        return None
    text = str(value)
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        stamp = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=datetime.timezone.utc)
    return stamp


def _bbox(doc: dict[str, Any]) -> str | None:
    """The envelope ckanext-spatial's bbox indexer leaves in minx..maxy."""
    try:
        minx, miny, maxx, maxy = (float(doc[k]) for k in ("minx", "miny", "maxx", "maxy"))
    except (KeyError, TypeError, ValueError):
        return None
    return f"({maxx},{maxy}),({minx},{miny})"


def _joined(doc: dict[str, Any], names: Iterable[str]) -> str:
    parts: list[str] = []
    for name in names:
        parts.extend(as_list(doc.get(name)))
    return " ".join(parts)


def weighted_texts(doc: dict[str, Any], keyword_fields: Iterable[str]) -> dict[str, str]:
    """The text of each weight class, A (title) to D (resources and the rest)."""
    texts = {weight: _joined(doc, names) for weight, names in fields.WEIGHTS.items()}
    texts["B"] = " ".join(filter(None, [texts["B"], _joined(doc, keyword_fields)]))
    extras = [k for k in doc if k.startswith(fields.TEXT_PREFIXES)]
    texts["D"] = " ".join(filter(None, [texts["D"], _joined(doc, sorted(extras))]))
    return texts


def to_row(doc: dict[str, Any], keyword_fields: Iterable[str]) -> dict[str, Any]:
    doc = _strip_nul(doc)
    body = {k: v for k, v in doc.items() if k not in fields.BLOB_FIELDS}
    row: dict[str, Any] = {col: (str(doc[col]) if doc.get(col) is not None else None)
                           for col in fields.SCALAR_COLUMNS}
    row["title"] = doc.get("title")
    for col in fields.ARRAY_COLUMNS:
        row[col] = as_list(doc.get(col))
    for col in fields.DATE_COLUMNS:
        row[col] = _as_timestamp(doc.get(col))
    row["bbox"] = _bbox(doc)
    row.update({f"text_{w.lower()}": t for w, t in weighted_texts(doc, keyword_fields).items()})
    row["doc"] = json.dumps(body, default=str)
    for blob in fields.BLOB_FIELDS:
        row[blob] = doc.get(blob)
    return row
