"""Build the SQL for one Solr-style search request.

A request becomes two statements over ``asmhub_search_doc AS d``: one for the
hit count and the facet counts, one for the requested page of documents.
Counts come from a single pass over the matching rows or, when the request
filters on class columns only (the empty query), from the per-class counts
the database keeps in ``asmhub_search_count``. A request made of text terms
and class filters is counted, and its best matches found, in the narrow
``asmhub_search_text``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from . import fields
from .querylang import (WHOLE_MATCH, Binds, Compiler, QuerySyntaxError, doc_values, FIELD_NAME,
                        compile_sort)

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
    # The request matches text: its statements should find rows through the
    # GIN indexes, never by reading every row's search vector (see _execute).
    text_search: bool = False


def _facet_values(name: str) -> tuple[str, str, str]:
    """FROM-clause fragment, value expression and condition to count ``name`` per value."""
    if not FIELD_NAME.match(name):
        raise QuerySyntaxError(f"Invalid facet field {name!r}")
    if name in fields.ARRAY_COLUMNS:
        return f"m, unnest(m.{name}) v", "v", "v IS NOT NULL"
    if name in fields.SCALAR_COLUMNS:
        return "m", f"m.{name}", f"m.{name} IS NOT NULL"
    if name in fields.DATE_COLUMNS:
        value = f"to_char(m.{name} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        return "m", value, f"m.{name} IS NOT NULL"
    if name in fields.DOC_FACETS:
        # "field=value" strings kept in the row: the document (2 kB, out of
        # line) is not read for them.
        return "m, unnest(m.facet_values) v", f"substr(v, {len(name) + 2})", f"v LIKE '{name}=%'"
    return f"m, {doc_values(name, 'm')} v", "v", "v IS NOT NULL"


def _facet_json(source: str, limit: int, mincount: int, binds: Binds) -> str:
    """The ``[[value, count], ...]`` JSON of one facet from ``source`` rows (v, c)."""
    limit_sql = "" if limit < 0 else f" LIMIT {binds(limit)}"
    return (f"(SELECT coalesce(json_agg(json_build_array(s.v, s.c) ORDER BY s.c DESC, s.v), "
            f"'[]') FROM (SELECT v, c FROM {source} WHERE c >= {binds(mincount)} "
            f"ORDER BY 2 DESC, 1{limit_sql}) s)")


def _scanned_facets_sql(where: str, facet_fields: list[str], limit: int, mincount: int,
                        binds: Binds) -> str:
    """Hits and facets counted over the matching rows, in one pass."""
    parts = ["(SELECT count(*) FROM m) AS hits"]
    for i, name in enumerate(facet_fields):
        source, value, present = _facet_values(name)
        counted = f"(SELECT {value} AS v, count(*) AS c FROM {source} WHERE {present} GROUP BY 1) t"
        parts.append(f"{_facet_json(counted, limit, mincount, binds)} AS f{i}")
    in_row = fields.ARRAY_COLUMNS | fields.SCALAR_COLUMNS | fields.DATE_COLUMNS
    needed = {"index_id"} | {
        name if name in in_row else "facet_values" if name in fields.DOC_FACETS else "doc"
        for name in facet_fields}
    columns = ", ".join(f"d.{c}" for c in sorted(needed))
    return (f"WITH m AS MATERIALIZED (SELECT {columns} FROM asmhub_search_doc d WHERE {where}) "
            f"SELECT {', '.join(parts)}")


def _counted_facets_sql(where: str, facet_fields: list[str], limit: int, mincount: int,
                        binds: Binds) -> str:
    """Hits and facets summed from the per-class counts ``where`` selects.

    ``where`` reads class columns only, which the counts table has too, so it
    selects exactly the classes of the matching rows.
    """
    wanted = binds(["", *facet_fields])
    parts = ["(SELECT coalesce(sum(c), 0)::bigint FROM k WHERE field = '') AS hits"]
    for i, name in enumerate(facet_fields):
        counted = f"(SELECT value AS v, c FROM k WHERE field = {binds(name)}) t"
        parts.append(f"{_facet_json(counted, limit, mincount, binds)} AS f{i}")
    return (f"WITH k AS MATERIALIZED (SELECT d.field, d.value, sum(d.n)::bigint AS c "
            f"FROM asmhub_search_count d WHERE d.field = ANY(CAST({wanted} AS text[])) "
            f"AND ({where}) GROUP BY 1, 2 HAVING sum(d.n) > 0) "
            f"SELECT {', '.join(parts)}")


def _tried_first_on(vector: str, where: str) -> str:
    """``where`` with every whole-vector match tried on the smaller ``vector`` first.

    The compiler's text queries are positive (negation is SQL's ``NOT``
    around them), and the title vectors are parts of the whole one, so a
    match in them is a match: ``title_a @@ q OR whole @@ q`` equals
    ``whole @@ q``. For the rows of a title tier the whole vector (2 kB, out
    of the row) is then never read.
    """
    return WHOLE_MATCH.sub(rf"(d.{vector} @@ \1 OR d.search_vector @@ \1)", where)


def _joined(queries: list[str], operator: str) -> str:
    """Text queries combined into one (``||`` any of them, ``&&`` all of them)."""
    return f" {operator} ".join(f"({q})" for q in queries)


def _rank(vector: str, query: str) -> str:
    # ts_rank, not ts_rank_cd: cover density costs ~4 µs a row on an OR of a
    # word's language forms, ts_rank well under one.
    return f"ts_rank({RANK_WEIGHTS}, d.{vector}, {query}, 1)"


def _tiered_rows_sql(where: str, words: list[str], rest: str, columns: list[str], rows: int,
                     start: int, binds: Binds, text_where: str | None) -> str:
    """The best-ranked page, without ranking every match of a common word.

    Matches come in tiers: rows with every word of the query in the title
    (``title_a``), then in the title and keywords (``title_vector``: tags,
    organisation, minerals, countries...), then the rest. Each tier is ranked
    on that vector (the last on the whole one: description above resources)
    and only looked at when the ones above it do not fill the page, so a
    common word ranks its title matches only, and the request's conditions
    hold for a first-tier row without reading its whole vector. The first
    tier reads the narrow ``asmhub_search_text`` when the request allows
    (``text_where``, see ``build``).
    """
    need = binds(start + rows)
    query = _joined(words, "||")
    q = f"({_joined(words, '&&')})"
    in_title = f"d.title_a @@ {q}"
    table, first = (("asmhub_search_doc", where) if text_where is None
                    else ("asmhub_search_text", text_where))
    tiers = [
        ("title_a", f"{table} d WHERE {in_title} AND {_tried_first_on('title_a', first)}"),
        ("title_vector", f"asmhub_search_doc d WHERE d.title_vector @@ {q} "
                         f"AND NOT {in_title} AND {_tried_first_on('title_vector', where)}"),
        ("search_vector", f"asmhub_search_doc d WHERE {where} AND NOT d.title_vector @@ {q}"),
    ]
    ctes = []
    for i, (vector, source) in enumerate(tiers):
        above = " + ".join(f"(SELECT count(*) FROM t{j})" for j in range(i))
        gate = f" AND {above} < {need}" if above else ""
        ctes.append(f"t{i} AS MATERIALIZED (SELECT d.index_id, {len(tiers) - i} AS tier, "
                    f"{_rank(vector, query)} AS score FROM {source}{gate} "
                    f"ORDER BY score DESC, {rest} LIMIT {need})")
    found = " UNION ALL ".join(f"SELECT * FROM t{i}" for i in range(len(tiers)))
    return (f"WITH {', '.join(ctes)} SELECT {', '.join(columns)}, p.score FROM ({found}) p "
            f"JOIN asmhub_search_doc d ON d.index_id = p.index_id "
            f"ORDER BY p.tier DESC, p.score DESC, {rest} LIMIT {binds(rows)} OFFSET {binds(start)}")


_COLUMN = re.compile(r"\bd\.(\w+)")


def columns_read(sql: str) -> set[str]:
    """The index columns a compiled condition reads (the compiler names them ``d.x``)."""
    return set(_COLUMN.findall(sql))


@dataclass
class _Narrow:
    """A request ``asmhub_search_text`` can answer: text conditions and a class filter."""
    text: list[str]
    classes: str  # the class numbers the request's class conditions select

    @property
    def where(self) -> str:
        return " AND ".join(f"({c})" for c in self.text) + f" AND d.class_id = ANY({self.classes})"


def _narrow(conditions: list[str]) -> _Narrow | None:
    """``conditions`` split for the narrow table, when they allow it.

    They do when each reads either text columns the narrow table has or class
    columns only, and at least one is text.
    """
    text, classes = [], []
    for condition in conditions:
        read = columns_read(condition)
        if read <= fields.CLASS_COLUMNS:
            classes.append(condition)
        elif read <= fields.TEXT_TABLE_COLUMNS:
            text.append(condition)
        else:
            return None
    if not text:
        return None
    selected = " AND ".join(f"({c})" for c in classes) or "TRUE"
    return _Narrow(text, f"ARRAY(SELECT d.id FROM asmhub_search_class d WHERE {selected})")


# One word, as the compiler writes it: its form in each language, OR-ed.
_ONE_WORD = re.compile(r"d\.search_vector @@ asmhub_plain_tsquery\((:p\d+)\)")


def _narrow_count_sql(narrow: _Narrow) -> str:
    """The hit count of a request the narrow table answers.

    A single word is counted as a union: the rows with its most common form
    (summed from ``asmhub_search_term``), plus those with another form but
    not that one, which the GIN index finds without visiting the others
    (migration 0009). Anything else, or a word that some language makes more
    than one lexeme of, is counted over its matching rows.
    """
    matching = f"SELECT count(*) FROM asmhub_search_text d WHERE {narrow.where}"
    word = _ONE_WORD.fullmatch(narrow.text[0]) if len(narrow.text) == 1 else None
    if word is None:
        return f"SELECT ({matching}) AS hits"
    return (
        f"WITH f AS MATERIALIZED (SELECT * FROM asmhub_word_forms({word[1]})), "
        f"k AS MATERIALIZED (SELECT {narrow.classes} AS ids), "
        "n AS MATERIALIZED (SELECT f.lexeme, f.query, (SELECT coalesce(sum(t.n), 0) "
        "FROM asmhub_search_term t WHERE t.lexeme = f.lexeme AND t.class_id = ANY(k.ids)) AS n "
        "FROM f, k), "
        "b AS MATERIALIZED (SELECT * FROM n ORDER BY n DESC, lexeme LIMIT 1) "
        f"SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM f) THEN ({matching}) "
        "ELSE (SELECT n FROM b) + (SELECT count(*) FROM asmhub_search_text d "
        "WHERE d.search_vector @@ ((SELECT string_agg('(' || n.query::text || ')', ' | ')::tsquery "
        "FROM n, b WHERE n.lexeme <> b.lexeme) && !!(SELECT query FROM b)) "
        "AND d.class_id = ANY(CAST((SELECT ids FROM k) AS int[]))) END AS hits")


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
    conditions = [c for c in conditions if c != "TRUE"]
    where = " AND ".join(f"({c})" for c in conditions) or "TRUE"
    narrow = _narrow(conditions)

    rank = query = None
    if compiler.rank_queries:
        query = _joined(compiler.rank_queries, "||")
        rank = _rank("search_vector", query)
    order_by = compile_sort(params.get("sort"), rank)

    rows = max(0, _as_int(params.get("rows"), "rows", 10))
    start = max(0, _as_int(params.get("start"), "start", 0))
    fl = field_list(params.get("fl") or "*")  # Solr returns every stored field

    facet_fields: list[str] = []
    if str(params.get("facet", "false")).lower() == "true":
        facet_fields = list(dict.fromkeys(_as_list(params.get("facet.field"))))
    limit = _as_int(params.get("facet.limit"), "facet.limit", 50)
    mincount = _as_int(params.get("facet.mincount"), "facet.mincount", 1)

    if compiler.fields_used <= fields.CLASS_COLUMNS and set(facet_fields) <= fields.COUNTED_FACETS:
        count_sql = _counted_facets_sql(where, facet_fields, limit, mincount, binds)
    elif facet_fields:
        count_sql = _scanned_facets_sql(where, facet_fields, limit, mincount, binds)
    elif narrow is not None:
        count_sql = _narrow_count_sql(narrow)
    else:
        count_sql = f"SELECT count(*) AS hits FROM asmhub_search_doc d WHERE {where}"

    rows_sql = None
    if rows:
        columns = ["d.doc"]
        if any(f in fl for f in fields.BLOB_FIELDS + ("*",)):
            columns += [f"d.{blob}" for blob in fields.BLOB_FIELDS]
        first, _, rest = str(params.get("sort") or "").partition(",")
        if query and first.split() in (["score", "desc"], ["score", "DESC"]):
            then = compile_sort(rest, None)
            on_narrow = narrow is not None and columns_read(then) <= fields.TEXT_TABLE_COLUMNS
            rows_sql = _tiered_rows_sql(where, compiler.rank_queries, then, columns, rows, start,
                                        binds, narrow.where if on_narrow else None)
        else:
            columns.append(f"{rank or '0'} AS score")
            rows_sql = (f"SELECT {', '.join(columns)} FROM asmhub_search_doc d WHERE {where} "
                        f"ORDER BY {order_by} LIMIT {binds(rows)} OFFSET {binds(start)}")
    text_search = any(fields.is_text(name) for name in compiler.fields_used)
    return Statement(count_sql, rows_sql, binds.values, facet_fields, fl, rows, text_search)


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
