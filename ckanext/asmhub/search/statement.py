"""Build the SQL for one Solr-style search request.

``q`` and each ``fq`` are parsed once into query trees (``query_tree``) and
compiled to SQLAlchemy Core (``compile``); a request becomes two statements
over ``asmhub_search_doc AS d``: one for the hit count and the facet counts,
one for the requested page of documents. Counts come from a single pass over
the matching rows or, when the request filters on class columns only (the
empty query), from the per-class counts the database keeps in
``asmhub_search_count``. A request made of text terms and class filters is
counted, and its best matches found, in the narrow ``asmhub_search_text``.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.sql.elements import ColumnElement

from ckan import model

from . import compile as c
from . import fields
from . import query_tree as qt
from .query_tree import QuerySyntaxError

TextArray = c.TextArray


def _as_int(value: Any, name: str, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise QuerySyntaxError(f"{name} must be an integer, not {str(value)[:100]!r}") from None


def _as_list(value: Any) -> list[str]:
    """A list parameter: a list, a JSON list in a string, or one value.

    A string that is not a JSON list is one value, as it came: ``[* TO 5]``
    is a range, and ``tin\\ `` ends with an escaped space.
    """
    if value is None:
        return []
    if isinstance(value, str):
        if value.strip().startswith("["):
            try:
                listed = json.loads(value)
                if isinstance(listed, list):
                    return [str(v) for v in listed]
            except (ValueError, RecursionError):  # not JSON, or "[[[[…" past Python's stack
                pass
        return [value] if value.strip() else []
    return [str(v) for v in value]


def field_list(fl: Any) -> list[str]:
    """``fl`` as core sends it: ``"id validated_data_dict"``, ``"name,title"`` or a list."""
    text = " ".join(fl) if isinstance(fl, (list, tuple)) else str(fl or "")
    return [f for f in re.split(r"[\s,]+", text) if f]


@dataclass
class Statement:
    count: sa.Select
    rows_query: sa.Select | None
    facet_fields: list[str] = field(default_factory=list)
    fl: list[str] = field(default_factory=list)
    rows: int = 10
    # The request matches text: its statements should find rows through the
    # GIN indexes, never by reading every row's search vector (see connection).
    text_search: bool = False

    # The statements as PostgreSQL text with placeholders, and the values bound
    # to them: to read, and to key the cache (connection._run). They are never
    # parsed back nor run as text.
    @functools.cached_property
    def count_sql(self) -> str:
        return str(self._count_compiled)

    @functools.cached_property
    def rows_sql(self) -> str | None:
        return None if self.rows_query is None else str(self._rows_compiled)

    @functools.cached_property
    def binds(self) -> dict[str, Any]:
        values = dict(self._count_compiled.params)
        if self.rows_query is not None:
            values.update({f"rows:{k}": v for k, v in self._rows_compiled.params.items()})
        return values

    @functools.cached_property
    def _count_compiled(self) -> Any:
        return _compiled(self.count)

    @functools.cached_property
    def _rows_compiled(self) -> Any:
        return _compiled(self.rows_query)


def _compiled(query: sa.Select) -> Any:
    return query.compile(dialect=postgresql.psycopg2.dialect())


def explain(query: sa.Select) -> list[str]:
    """PostgreSQL's plan for ``query``, one line a row (tests and bench/)."""
    compiled = _compiled(query)
    return [row[0] for row in model.Session.connection().exec_driver_sql(
        "EXPLAIN " + str(compiled), compiled.params)]


# -- facets ------------------------------------------------------------------------------
def _facet_json(counted: sa.Subquery, limit: int, mincount: int) -> ColumnElement:
    """The ``[[value, count], ...]`` JSON of one facet from ``counted`` rows (v, c)."""
    top = (sa.select(counted.c.v, counted.c.c).where(counted.c.c >= mincount)
           .order_by(counted.c.c.desc(), counted.c.v))
    if limit >= 0:
        top = top.limit(limit)
    s = top.subquery("s")
    pairs = sa.func.json_agg(aggregate_order_by(sa.func.json_build_array(s.c.v, s.c.c),
                                                s.c.c.desc(), s.c.v))
    return sa.select(sa.func.coalesce(pairs, sa.literal("[]"))).scalar_subquery()


def _facet_counts(m: sa.CTE, name: str) -> sa.Subquery:
    """``name`` counted per value over the matching rows ``m``."""
    if not qt.FIELD_NAME.match(name):
        raise QuerySyntaxError(f"Invalid facet field {name[:100]!r}")
    count = sa.func.count().label("c")
    if name in fields.ARRAY_COLUMNS:
        v = sa.func.unnest(m.c[name], type_=c.Text).column_valued("v")
        query = sa.select(v.label("v"), count).select_from(m).where(v.is_not(None)).group_by(v)
    elif name in fields.SCALAR_COLUMNS:
        query = (sa.select(m.c[name].label("v"), count).where(m.c[name].is_not(None))
                 .group_by(m.c[name]))
    elif name in fields.DATE_COLUMNS:
        value = sa.func.to_char(sa.func.timezone("UTC", m.c[name]), 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        query = sa.select(value.label("v"), count).where(m.c[name].is_not(None)).group_by(value)
    elif name in fields.doc_facets():
        # "field=value" strings kept in the row: the document (2 kB, out of
        # line) is not read for them.
        v = sa.func.unnest(m.c.facet_values, type_=c.Text).column_valued("v")
        value = sa.func.substr(v, len(name) + 2)
        query = (sa.select(value.label("v"), count).select_from(m)
                 .where(v.like(c._like_escape(name) + "=%")).group_by(value))
    else:
        v = c.doc_values(m, name)
        query = sa.select(v.label("v"), count).select_from(m).where(v.is_not(None)).group_by(v)
    return query.subquery("t")


def _scanned_facets(where: ColumnElement, d: sa.FromClause, facet_fields: list[str],
                    limit: int, mincount: int) -> sa.Select:
    """Hits and facets counted over the matching rows ``where`` of ``d``, in one pass."""
    in_row = fields.ARRAY_COLUMNS | fields.SCALAR_COLUMNS | fields.DATE_COLUMNS
    doc_facets = fields.doc_facets()
    needed = {"index_id"} | {
        name if name in in_row else "facet_values" if name in doc_facets else "doc"
        for name in facet_fields}
    m = (sa.select(*(d.c[n] for n in sorted(needed))).where(where)
         .cte("m").prefix_with("MATERIALIZED"))
    parts = [sa.select(sa.func.count()).select_from(m).scalar_subquery().label("hits")]
    for i, name in enumerate(facet_fields):
        parts.append(_facet_json(_facet_counts(m, name), limit, mincount).label(f"f{i}"))
    return sa.select(*parts)


def _counted_facets(where: ColumnElement, d: sa.FromClause, facet_fields: list[str],
                    limit: int, mincount: int) -> sa.Select:
    """Hits and facets summed from the per-class counts ``where`` selects.

    ``where`` reads class columns only, which the counts table has too, so it
    selects exactly the classes of the matching rows.
    """
    wanted = sa.cast(sa.literal(["", *facet_fields], TextArray), TextArray)
    total = sa.cast(sa.func.sum(d.c.n), sa.BigInteger())
    k = (sa.select(d.c.field, d.c.value, total.label("c"))
         .where(d.c.field == sa.any_(wanted), where)
         .group_by(d.c.field, d.c.value).having(sa.func.sum(d.c.n) > 0)
         .cte("k").prefix_with("MATERIALIZED"))
    hits = sa.select(sa.cast(sa.func.coalesce(sa.func.sum(k.c.c), 0), sa.BigInteger())) \
        .where(k.c.field == "").scalar_subquery()
    parts = [hits.label("hits")]
    for i, name in enumerate(facet_fields):
        counted = sa.select(k.c.value.label("v"), k.c.c).where(k.c.field == name).subquery("t")
        parts.append(_facet_json(counted, limit, mincount).label(f"f{i}"))
    return sa.select(*parts)


# -- the narrow text table --------------------------------------------------------------
@dataclass
class _Narrow:
    """A request ``asmhub_search_text`` can answer: text conditions and a class filter."""
    text: list[qt.Node]
    classes: list[qt.Node]

    def class_ids(self, default_field: str) -> ColumnElement:
        """The class numbers the request's class conditions select."""
        classes = c.SEARCH_CLASS.alias("c")
        compiler = c.Compiler(classes, default_field)
        return sa.func.array(sa.select(classes.c.id).where(
            sa.true(), *(compiler.where(n) for n in self.classes)).scalar_subquery(),
            type_=postgresql.ARRAY(sa.Integer()))

    def where(self, d: sa.FromClause, default_field: str,
              tried_first: str | None = None) -> ColumnElement:
        compiler = c.Compiler(d, default_field, tried_first)
        return sa.and_(*(compiler.where(n) for n in self.text),
                       d.c.class_id == sa.any_(self.class_ids(default_field)))


def _narrow(trees: list[qt.Node], default_field: str) -> _Narrow | None:
    """The request's conditions split for the narrow table, when they allow it.

    They do when each reads either text columns the narrow table has or class
    columns only, and at least one is text.
    """
    d = c.SEARCH_DOC.alias("d")
    compiler = c.Compiler(d, default_field)
    text, classes = [], []
    for tree in trees:
        read = compiler.columns(tree)
        if read <= fields.CLASS_COLUMNS:
            classes.append(tree)
        elif read <= fields.TEXT_TABLE_COLUMNS:
            text.append(tree)
        else:
            return None
    return _Narrow(text, classes) if text else None


def _one_word(narrow: _Narrow, default_field: str) -> str | None:
    """The word, when the request's text is one plain word on the whole vector."""
    if len(narrow.text) != 1:
        return None
    tree = narrow.text[0]
    if isinstance(tree, qt.Term) and (tree.field or default_field) == "text":
        return tree.value
    return None


def _narrow_count(narrow: _Narrow, default_field: str) -> sa.Select:
    """The hit count of a request the narrow table answers.

    A single word is counted as a union: the rows with its most common form
    (summed from ``asmhub_search_term``), plus those with another form but
    not that one, which the GIN index finds without visiting the others
    (migration 0009). Anything else, or a word that some language makes more
    than one lexeme of, is counted over its matching rows.
    """
    d = c.SEARCH_TEXT.alias("d")
    matching = (sa.select(sa.func.count()).select_from(d)
                .where(narrow.where(d, default_field)).scalar_subquery())
    word = _one_word(narrow, default_field)
    if word is None:
        return sa.select(matching.label("hits"))
    forms = sa.func.asmhub_word_forms(sa.literal(word, c.Text)).table_valued(
        sa.column("lexeme", c.Text), sa.column("query", c.TSQUERY()))
    f = sa.select(forms.c.lexeme, forms.c.query).cte("f").prefix_with("MATERIALIZED")
    k = (sa.select(narrow.class_ids(default_field).label("ids"))
         .cte("k").prefix_with("MATERIALIZED"))
    t = c.SEARCH_TERM.alias("t")
    per_form = (sa.select(sa.func.coalesce(sa.func.sum(t.c.n), 0))
                .where(t.c.lexeme == f.c.lexeme, t.c.class_id == sa.any_(k.c.ids))
                .scalar_subquery())
    n = (sa.select(f.c.lexeme, f.c.query, per_form.label("n")).select_from(f, k)
         .cte("n").prefix_with("MATERIALIZED"))
    b = (sa.select(n).order_by(n.c.n.desc(), n.c.lexeme).limit(1)
         .cte("b").prefix_with("MATERIALIZED"))
    nb = n.alias("n2")
    others = sa.select(sa.cast(sa.func.string_agg(
        sa.literal("(") + sa.cast(nb.c.query, c.Text) + sa.literal(")"), sa.literal(" | ")),
        c.TSQUERY())).select_from(nb, b).where(nb.c.lexeme != b.c.lexeme).scalar_subquery()
    commonest = sa.select(b.c.query).scalar_subquery()
    d2 = c.SEARCH_TEXT.alias("d")
    rest = (sa.select(sa.func.count()).select_from(d2).where(
        c.matches(d2.c.search_vector, c.tsquery_and(others.self_group(),
                                                    c.tsquery_not(commonest))),
        d2.c.class_id == sa.any_(sa.cast(sa.select(k.c.ids).scalar_subquery(),
                                         postgresql.ARRAY(sa.Integer()))))
        .scalar_subquery())
    hits = sa.case((~sa.exists(sa.select(f.c.lexeme)), matching),
                   else_=sa.select(b.c.n).scalar_subquery() + rest)
    return sa.select(hits.label("hits"))


# -- ranked pages ------------------------------------------------------------------------
def _tiered_rows(trees: list[qt.Node], default_field: str, words: list[c.TextQuery],
                 then: list[qt.SortKey], blobs: bool, rows: int, start: int,
                 narrow: _Narrow | None) -> sa.Select:
    """The best-ranked page, without ranking every match of a common word.

    Matches come in tiers: rows with every word of the query in the title
    (``title_a``), then in the title and keywords (``title_vector``: tags,
    organisation, minerals, countries...), then the rest. Each tier is ranked
    on that vector (the last on the whole one: description above resources)
    and only looked at when the ones above it do not fill the page, so a
    common word ranks its title matches only, and the request's conditions
    hold for a first-tier row without reading its whole vector. Every
    whole-vector match of a tier is tried first on its smaller vector (a part
    of the whole one). The first tier reads the narrow ``asmhub_search_text``
    when the request allows (``narrow``).
    """
    need = start + rows

    def query():
        return c.joined([w.sql() for w in words], c.tsquery_or)

    def every():
        return c.joined([w.sql() for w in words], c.tsquery_and).self_group()

    def where(d, tried_first=None):
        compiler = c.Compiler(d, default_field, tried_first)
        return sa.and_(*(compiler.where(t) for t in trees))

    doc = [c.SEARCH_DOC.alias("d") for _ in range(3)]
    first = c.SEARCH_TEXT.alias("d") if narrow is not None else doc[0]
    first_where = (narrow.where(first, default_field, "title_a") if narrow is not None
                   else where(first, "title_a"))
    tiers = [
        (first, "title_a", [c.matches(first.c.title_a, every()), first_where]),
        (doc[1], "title_vector", [c.matches(doc[1].c.title_vector, every()),
                                  sa.not_(c.matches(doc[1].c.title_a, every())),
                                  where(doc[1], "title_vector")]),
        (doc[2], "search_vector", [where(doc[2]),
                                   sa.not_(c.matches(doc[2].c.title_vector, every()))]),
    ]
    ctes = []
    for i, (d, vector, conditions) in enumerate(tiers):
        if ctes:
            above = sum((sa.select(sa.func.count()).select_from(t).scalar_subquery()
                         for t in ctes[1:]),
                        sa.select(sa.func.count()).select_from(ctes[0]).scalar_subquery())
            conditions = [*conditions, above < need]
        score = c.rank(d.c[vector], query()).label("score")
        ctes.append(sa.select(d.c.index_id, sa.literal(len(tiers) - i).label("tier"), score)
                    .where(*conditions)
                    .order_by(score.desc(), *c.order_by(then, d, None)).limit(need)
                    .cte(f"t{i}").prefix_with("MATERIALIZED"))
    p = sa.union_all(*(sa.select(t) for t in ctes)).subquery("p")
    d = c.SEARCH_DOC.alias("d")
    columns = [d.c.doc] + ([d.c[b] for b in fields.BLOB_FIELDS] if blobs else [])
    return (sa.select(*columns, p.c.score).select_from(p.join(d, d.c.index_id == p.c.index_id))
            .order_by(p.c.tier.desc(), p.c.score.desc(), *c.order_by(then, d, None))
            .limit(rows).offset(start))


def build(params: dict[str, Any]) -> Statement:
    default_and = str(params.get("q.op", "AND")).upper() != "OR"
    default_field = params.get("df") or "text"
    if not isinstance(default_field, str) or not qt.FIELD_NAME.match(default_field):
        raise QuerySyntaxError(f"Invalid default field {str(default_field)[:100]!r}")
    free_text = params.get("defType") in ("dismax", "edismax")
    q = qt.parse(str(params.get("q") or ""), default_and=default_and, free_text=free_text)
    # fq clauses filter; they never add to the relevance score.
    fqs = [qt.parse(fq, default_and=default_and)
           for fq in _as_list(params.get("fq")) + _as_list(params.get("fq_list"))]
    trees = [t for t in [q, *fqs] if not isinstance(t, qt.MatchAll)]
    fields_used = set().union(*(qt.fields_read(t, default_field) for t in trees))
    words = c.rank_queries(q, default_field)

    d = c.SEARCH_DOC.alias("d")
    compiler = c.Compiler(d, default_field)
    where = sa.and_(sa.true(), *(compiler.where(t) for t in trees))
    narrow = _narrow(trees, default_field)

    score = None
    if words:
        score = c.rank(d.c.search_vector, c.joined([w.sql() for w in words], c.tsquery_or))
    sort = qt.parse_sort(params.get("sort"))
    order_by = c.order_by(sort, d, score)

    rows = max(0, _as_int(params.get("rows"), "rows", 10))
    start = max(0, _as_int(params.get("start"), "start", 0))
    fl = field_list(params.get("fl") or "*")  # Solr returns every stored field

    facet_fields: list[str] = []
    if str(params.get("facet", "false")).lower() == "true":
        facet_fields = list(dict.fromkeys(_as_list(params.get("facet.field"))))
    limit = _as_int(params.get("facet.limit"), "facet.limit", 50)
    mincount = _as_int(params.get("facet.mincount"), "facet.mincount", 1)

    if fields_used <= fields.CLASS_COLUMNS and set(facet_fields) <= fields.counted_facets():
        k = c.SEARCH_COUNT.alias("d")
        class_where = sa.and_(sa.true(), *(c.Compiler(k, default_field).where(t) for t in trees))
        count = _counted_facets(class_where, k, facet_fields, limit, mincount)
    elif facet_fields:
        count = _scanned_facets(where, d, facet_fields, limit, mincount)
    elif narrow is not None:
        count = _narrow_count(narrow, default_field)
    else:
        count = sa.select(sa.func.count().label("hits")).select_from(d).where(where)

    rows_query = None
    if rows:
        blobs = any(f in fl for f in fields.BLOB_FIELDS + ("*",))
        if words and sort and sort[0] == qt.SortKey("score", True):
            then = sort[1:]
            on_narrow = narrow is not None and c.sort_columns(then) <= fields.TEXT_TABLE_COLUMNS
            rows_query = _tiered_rows(trees, default_field, words, then, blobs, rows, start,
                                      narrow if on_narrow else None)
        else:
            columns = [d.c.doc] + ([d.c[b] for b in fields.BLOB_FIELDS] if blobs else [])
            score_column = (score if score is not None else sa.literal(0)).label("score")
            rows_query = (sa.select(*columns, score_column).where(where)
                          .order_by(*order_by).limit(rows).offset(start))
    text_search = any(fields.is_text(name) for name in fields_used)
    return Statement(count, rows_query, facet_fields, fl, rows, text_search)


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
