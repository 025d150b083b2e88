"""Translate Solr/Lucene query syntax (``q``, ``fq``, ``sort``) into SQL.

The output is SQL text with named bind parameters: no query text ever reaches
the database as SQL. Syntax we cannot answer faithfully (fuzzy, proximity,
regular expressions, local parameters, wildcards inside words of tokenised
fields) raises :class:`QuerySyntaxError`, which the connection turns into the
``SolrError`` CKAN already maps to a search error (HTTP 409).
"""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from typing import Any

from luqum import tree
from luqum.exceptions import ParseError
from luqum.thread import parse as _luqum_parse

from . import fields


class QuerySyntaxError(ValueError):
    """The query uses syntax this backend does not support."""


class SortError(QuerySyntaxError):
    """The sort parameter cannot be understood."""


FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-.]*$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_DATE_MATH = re.compile(r"^NOW((?:[+-]\d+(?:YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)S?)*)(?:/(DAY|HOUR|MONTH|YEAR))?$")
_DATE_STEP = re.compile(r"([+-])(\d+)(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)S?")
_TOKEN = re.compile(r"\w+", re.UNICODE)
# A term matched on the whole vector, as ``_text_match`` writes it (the query
# is a bind placeholder, never text from the request), and its negation.
WHOLE_MATCH = re.compile(r"d\.search_vector @@ ((?:asmhub_plain_tsquery|asmhub_phrase_tsquery)"
                         r"\(:p\d+\)|to_tsquery\('asmhub_simple', :p\d+\))")
_EXCLUDED = re.compile(rf"NOT \({WHOLE_MATCH.pattern}\)")


@dataclass
class Binds:
    """Collects bind parameters and hands out their placeholders."""
    values: dict[str, Any] = field(default_factory=dict)

    def __call__(self, value: Any) -> str:
        if isinstance(value, str) and "\x00" in value:
            raise QuerySyntaxError("A query cannot contain NUL (0x00) characters")
        name = f"p{len(self.values)}"
        self.values[name] = value
        return f":{name}"


@dataclass
class Compiled:
    where: str
    rank_queries: list[str]


# Bounds on what one query may ask: a search page or an API client needs far less,
# and a query of thousands of words or parentheses costs seconds of CPU for nothing.
MAX_QUERY_CHARACTERS = 2000
MAX_QUERY_TERMS = 64
MAX_QUERY_DEPTH = 16


def _depth(text: str) -> int:
    """How deeply parentheses nest, outside quoted phrases and escapes."""
    depth = deepest = 0
    quoted = escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif not quoted and char == ")":
            depth = max(depth - 1, 0)
    return deepest


def check_size(text: str) -> None:
    """Refuse a query too long, with too many terms or nested too deep (a clear 409)."""
    if len(text) > MAX_QUERY_CHARACTERS:
        raise QuerySyntaxError(f"A query may have at most {MAX_QUERY_CHARACTERS} characters")
    if len(_TOKEN.findall(text)) > MAX_QUERY_TERMS:
        raise QuerySyntaxError(f"A query may have at most {MAX_QUERY_TERMS} terms")
    if _depth(text) > MAX_QUERY_DEPTH:
        raise QuerySyntaxError(f"Parentheses in a query may nest at most {MAX_QUERY_DEPTH} deep")


def parse(text: str) -> tree.Item:
    try:
        return _luqum_parse(text)
    except (ParseError, ValueError, TypeError, RecursionError) as error:
        raise QuerySyntaxError(f"Cannot parse query {text[:200]!r}: {type(error).__name__}") from None


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


def _has_wildcard(value: str) -> bool:
    return bool(re.search(r"(?<!\\)[*?]", value))


def _like_pattern(value: str) -> str:
    """A Lucene wildcard term as a LIKE pattern (``\\`` escapes)."""
    out = []
    i = 0
    while i < len(value):
        char = value[i]
        if char == "\\" and i + 1 < len(value):
            i += 1
            out.append(re.sub(r"([%_\\])", r"\\\1", value[i]))
        elif char == "*":
            out.append("%")
        elif char == "?":
            out.append("_")
        else:
            out.append(re.sub(r"([%_\\])", r"\\\1", char))
        i += 1
    return "".join(out)


def _range_bound(node: tree.Item) -> str | None:
    """A range bound's value, or None for an open one (``*``).

    Solr reads ``["a" TO "b"]`` as ``[a TO b]``; a quoted ``"*"`` is the
    character itself, not an open bound.
    """
    if isinstance(node, tree.Phrase):
        return _unescape(node.value[1:-1])
    value = str(getattr(node, "value", node))
    return None if value == "*" else _unescape(value)


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
        raise QuerySyntaxError(f"Invalid date {value!r}") from None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=datetime.timezone.utc)


def doc_values(field_name: str, alias: str = "d") -> str:
    """A set-returning expression over a JSONB field's values, list or not."""
    assert FIELD_NAME.match(field_name), field_name
    value = f"{alias}.doc->'{field_name}'"
    return (f"jsonb_array_elements_text(CASE jsonb_typeof({value}) WHEN 'array' THEN {value} "
            f"ELSE jsonb_build_array({value}) END)")


def _merge_exclusions(parts: list[str]) -> list[str]:
    """``a AND NOT b`` on the whole vector as one query, ``v @@ (a && !!b)``.

    The GIN index answers the merged query by itself; as two conditions, the
    NOT reads the 2 kB vector of every row that has ``a``. A word that is only
    a stop word makes an empty query, which matches nothing: merged, ``&&``
    would drop it, so the merged condition keeps that as ``numnode(a) > 0``
    (folded to a constant when the statement is planned).
    """
    included = next((m for m in map(WHOLE_MATCH.fullmatch, parts) if m), None)
    excluded = [m for m in map(_EXCLUDED.fullmatch, parts) if m]
    if included is None or not excluded:
        return parts
    query = " && ".join([f"({included[1]})", *(f"!!({m[1]})" for m in excluded)])
    merged = f"(d.search_vector @@ ({query}) AND numnode({included[1]}) > 0)"
    replaced = {included[0], *(m[0] for m in excluded)}
    return [merged, *(p for p in parts if p not in replaced)]


class Compiler:
    """Compiles parsed Lucene trees against ``asmhub_search_doc AS d``."""

    def __init__(self, binds: Binds, default_field: str = "text", default_and: bool = True):
        self.bind = binds
        self.default_field = default_field
        self.default_and = default_and
        self.rank_queries: list[str] = []
        self.fields_used: set[str] = set()  # every field a compiled clause reads

    # -- entry points -------------------------------------------------------
    def compile(self, text: str, *, free_text: bool = False) -> str:
        text = (text or "").strip()
        if text in ("", "*:*", "*"):
            return "TRUE"
        if text.startswith("{!"):
            raise QuerySyntaxError("Solr local parameters ({!...}) are not supported")
        check_size(text)
        try:
            node = parse(text)
        except QuerySyntaxError:
            if not free_text:
                raise
            # Free text that is not valid Lucene (``C++ (mining``): search its words.
            words = " ".join(_TOKEN.findall(text))
            self.fields_used.add("text")
            return self._text_match("text", f"asmhub_plain_tsquery({self.bind(words)})")
        return self._node(node, None, negated=False)

    # -- tree walk ----------------------------------------------------------
    def _node(self, node: tree.Item, field_name: str | None, negated: bool) -> str:
        if isinstance(node, tree.SearchField):
            name = node.name
            if name == "*" and not (isinstance(node.expr, tree.Word) and node.expr.value == "*"):
                raise QuerySyntaxError("'*' as a field name only works as *:*")
            if name != "*" and not FIELD_NAME.match(name):
                raise QuerySyntaxError(f"Invalid field name {name!r}")
            return self._node(node.expr, name, negated)
        if isinstance(node, (tree.Group, tree.FieldGroup)):
            return self._node(node.expr, field_name, negated)
        if isinstance(node, tree.AndOperation):
            return self._join(node, field_name, negated, " AND ")
        if isinstance(node, tree.OrOperation):
            return self._join(node, field_name, negated, " OR ")
        if isinstance(node, tree.UnknownOperation):
            return self._join(node, field_name, negated, " AND " if self.default_and else " OR ")
        if isinstance(node, (tree.Not, tree.Prohibit)):
            return f"NOT ({self._node(node.a, field_name, not negated)})"
        if isinstance(node, tree.Plus):
            return self._node(node.a, field_name, negated)
        if isinstance(node, tree.Boost):
            return self._node(node.expr, field_name, negated)
        if isinstance(node, tree.Range):
            return self._range(field_name or self.default_field, node)
        if isinstance(node, tree.Phrase):
            return self._term(field_name or self.default_field, node.value[1:-1], True, negated)
        if isinstance(node, tree.Word):
            return self._term(field_name or self.default_field, node.value, False, negated)
        if isinstance(node, tree.Fuzzy):
            raise QuerySyntaxError("Fuzzy queries (~) are not supported")
        if isinstance(node, tree.Proximity):
            raise QuerySyntaxError("Proximity queries (\"...\"~N) are not supported")
        if isinstance(node, tree.Regex):
            raise QuerySyntaxError("Regular expression queries are not supported")
        raise QuerySyntaxError(f"Unsupported query syntax: {node}")

    def _join(self, node: tree.Item, field_name: str | None, negated: bool, op: str) -> str:
        parts = [self._node(child, field_name, negated) for child in node.children]
        if op == " AND ":
            parts = _merge_exclusions(parts)
        return "(" + op.join(parts) + ")"

    # -- terms ---------------------------------------------------------------
    def _term(self, name: str, raw: str, phrase: bool, negated: bool) -> str:
        if name == "*":
            return "TRUE"
        self.fields_used.add(name)
        wildcard = not phrase and _has_wildcard(raw)
        value = _unescape(raw) if not phrase else raw.replace('\\"', '"')
        if name in fields.NGRAM_FIELDS:
            pattern = "%" + re.sub(r"([%_\\])", r"\\\1", value) + "%"
            return f"d.{fields.NGRAM_FIELDS[name]} ILIKE {self.bind(pattern)}"
        if name == "bbox":
            return self._bbox(value)
        if fields.is_text(name):
            return self._text_term(name, raw, value, phrase, wildcard, negated)
        if wildcard and raw == "*":
            return self._exists(name)
        if fields.is_date(name):
            if wildcard:
                raise QuerySyntaxError(f"Wildcards are not supported on date field {name}")
            return self._compare(name, "=", parse_date(value))
        if wildcard:
            return self._like(name, _like_pattern(raw))
        return self._equals(name, value)

    def _text_term(self, name: str, raw: str, value: str, phrase: bool, wildcard: bool,
                   negated: bool) -> str:
        if wildcard:
            if raw == "*":
                return "TRUE" if name == "text" else self._exists(name)
            if _has_wildcard(raw[:-1]) or not raw.endswith("*"):
                raise QuerySyntaxError(
                    f"Leading or inner wildcards are not supported on text field {name}; "
                    "use a trailing one (word*)")
            tokens = _TOKEN.findall(value[:-1])
            if not tokens:
                raise QuerySyntaxError(f"Nothing to search for in {raw!r}")
            expr = " & ".join(tokens[:-1] + [tokens[-1] + ":*"])
            query = f"to_tsquery('asmhub_simple', {self.bind(expr)})"
        elif phrase:
            query = f"asmhub_phrase_tsquery({self.bind(value)})"
        else:
            query = f"asmhub_plain_tsquery({self.bind(value)})"
        if not negated:
            self.rank_queries.append(query)
        return self._text_match(name, query)

    @staticmethod
    def _text_match(name: str, query: str) -> str:
        indexed = f"d.search_vector @@ {query}"
        if name == "text":
            return indexed
        if name == "title":
            return f"d.title_a @@ {query}"  # the title's own vector (weight A)
        if name == "notes":
            return f"(d.search_vector @@ {query} AND ts_filter(d.search_vector, '{{c}}') @@ {query})"
        own = f"asmhub_tsvector(coalesce((SELECT string_agg(v, ' ') FROM {doc_values(name)} v), ''))"
        return f"({own} @@ {query})"

    def _exists(self, name: str) -> str:
        if name in fields.ARRAY_COLUMNS:
            return f"cardinality(d.{name}) > 0"
        if name in fields.SCALAR_COLUMNS or name in fields.DATE_COLUMNS:
            return f"d.{name} IS NOT NULL"
        return (f"(d.doc ? {self.bind(name)} AND d.doc->{self.bind(name)} NOT IN "
                "('null'::jsonb, '\"\"'::jsonb, '[]'::jsonb))")

    def _equals(self, name: str, value: str) -> str:
        if name in fields.SCALAR_COLUMNS:
            return f"d.{name} = {self.bind(value)}"
        if name in fields.ARRAY_COLUMNS:
            return f"d.{name} @> ARRAY[{self.bind(value)}]::text[]"
        if name in fields.DOC_FACETS:
            return f"d.facet_values @> ARRAY[{self.bind(f'{name}={value}')}]::text[]"
        variants: list[Any] = [value]
        if _NUMBER.match(value):
            variants.append(float(value) if "." in value else int(value))
        if value in ("true", "false"):
            variants.append(value == "true")
        tests = []
        for variant in variants:
            for shape in (variant, [variant]):
                tests.append(f"d.doc @> CAST({self.bind(json.dumps({name: shape}))} AS jsonb)")
        return "(" + " OR ".join(tests) + ")"

    def _like(self, name: str, pattern: str) -> str:
        if name in fields.SCALAR_COLUMNS:
            return f"d.{name} LIKE {self.bind(pattern)}"
        if name in fields.ARRAY_COLUMNS:
            return f"EXISTS (SELECT 1 FROM unnest(d.{name}) v WHERE v LIKE {self.bind(pattern)})"
        return f"EXISTS (SELECT 1 FROM {doc_values(name)} v WHERE v LIKE {self.bind(pattern)})"

    def _compare(self, name: str, op: str, value: Any) -> str:
        """``name op value`` for one bound; numbers compare as numbers."""
        if name in fields.DATE_COLUMNS:
            return f"d.{name} {op} {self.bind(value)}"
        if fields.is_date(name):
            return (f"EXISTS (SELECT 1 FROM {doc_values(name)} v WHERE "
                    f"CAST(v AS timestamptz) {op} {self.bind(value)})")
        if isinstance(value, (int, float)):
            element = "(CASE WHEN v ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN CAST(v AS numeric) END)"
        else:
            element = "v"
        if name in fields.SCALAR_COLUMNS:
            return f"EXISTS (SELECT 1 FROM (SELECT d.{name} AS v) s WHERE {element} {op} {self.bind(value)})"
        source = f"unnest(d.{name})" if name in fields.ARRAY_COLUMNS else doc_values(name)
        return f"EXISTS (SELECT 1 FROM {source} v WHERE {element} {op} {self.bind(value)})"

    def _range(self, name: str, node: tree.Range) -> str:
        low, high = _range_bound(node.low), _range_bound(node.high)
        self.fields_used.add(name)
        if fields.is_text(name) and name != "text":
            raise QuerySyntaxError(f"Ranges are not supported on text field {name}")
        bounds = [(low, ">=" if node.include_low else ">"), (high, "<=" if node.include_high else "<")]
        dated = fields.is_date(name)
        numeric = all(b is None or _NUMBER.match(b) for b, _ in bounds)
        tests = []
        for bound, op in bounds:
            if bound is None:
                continue
            if dated:
                value: Any = parse_date(bound)
            elif numeric:
                value = float(bound)
            else:
                value = bound
            tests.append(self._compare(name, op, value))
        if not tests:
            return self._exists(name)
        if dated or name in fields.SCALAR_COLUMNS or numeric is False:
            return "(" + " AND ".join(tests) + ")"
        # Multi-valued numbers: one value must sit inside both bounds.
        source = f"unnest(d.{name})" if name in fields.ARRAY_COLUMNS else doc_values(name)
        element = "(CASE WHEN v ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN CAST(v AS numeric) END)"
        checks = [f"{element} {op} {self.bind(float(b))}" for b, op in bounds if b is not None]
        return f"EXISTS (SELECT 1 FROM {source} v WHERE {' AND '.join(checks)})"

    def _bbox(self, value: str) -> str:
        """``bbox:"minx,miny,maxx,maxy"``: datasets whose extent overlaps the box.

        A box whose minx is east of its maxx crosses the antimeridian and is
        searched as its two halves.
        """
        try:
            minx, miny, maxx, maxy = (float(v) for v in value.split(","))
        except ValueError:
            raise QuerySyntaxError(f"Invalid bounding box {value!r}") from None
        if not (-90 <= miny <= maxy <= 90):
            raise QuerySyntaxError(f"Invalid bounding box {value!r}: latitudes out of order or range")
        boxes = [(minx, maxx)] if minx <= maxx else [(minx, 180.0), (-180.0, maxx)]
        tests = [f"d.bbox && CAST({self.bind(f'({x2},{maxy}),({x1},{miny})')} AS box)"
                 for x1, x2 in boxes]
        return "(" + " OR ".join(tests) + ")"


# -- sort -----------------------------------------------------------------------
def compile_sort(sort: str | None, rank: str | None) -> str:
    """``"score desc, metadata_modified desc"`` as an ORDER BY list."""
    clauses = []
    for part in (sort or "").split(","):
        part = part.strip()
        if not part:
            continue
        words = part.split()
        if len(words) != 2 or words[1].lower() not in ("asc", "desc"):
            raise SortError(f"Can't determine a Sort Order (asc or desc) in sort spec {part!r}")
        name, direction = words[0], words[1].upper()
        if name == "score":
            if rank:
                clauses.append(f"{rank} {direction}")
            continue
        if not FIELD_NAME.match(name) or name in fields.ARRAY_COLUMNS or (
                fields.is_text(name) and name != "title"):
            raise SortError(f"Can't determine a Sort Order: cannot sort on field {name!r}")
        nulls = "NULLS LAST"
        if name in fields.SCALAR_COLUMNS or name in fields.DATE_COLUMNS:
            clauses.append(f"d.{name} {direction} {nulls}")
        elif name == "title":
            clauses.append(f"lower(d.title) {direction} {nulls}")
        else:
            clauses.append(f"d.doc->'{name}' {direction} {nulls}")
    clauses.append("d.index_id ASC")
    return ", ".join(clauses)
