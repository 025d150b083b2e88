"""Solr/Lucene ``q`` and ``fq`` text as a small typed tree.

A query is parsed once (with luqum) into the dataclasses below; the SQL is
compiled from the tree (``compile.py``) and the tree can be written back as
Lucene text (:func:`render`). Every leaf names its field (``None``: the
request's default field), so ``tags:(gold OR tin)`` is
``Or((Term("tags", "gold"), Term("tags", "tin")))``. Values are held
unescaped, as the user meant them.

Whatever the text, :func:`parse` returns a tree or raises
:class:`QuerySyntaxError`, a :class:`ckan.lib.search.common.SearchQueryError`
whose message says what is wrong: syntax this backend does not answer
faithfully (fuzzy, proximity, regular expressions, Solr local parameters) is
refused, never guessed at, and so is a query too long, with too many terms or
nested too deep.

``tests/search/test_query_properties.py`` checks both promises on generated
trees and text: ``parse(render(tree)) == tree``, and no other exception.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Union

from luqum import tree as lucene
from luqum.exceptions import ParseError
from luqum.thread import parse as _luqum_parse

from ckan.lib.search.common import SearchQueryError


class QuerySyntaxError(SearchQueryError):
    """The query cannot be understood, or uses syntax this backend does not support."""


class QueryTooLargeError(QuerySyntaxError):
    """The query is longer, has more terms or nests deeper than a query may."""


class SortError(QuerySyntaxError):
    """The sort parameter cannot be understood."""


# Bounds on what one query may ask: a search page or an API client needs far less,
# and a query of thousands of words or parentheses costs seconds of CPU for nothing.
MAX_QUERY_CHARACTERS = 2000
MAX_QUERY_TERMS = 64
MAX_QUERY_DEPTH = 16
# Parentheses, fields and operators inside one another, as the parser nests them:
# ``-+-+-gold`` or ``gold^^^^`` need no parentheses, and two thousand of them
# would overflow Python's stack while the tree is built or compiled.
MAX_QUERY_NESTING = 64

FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_\-.]*\Z")  # \Z: "$" lets a final "\n" through
WORD = re.compile(r"\w+", re.UNICODE)
_OPERATORS = frozenset({"AND", "OR", "NOT", "TO"})


class Wild(enum.Enum):
    """A wildcard inside a :class:`Wildcard` pattern."""
    MANY = "*"
    ONE = "?"


# -- the tree ------------------------------------------------------------------------
@dataclass(frozen=True)
class MatchAll:
    """``*:*`` (and the empty query): every document."""


@dataclass(frozen=True)
class Term:
    """A word (or, on text fields, words) matched in ``field``."""
    field: str | None
    value: str


@dataclass(frozen=True)
class Phrase:
    """``"quoted words"``: the words next to each other, in order."""
    field: str | None
    value: str


@dataclass(frozen=True)
class Prefix:
    """``word*``: values (or, on text fields, words) starting with ``value``."""
    field: str | None
    value: str


@dataclass(frozen=True)
class Wildcard:
    """A pattern with ``*`` or ``?`` elsewhere than at its end (exact fields only)."""
    field: str | None
    pattern: tuple[Union[str, Wild], ...]


@dataclass(frozen=True)
class Exists:
    """``field:*``: the field has a value."""
    field: str | None


@dataclass(frozen=True)
class Range:
    """``field:[low TO high}``; an open bound (``*``) is ``None``."""
    field: str | None
    low: str | None
    high: str | None
    include_low: bool = True
    include_high: bool = True


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Leaf = Union[Term, Phrase, Prefix, Wildcard, Exists, Range]
Node = Union[MatchAll, Leaf, Not, And, Or]
LEAVES = (Term, Phrase, Prefix, Wildcard, Exists, Range)


# -- guards ---------------------------------------------------------------------------
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


def check_text(text: str) -> None:
    """Refuse text the database cannot take, or a query too long, too many terms or too deep."""
    if "\x00" in text:
        raise QuerySyntaxError("A query cannot contain NUL (0x00) characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise QuerySyntaxError("A query must be valid Unicode text (it has a lone surrogate)") from None
    if len(text) > MAX_QUERY_CHARACTERS:
        raise QueryTooLargeError(f"A query may have at most {MAX_QUERY_CHARACTERS} characters")
    if len(WORD.findall(text)) > MAX_QUERY_TERMS:
        raise QueryTooLargeError(f"A query may have at most {MAX_QUERY_TERMS} terms")
    if _depth(text) > MAX_QUERY_DEPTH:
        raise QueryTooLargeError(f"Parentheses in a query may nest at most {MAX_QUERY_DEPTH} deep")


# -- parsing --------------------------------------------------------------------------
def parse(text: str | None, *, default_and: bool = True, free_text: bool = False) -> Node:
    """``q`` or one ``fq`` as a tree.

    :param default_and: whether words without an operator between them must
        all match (Solr's ``q.op=AND``) or any of them (``OR``)
    :param free_text: text that is not valid Lucene (``C++ (mining``) is
        searched word by word, as dismax does, instead of being refused
    """
    text = text or ""
    if text.strip() in ("", "*:*"):
        return MatchAll()
    check_text(text)
    # The parser skips spaces around the query itself; stripping them here
    # would cut an escaped one at its end (``tin\ ``) off its backslash.
    if text.lstrip().startswith("{!"):
        raise QuerySyntaxError("Solr local parameters ({!...}) are not supported")
    try:
        parsed = _luqum_parse(text)
    except (ParseError, ValueError, TypeError, RecursionError) as error:
        if free_text:
            words = " ".join(WORD.findall(text))
            return Term("text", words) if words else MatchAll()
        raise QuerySyntaxError(f"Cannot parse query {text[:200]!r}: {type(error).__name__}") from None
    tree = _Converter(default_and).node(parsed, None)
    # Terms without a letter or digit (``"" "" ""``, ``! ! !``) escape the word count.
    if _leaf_count(tree) > MAX_QUERY_TERMS:
        raise QueryTooLargeError(f"A query may have at most {MAX_QUERY_TERMS} terms")
    return tree


def _leaf_count(node: Node) -> int:
    if isinstance(node, Not):
        return _leaf_count(node.child)
    if isinstance(node, (And, Or)):
        return sum(_leaf_count(child) for child in node.children)
    return 1


_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def _unescape(value: str) -> str:
    return _ESCAPED.sub(r"\1", value)


def _pattern(raw: str) -> list[Union[str, Wild]]:
    """A Lucene term as literal text and the wildcards between it."""
    parts: list[Union[str, Wild]] = []
    i = 0
    while i < len(raw):
        char = raw[i]
        if char == "\\" and i + 1 < len(raw):
            i += 1
            char = raw[i]
        elif char in "*?":
            parts.append(Wild(char))
            i += 1
            continue
        if parts and isinstance(parts[-1], str):
            parts[-1] += char
        else:
            parts.append(char)
        i += 1
    return parts


class _Converter:
    def __init__(self, default_and: bool):
        self.default_and = default_and
        self.depth = 0

    def node(self, node: lucene.Item, field: str | None) -> Node:
        self.depth += 1
        try:
            if self.depth > MAX_QUERY_NESTING:
                raise QueryTooLargeError(f"Operators, fields and parentheses in a query may nest "
                                         f"at most {MAX_QUERY_NESTING} deep")
            return self._node(node, field)
        finally:
            self.depth -= 1

    def _node(self, node: lucene.Item, field: str | None) -> Node:
        if isinstance(node, lucene.SearchField):
            if node.name == "*":
                if isinstance(node.expr, lucene.Word) and node.expr.value == "*":
                    return MatchAll()
                raise QuerySyntaxError("'*' as a field name only works as *:*")
            if not FIELD_NAME.match(node.name):
                raise QuerySyntaxError(f"Invalid field name {node.name[:100]!r}")
            return self.node(node.expr, node.name)
        if isinstance(node, (lucene.Group, lucene.FieldGroup)):
            return self.node(node.expr, field)
        if isinstance(node, lucene.AndOperation):
            return And(tuple(self.node(c, field) for c in node.children))
        if isinstance(node, lucene.OrOperation):
            return Or(tuple(self.node(c, field) for c in node.children))
        if isinstance(node, lucene.UnknownOperation):
            children = tuple(self.node(c, field) for c in node.children)
            return And(children) if self.default_and else Or(children)
        if isinstance(node, (lucene.Not, lucene.Prohibit)):
            return Not(self.node(node.a, field))
        if isinstance(node, lucene.Plus):
            return self.node(node.a, field)
        if isinstance(node, lucene.Boost):  # weights are fixed (README: known differences)
            return self.node(node.expr, field)
        if isinstance(node, lucene.Range):
            return Range(field, _bound(node.low), _bound(node.high),
                         bool(node.include_low), bool(node.include_high))
        if isinstance(node, lucene.Phrase):
            return Phrase(field, _unescape(node.value[1:-1]))
        if isinstance(node, lucene.Word):
            return _word(field, node.value)
        if isinstance(node, lucene.Fuzzy):
            raise QuerySyntaxError("Fuzzy queries (~) are not supported")
        if isinstance(node, lucene.Proximity):
            raise QuerySyntaxError("Proximity queries (\"...\"~N) are not supported")
        if isinstance(node, lucene.Regex):
            raise QuerySyntaxError("Regular expression queries are not supported")
        raise QuerySyntaxError(f"Unsupported query syntax: {str(node)[:200]}")


def _bound(node: lucene.Item) -> str | None:
    """A range bound's value, or None for an open one (``*``).

    Solr reads ``["a" TO "b"]`` as ``[a TO b]``; a quoted ``"*"`` is the
    character itself, not an open bound.
    """
    if isinstance(node, lucene.Phrase):
        return _unescape(node.value[1:-1])
    if not isinstance(node, lucene.Word):
        raise QuerySyntaxError(f"Invalid range bound {str(node)[:100]!r}")
    return None if node.value == "*" else _unescape(node.value)


def _word(field: str | None, raw: str) -> Leaf:
    parts = _pattern(raw)
    if parts == [Wild.MANY]:
        return Exists(field)
    if not any(isinstance(p, Wild) for p in parts):
        return Term(field, "".join(p for p in parts if isinstance(p, str)))
    if parts[-1] is Wild.MANY and len(parts) == 2 and isinstance(parts[0], str):
        return Prefix(field, parts[0])
    return Wildcard(field, tuple(parts))


# -- rendering ------------------------------------------------------------------------
def _escape(value: str) -> str:
    text = "".join(c if c.isalnum() or c == "_" else "\\" + c for c in value)
    return "\\" + text if value in _OPERATORS else text


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _field(field: str | None) -> str:
    return "" if field is None else f"{field}:"


# The parser reads ``T12:34`` as one word (the time in a date), whatever comes before.
_HOUR = re.compile(r"T\d\d$")


def _bare(field: str | None, text: str) -> str:
    """A field and an unquoted value; after a name like ``xT12`` the value is grouped."""
    if field is not None and _HOUR.search(field):
        return f"{field}:({text})"
    return _field(field) + text


def render(node: Node) -> str:
    """The tree as Lucene text that :func:`parse` reads back as the same tree.

    That holds for every tree :func:`parse` can return; for instance a word,
    prefix or pattern never holds a line feed, which Lucene cannot escape.
    """
    if isinstance(node, MatchAll):
        return "*:*"
    if isinstance(node, Term):
        return _bare(node.field, _escape(node.value))
    if isinstance(node, Phrase):
        return _field(node.field) + _quoted(node.value)
    if isinstance(node, Prefix):
        return _bare(node.field, _escape(node.value) + "*")
    if isinstance(node, Wildcard):
        return _bare(node.field, "".join(
            p.value if isinstance(p, Wild) else _escape(p) for p in node.pattern))
    if isinstance(node, Exists):
        return _field(node.field) + "*"
    if isinstance(node, Range):
        low = "*" if node.low is None else _quoted(node.low)
        high = "*" if node.high is None else _quoted(node.high)
        return (f"{_field(node.field)}{'[' if node.include_low else '{'}{low} TO {high}"
                f"{']' if node.include_high else '}'}")
    if isinstance(node, Not):
        return "NOT " + _grouped(node.child)
    if isinstance(node, (And, Or)):
        operator = " AND " if isinstance(node, And) else " OR "
        return operator.join(_grouped(c) for c in node.children)
    raise TypeError(f"Not a query tree node: {node!r}")


def _grouped(node: Node) -> str:
    return f"({render(node)})" if isinstance(node, (And, Or)) else render(node)


# -- reading the tree -----------------------------------------------------------------
def leaves(node: Node, negated: bool = False):
    """Every leaf with whether it sits under an odd number of NOTs."""
    if isinstance(node, Not):
        yield from leaves(node.child, not negated)
    elif isinstance(node, (And, Or)):
        for child in node.children:
            yield from leaves(child, negated)
    elif isinstance(node, LEAVES):
        yield node, negated


def fields_read(node: Node, default_field: str) -> set[str]:
    """The fields a query reads (``*:*`` reads none)."""
    return {leaf.field or default_field for leaf, _ in leaves(node)}


# -- sort -----------------------------------------------------------------------------
@dataclass(frozen=True)
class SortKey:
    field: str
    descending: bool


def parse_sort(sort: str | None) -> list[SortKey]:
    """``"score desc, metadata_modified desc"`` as sort keys."""
    keys = []
    for part in (sort or "").split(","):
        part = part.strip()
        if not part:
            continue
        words = part.split()
        if len(words) != 2 or words[1].lower() not in ("asc", "desc"):
            raise SortError(f"Can't determine a Sort Order (asc or desc) in sort spec {part[:100]!r}")
        if words[0] != "score" and not FIELD_NAME.match(words[0]):
            raise SortError(f"Can't determine a Sort Order: cannot sort on field {words[0][:100]!r}")
        keys.append(SortKey(words[0], words[1].lower() == "desc"))
    return keys
