"""Build the SQL for one Solr-style search request.

A request becomes two statements over ``asmhub_search_doc AS d``: one for the
hit count and the facet counts (all computed from a single pass over the
matching rows), one for the requested page of documents.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from . import fields
from .querylang import Binds, Compiler, QuerySyntaxError, doc_values, FIELD_NAME, compile_sort

RANK_WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"  # D, C, B, A: title above keywords above notes.


def _as_int(value: Any, name: str, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise QuerySyntaxError(f"{name} must be an integer, not {value!r}") from None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.strip()
        if value.startswith("["):
            try:
                return [str(v) for v in json.loads(value)]
            except ValueError:
                raise QuerySyntaxError(f"Invalid list {value!r}") from None
        return [value] if value else []
    return [str(v) for v in value]


def field_list(fl: Any) -> list[str]:
    """``fl`` as core sends it: ``"id validated_data_dict"``, ``"name,title"`` or a list."""
    text = " ".join(fl) if isinstance(fl, (list, tuple)) else str(fl or "")
    return [f for f in re.split(r"[\s,]+", text) if f]


@dataclass
class Statement:
    count_sql: str
    rows_sql: str | None
    binds: dict[str, Any]
    facet_fields: list[str] = field(default_factory=list)
    fl: list[str] = field(default_factory=list)
    rows: int = 10


def _facet_values(name: str) -> tuple[str, str]:
    """FROM-clause fragment and value expression to count ``name`` per value."""
    if not FIELD_NAME.match(name):
        raise QuerySyntaxError(f"Invalid facet field {name!r}")
    if name in fields.ARRAY_COLUMNS:
        return f"m, unnest(m.{name}) v", "v"
    if name in fields.SCALAR_COLUMNS:
        return "m", f"m.{name}"
    if name in fields.DATE_COLUMNS:
        return "m", f"to_char(m.{name} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    return f"m, {doc_values(name, 'm')} v", "v"


def build(params: dict[str, Any]) -> Statement:
    binds = Binds()
    default_and = str(params.get("q.op", "AND")).upper() != "OR"
    compiler = Compiler(binds, default_field=params.get("df") or "text", default_and=default_and)
    free_text = params.get("defType") in ("dismax", "edismax")
    conditions = [compiler.compile(str(params.get("q") or ""), free_text=free_text)]
    for fq in _as_list(params.get("fq")) + _as_list(params.get("fq_list")):
        # fq clauses filter; they never add to the relevance score.
        rank_before = list(compiler.rank_queries)
        conditions.append(compiler.compile(fq))
        compiler.rank_queries = rank_before
    where = " AND ".join(f"({c})" for c in conditions if c != "TRUE") or "TRUE"

    rank = None
    if compiler.rank_queries:
        query = " || ".join(f"({q})" for q in compiler.rank_queries)
        rank = f"ts_rank_cd({RANK_WEIGHTS}, d.search_vector, {query}, 1)"
    order_by = compile_sort(params.get("sort"), rank)

    rows = max(0, _as_int(params.get("rows"), "rows", 10))
    start = max(0, _as_int(params.get("start"), "start", 0))
    fl = field_list(params.get("fl") or "*")  # Solr returns every stored field

    facet_fields: list[str] = []
    if str(params.get("facet", "false")).lower() == "true":
        facet_fields = list(dict.fromkeys(_as_list(params.get("facet.field"))))
    limit = _as_int(params.get("facet.limit"), "facet.limit", 50)
    mincount = _as_int(params.get("facet.mincount"), "facet.mincount", 1)

    if facet_fields:
        parts = ["(SELECT count(*) FROM m) AS hits"]
        limit_sql = "" if limit < 0 else f" LIMIT {binds(limit)}"
        for i, name in enumerate(facet_fields):
            source, value = _facet_values(name)
            parts.append(
                f"(SELECT coalesce(json_agg(json_build_array(s.v, s.c) ORDER BY s.c DESC, s.v), "
                f"'[]') FROM (SELECT {value} AS v, count(*) AS c FROM {source} "
                f"WHERE {value} IS NOT NULL GROUP BY 1 HAVING count(*) >= {binds(mincount)} "
                f"ORDER BY 2 DESC, 1{limit_sql}) s) AS f{i}")
        needed = {"index_id"} | {
            name if name in fields.ARRAY_COLUMNS | fields.SCALAR_COLUMNS | fields.DATE_COLUMNS
            else "doc" for name in facet_fields}
        columns = ", ".join(f"d.{c}" for c in sorted(needed))
        count_sql = (f"WITH m AS MATERIALIZED (SELECT {columns} FROM asmhub_search_doc d WHERE {where}) "
                     f"SELECT {', '.join(parts)}")
    else:
        count_sql = f"SELECT count(*) AS hits FROM asmhub_search_doc d WHERE {where}"

    rows_sql = None
    if rows:
        columns = ["d.doc"]
        if any(f in fl for f in fields.BLOB_FIELDS + ("*",)):
            columns += [f"d.{blob}" for blob in fields.BLOB_FIELDS]
        columns.append(f"{rank or '0'} AS score")
        rows_sql = (f"SELECT {', '.join(columns)} FROM asmhub_search_doc d WHERE {where} "
                    f"ORDER BY {order_by} LIMIT {binds(rows)} OFFSET {binds(start)}")
    return Statement(count_sql, rows_sql, binds.values, facet_fields, fl, rows)


def shape_doc(row: dict[str, Any], fl: list[str]) -> dict[str, Any]:
    """One result document with the fields asked for, as Solr returns them."""
    doc = dict(row["doc"])
    for blob in fields.BLOB_FIELDS:
        if blob in row:
            doc[blob] = row[blob]
    if "*" in fl:
        result = doc
    else:
        result = {name: doc[name] for name in fl if name in doc}
    if "score" in fl:
        result["score"] = float(row["score"])
    return result
