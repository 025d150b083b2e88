"""Query trees (``query_tree``) compiled to SQLAlchemy Core conditions.

A condition is compiled against one of the index's tables (its rows carry
the same column names): ``asmhub_search_doc`` (every field), the narrow
``asmhub_search_text`` (text columns), the per-class counts
``asmhub_search_count`` or the classes ``asmhub_search_class`` (class
columns). Every value from the request is a bound parameter; field names
choose columns or become bound JSON keys. A field's storage decides the
operator: exact columns compare with ``=``, lists with ``@>`` (GIN),
the dataset's list fields through ``facet_values`` (GIN), other fields by
JSONB containment, text through the weighted ``tsvector`` (GIN).
"""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from functools import reduce
from typing import Any, Callable

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, REGCONFIG, TSQUERY, TSVECTOR
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression

from . import fields
from . import query_tree as qt
from .query_tree import QuerySyntaxError

Text = sa.Text()
TextArray = ARRAY(sa.Text())


class Box(sa.types.UserDefinedType):
    """PostgreSQL's built-in ``box``."""
    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "box"


_TYPES: dict[str, Any] = {
    **{c: Text for c in fields.SCALAR_COLUMNS | {"title", "field", "value", "lexeme"}},
    **{c: TextArray for c in fields.ARRAY_COLUMNS | {"facet_values"}},
    **{c: sa.DateTime(timezone=True) for c in fields.DATE_COLUMNS},
    **{c: TSVECTOR() for c in ("search_vector", "title_vector", "title_a")},
    "doc": JSONB(), "data_dict": Text, "validated_data_dict": Text, "bbox": Box(),
    "class_id": sa.Integer(), "n": sa.BigInteger(),
}


def table(name: str, *columns: str) -> sa.TableClause:
    return sa.table(name, *(sa.column(c, _TYPES[c]) for c in columns))


_DOC_COLUMNS = (fields.SCALAR_COLUMNS | fields.ARRAY_COLUMNS | fields.DATE_COLUMNS
                | {"title", "doc", "data_dict", "validated_data_dict", "bbox", "search_vector",
                   "title_vector", "title_a", "facet_values"})
SEARCH_DOC = table("asmhub_search_doc", *sorted(_DOC_COLUMNS))
SEARCH_TEXT = table("asmhub_search_text", *sorted(fields.TEXT_TABLE_COLUMNS | {"class_id"}))
SEARCH_COUNT = table("asmhub_search_count", *sorted(fields.CLASS_COLUMNS | {"field", "value", "n"}))
SEARCH_CLASS = sa.table("asmhub_search_class", sa.column("id", sa.Integer()),
                        *(sa.column(c, _TYPES[c]) for c in sorted(fields.CLASS_COLUMNS)))
SEARCH_TERM = table("asmhub_search_term", "lexeme", "class_id", "n")

RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D, C, B, A: title above keywords above notes.
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_DATE_MATH = re.compile(r"^NOW((?:[+-]\d+(?:YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)S?)*)(?:/(DAY|HOUR|MONTH|YEAR))?$")
_DATE_STEP = re.compile(r"([+-])(\d+)(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)S?")


# -- SQL building blocks ----------------------------------------------------------------
def matches(vector: ColumnElement, query: ColumnElement) -> ColumnElement[bool]:
    return vector.op("@@", is_comparison=True)(query)


def tsquery_and(a: ColumnElement, b: ColumnElement) -> ColumnElement:
    return a.op("&&", return_type=TSQUERY())(b)


def tsquery_or(a: ColumnElement, b: ColumnElement) -> ColumnElement:
    return a.op("||", return_type=TSQUERY())(b)


def tsquery_not(a: ColumnElement) -> ColumnElement:
    return UnaryExpression(a.self_group(), operator=operators.custom_op("!!"), type_=TSQUERY())


def joined(queries: list[ColumnElement], combine: Callable) -> ColumnElement:
    return reduce(lambda a, b: combine(a.self_group(), b.self_group()), queries)


def rank(vector: ColumnElement, query: ColumnElement) -> ColumnElement:
    # ts_rank, not ts_rank_cd: cover density costs ~4 µs a row on an OR of a
    # word's language forms, ts_rank well under one.
    return sa.func.ts_rank(sa.literal(RANK_WEIGHTS), vector, query, sa.literal(1),
                           type_=sa.Float())


def doc_field(source: sa.FromClause, name: str) -> ColumnElement:
    """``doc -> name``: a field of the document, as JSONB."""
    return source.c.doc.op("->", return_type=JSONB())(sa.literal(name, Text))


def doc_values(source: sa.FromClause, name: str) -> ColumnElement:
    """A field's values in ``doc``, list or not, as a one-column table ``v``."""
    value = doc_field(source, name)
    listed = sa.case((sa.func.jsonb_typeof(value) == "array", value),
                     else_=sa.func.jsonb_build_array(value))
    return sa.func.jsonb_array_elements_text(listed, type_=Text).column_valued("v")


def _op(left: ColumnElement, op: str, right: ColumnElement) -> ColumnElement[bool]:
    return left.op(op, is_comparison=True)(right)


def _as_number(v: ColumnElement) -> ColumnElement:
    return sa.case((v.op("~", is_comparison=True)(r"^-?[0-9]+(\.[0-9]+)?$"),
                    sa.cast(v, sa.Numeric())))


def parse_date(value: str, now: datetime.datetime | None = None) -> datetime.datetime:
    """Solr dates: ISO 8601 or date maths such as ``NOW-7DAYS/DAY``."""
    try:
        return _parse_date(value, now)
    except (ValueError, OverflowError):  # NOW-99999999999YEARS: before year 1
        raise QuerySyntaxError(f"Date out of range {value[:100]!r}") from None


def _parse_date(value: str, now: datetime.datetime | None) -> datetime.datetime:
    now = now or datetime.datetime.now(datetime.timezone.utc)
    match = _DATE_MATH.match(value)
    if match:
        stamp = now
        for sign, amount, unit in _DATE_STEP.findall(match.group(1)):
            n = int(amount) * (1 if sign == "+" else -1)
            if unit == "YEAR":
                stamp = stamp.replace(year=stamp.year + n)
            elif unit == "MONTH":
                month = stamp.month - 1 + n
                stamp = stamp.replace(year=stamp.year + month // 12, month=month % 12 + 1, day=1)
            else:
                stamp += datetime.timedelta(**{unit.lower() + "s": n})
        rounding = match.group(2)
        if rounding:
            parts = {"YEAR": dict(month=1, day=1), "MONTH": dict(day=1), "DAY": {}, "HOUR": {}}
            stamp = stamp.replace(minute=0, second=0, microsecond=0, **parts[rounding])
            if rounding != "HOUR":
                stamp = stamp.replace(hour=0)
        return stamp
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    try:
        stamp = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise QuerySyntaxError(f"Invalid date {value[:100]!r}") from None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=datetime.timezone.utc)


def _like_escape(value: str) -> str:
    return re.sub(r"([%_\\])", r"\\\1", value)


def like_pattern(pattern: tuple) -> str:
    """A wildcard pattern as a LIKE pattern (``\\`` escapes)."""
    return "".join("%" if p is qt.Wild.MANY else "_" if p is qt.Wild.ONE else _like_escape(p)
                   for p in pattern)


# -- text queries ---------------------------------------------------------------------
@dataclass(frozen=True)
class TextQuery:
    """One text leaf's ``tsquery``: the words, a phrase, or a prefix."""
    kind: str  # "plain", "phrase" or "prefix"
    value: str

    def sql(self) -> ColumnElement:
        if self.kind == "plain":
            return sa.func.asmhub_plain_tsquery(sa.literal(self.value, Text), type_=TSQUERY())
        if self.kind == "phrase":
            return sa.func.asmhub_phrase_tsquery(sa.literal(self.value, Text), type_=TSQUERY())
        return sa.func.to_tsquery(sa.cast(sa.literal("asmhub_simple", Text), REGCONFIG()),
                                  sa.literal(self.value, Text), type_=TSQUERY())


def text_query(leaf: qt.Leaf, name: str) -> TextQuery | None:
    """The tsquery of a leaf on text field ``name``; None when it matches every value."""
    if isinstance(leaf, qt.Term):
        return TextQuery("plain", leaf.value)
    if isinstance(leaf, qt.Phrase):
        return TextQuery("phrase", leaf.value)
    if isinstance(leaf, qt.Prefix):
        tokens = qt.WORD.findall(leaf.value)
        if not tokens:
            raise QuerySyntaxError(f"Nothing to search for in {leaf.value[:100] + '*'!r}")
        return TextQuery("prefix", " & ".join(tokens[:-1] + [tokens[-1] + ":*"]))
    if isinstance(leaf, qt.Wildcard):
        raise QuerySyntaxError(
            f"Leading or inner wildcards are not supported on text field {name}; "
            "use a trailing one (word*)")
    return None


def rank_queries(node: qt.Node, default_field: str) -> list[TextQuery]:
    """The text queries a request's relevance is ranked on: its positive text leaves."""
    found = []
    for leaf, negated in qt.leaves(node):
        name = leaf.field or default_field
        if not negated and fields.is_text(name) and name not in fields.NGRAM_FIELDS:
            query = text_query(leaf, name)
            if query is not None:
                found.append(query)
    return found


# -- conditions -----------------------------------------------------------------------
@dataclass(eq=False)
class Condition:
    """A compiled condition, and the whole-vector text query it is, if it is one."""
    sql: ColumnElement[bool]
    whole: TextQuery | None = None  # sql is ``search_vector @@ whole``
    excluded: TextQuery | None = None  # sql is ``NOT (search_vector @@ excluded)``


class Compiler:
    """Compiles query trees against ``source`` (a table with the index's column names).

    :param tried_first: a smaller vector (``title_a``, ``title_vector``), part
        of the whole one, that every whole-vector match tries first: a match
        in it is a match, and the whole vector (2 kB, out of the row) is then
        not read.
    """

    def __init__(self, source: sa.FromClause, default_field: str = "text",
                 tried_first: str | None = None):
        self.d = source
        self.default_field = default_field
        self.tried_first = tried_first

    def where(self, node: qt.Node) -> ColumnElement[bool]:
        return self.condition(node).sql

    def columns(self, node: qt.Node) -> set[str]:
        """The columns of the source that compiling ``node`` reads, leaf by leaf.

        Not those of its condition: SQLAlchemy folds constants away
        (``x AND NOT *:*`` is ``false``), and the columns ``x`` reads, which
        compiling the tree against another table needs too, vanish with it.
        """
        return set().union(*(columns_read(self.leaf(leaf).sql, self.d)
                             for leaf, _ in qt.leaves(node)))

    def condition(self, node: qt.Node) -> Condition:
        if isinstance(node, qt.MatchAll):
            return Condition(sa.true())
        if isinstance(node, qt.Not):
            inner = self.condition(node.child)
            return Condition(sa.not_(inner.sql.self_group()), excluded=inner.whole)
        if isinstance(node, qt.And):
            return Condition(sa.and_(*self._merged([self.condition(c) for c in node.children])))
        if isinstance(node, qt.Or):
            return Condition(sa.or_(*(self.condition(c).sql for c in node.children)))
        return self.leaf(node)

    def _merged(self, parts: list[Condition]) -> list[ColumnElement[bool]]:
        """``a AND NOT b`` on the whole vector as one query, ``v @@ (a && !!b)``.

        The GIN index answers the merged query by itself; as two conditions,
        the NOT reads the 2 kB vector of every row that has ``a``. A word that
        is only a stop word makes an empty query, which matches nothing:
        merged, ``&&`` would drop it, so the merged condition keeps that as
        ``numnode(a) > 0`` (folded to a constant when the statement is planned).
        """
        included = next((p for p in parts if p.whole is not None), None)
        excluded = [p for p in parts if p.excluded is not None]
        if included is None or not excluded:
            return [p.sql for p in parts]
        query = reduce(tsquery_and, [included.whole.sql().self_group()]
                       + [tsquery_not(p.excluded.sql()) for p in excluded])
        merged = sa.and_(matches(self.d.c.search_vector, query.self_group()),
                         sa.func.numnode(included.whole.sql()) > 0)
        rest = [p.sql for p in parts
                if p is not included and all(p is not e for e in excluded)]
        return [merged.self_group(), *rest]

    # -- leaves ---------------------------------------------------------------------
    def leaf(self, leaf: qt.Leaf) -> Condition:
        name = leaf.field or self.default_field
        if isinstance(leaf, qt.Range):
            return Condition(self._range(name, leaf))
        if name in fields.NGRAM_FIELDS:
            return Condition(self._ngram(leaf, name))
        if name == "bbox":
            return Condition(self._bbox(leaf))
        if fields.is_text(name):
            return self._text(name, leaf)
        if isinstance(leaf, qt.Exists):
            return Condition(self._exists(name))
        if fields.is_date(name):
            if not isinstance(leaf, (qt.Term, qt.Phrase)):
                raise QuerySyntaxError(f"Wildcards are not supported on date field {name}")
            return Condition(self._compare(name, "=", parse_date(leaf.value)))
        if isinstance(leaf, qt.Prefix):
            return Condition(self._like(name, _like_escape(leaf.value) + "%"))
        if isinstance(leaf, qt.Wildcard):
            return Condition(self._like(name, like_pattern(leaf.pattern)))
        return Condition(self._equals(name, leaf.value))

    def _ngram(self, leaf: qt.Leaf, name: str) -> ColumnElement[bool]:
        if isinstance(leaf, (qt.Term, qt.Phrase)):
            value = leaf.value
        elif isinstance(leaf, qt.Prefix):
            value = leaf.value + "*"
        elif isinstance(leaf, qt.Wildcard):
            value = "".join(p.value if isinstance(p, qt.Wild) else p for p in leaf.pattern)
        else:
            value = "*"
        column = self.d.c[fields.NGRAM_FIELDS[name]]
        return column.ilike(sa.literal("%" + _like_escape(value) + "%", Text))

    def _text(self, name: str, leaf: qt.Leaf) -> Condition:
        query = text_query(leaf, name)
        if query is None:  # field:*
            return Condition(sa.true() if name == "text" else self._exists(name))
        if name == "text":
            return Condition(self._whole(query), whole=query)
        if name == "title":
            return Condition(matches(self.d.c.title_a, query.sql()))  # the title's own vector (A)
        if name == "notes":
            in_notes = matches(sa.func.ts_filter(self.d.c.search_vector, sa.literal("{c}"),
                                                 type_=TSVECTOR()), query.sql())
            return Condition(sa.and_(self._whole(query), in_notes).self_group())
        values = doc_values(self.d, name)
        own = sa.func.asmhub_tsvector(sa.func.coalesce(
            sa.select(sa.func.string_agg(values, sa.literal(" "))).scalar_subquery(),
            sa.literal("")), type_=TSVECTOR())
        return Condition(matches(own, query.sql()).self_group())

    def _whole(self, query: TextQuery) -> ColumnElement[bool]:
        match = matches(self.d.c.search_vector, query.sql())
        if self.tried_first is None:
            return match
        return sa.or_(matches(self.d.c[self.tried_first], query.sql()), match).self_group()

    def _exists(self, name: str) -> ColumnElement[bool]:
        if name in fields.ARRAY_COLUMNS:
            return sa.func.cardinality(self.d.c[name]) > 0
        if name in fields.SCALAR_COLUMNS or name in fields.DATE_COLUMNS:
            return self.d.c[name].is_not(None)
        empty = [sa.cast(sa.literal(v, Text), JSONB) for v in ("null", '""', "[]")]
        return sa.and_(self.d.c.doc.has_key(sa.literal(name, Text)),
                       doc_field(self.d, name).not_in(empty)).self_group()

    def _equals(self, name: str, value: str) -> ColumnElement[bool]:
        if name in fields.SCALAR_COLUMNS:
            return self.d.c[name] == sa.literal(value, Text)
        if name in fields.ARRAY_COLUMNS:
            return self.d.c[name].contains(sa.cast(sa.literal([value], TextArray), TextArray))
        if name in fields.doc_facets():
            return self.d.c.facet_values.contains(
                sa.cast(sa.literal([f"{name}={value}"], TextArray), TextArray))
        variants: list[Any] = [value]
        if _NUMBER.match(value):
            variants.append(float(value) if "." in value else int(value))
        if value in ("true", "false"):
            variants.append(value == "true")
        tests = [self.d.c.doc.contains(sa.cast(sa.literal(json.dumps({name: shape}), Text), JSONB))
                 for variant in variants for shape in (variant, [variant])]
        return sa.or_(*tests).self_group()

    def _values(self, name: str) -> ColumnElement:
        """The values of a list field, as a one-column table ``v``."""
        if name in fields.ARRAY_COLUMNS:
            return sa.func.unnest(self.d.c[name], type_=Text).column_valued("v")
        return doc_values(self.d, name)

    def _like(self, name: str, pattern: str) -> ColumnElement[bool]:
        if name in fields.SCALAR_COLUMNS:
            return self.d.c[name].like(sa.literal(pattern, Text))
        v = self._values(name)
        return sa.exists().where(v.like(sa.literal(pattern, Text)))

    def _compare(self, name: str, op: str, value: Any) -> ColumnElement[bool]:
        """``name op value`` for one bound; numbers compare as numbers."""
        if name in fields.DATE_COLUMNS:
            return _op(self.d.c[name], op, sa.literal(value, sa.DateTime(timezone=True)))
        if name in fields.SCALAR_COLUMNS:
            element = _as_number(self.d.c[name]) if isinstance(value, float) else self.d.c[name]
            return _op(element, op, sa.literal(value)).is_(True)
        v = self._values(name)
        if fields.is_date(name):
            element = sa.cast(v, sa.DateTime(timezone=True))
            value = sa.literal(value, sa.DateTime(timezone=True))
        else:
            element = _as_number(v) if isinstance(value, float) else v
            value = sa.literal(value)
        return sa.exists().where(_op(element, op, value))

    def _range(self, name: str, leaf: qt.Range) -> ColumnElement[bool]:
        if fields.is_text(name) and name != "text":
            raise QuerySyntaxError(f"Ranges are not supported on text field {name}")
        bounds = [(b, op) for b, op in ((leaf.low, ">=" if leaf.include_low else ">"),
                                        (leaf.high, "<=" if leaf.include_high else "<"))
                  if b is not None]
        if not bounds:
            return self._exists(name)
        dated = fields.is_date(name)
        numeric = all(_NUMBER.match(b) for b, _ in bounds)
        if dated or name in fields.SCALAR_COLUMNS or not numeric:
            return sa.and_(*(self._compare(name, op, parse_date(b) if dated else
                                           float(b) if numeric else b)
                             for b, op in bounds)).self_group()
        # Multi-valued numbers: one value must sit inside both bounds.
        element = _as_number(self._values(name))
        return sa.exists().where(*(_op(element, op, sa.literal(float(b))) for b, op in bounds))

    def _bbox(self, leaf: qt.Leaf) -> ColumnElement[bool]:
        """``bbox:"minx,miny,maxx,maxy"``: datasets whose extent overlaps the box.

        A box whose minx is east of its maxx crosses the antimeridian and is
        searched as its two halves.
        """
        value = getattr(leaf, "value", None)
        try:
            minx, miny, maxx, maxy = (float(v) for v in str(value).split(","))
        except ValueError:
            raise QuerySyntaxError(f"Invalid bounding box {str(value)[:100]!r}") from None
        if not (-90 <= miny <= maxy <= 90):
            raise QuerySyntaxError(f"Invalid bounding box {value!r}: latitudes out of order or range")
        boxes = [(minx, maxx)] if minx <= maxx else [(minx, 180.0), (-180.0, maxx)]
        return sa.or_(*(self.d.c.bbox.op("&&", is_comparison=True)(
            sa.cast(sa.literal(f"({x2},{maxy}),({x1},{miny})", Text), Box()))
            for x1, x2 in boxes)).self_group()


def columns_read(condition: ColumnElement, source: sa.FromClause) -> set[str]:
    """The columns of ``source`` a compiled condition reads (its own subqueries included)."""
    return {element.name for element in sa.sql.visitors.iterate(condition)
            if isinstance(element, sa.sql.elements.ColumnClause)
            and getattr(element, "table", None) is source}


# -- sort ------------------------------------------------------------------------------
def order_by(keys: list[qt.SortKey], source: sa.FromClause,
             score: ColumnElement | None) -> list[ColumnElement]:
    """Sort keys as ORDER BY clauses, ending with the row's key (a stable order)."""
    clauses = []
    for key in keys:
        name = key.field
        if name == "score":
            if score is not None:
                clauses.append(score.desc() if key.descending else score.asc())
            continue
        if name in fields.ARRAY_COLUMNS or (fields.is_text(name) and name != "title"):
            raise qt.SortError(f"Can't determine a Sort Order: cannot sort on field {name!r}")
        if name in fields.SCALAR_COLUMNS or name in fields.DATE_COLUMNS:
            column = source.c[name]
        elif name == "title":
            column = sa.func.lower(source.c.title)
        else:
            column = doc_field(source, name)
        clauses.append((column.desc() if key.descending else column.asc()).nulls_last())
    clauses.append(source.c.index_id.asc())
    return clauses


def sort_columns(keys: list[qt.SortKey]) -> set[str]:
    """The columns a sort reads besides the score."""
    read = {"index_id"}
    for key in keys:
        if key.field == "score":
            continue
        if key.field in fields.SCALAR_COLUMNS or key.field in fields.DATE_COLUMNS or key.field == "title":
            read.add(key.field)
        else:
            read.add("doc")
    return read
