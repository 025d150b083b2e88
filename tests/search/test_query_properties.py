"""Properties of the query language: ``q`` and ``fq`` as typed trees (issue 20).

- Every tree the parser can return, written as text (``query_tree.render``), parses
  back to the same tree, whatever ``q.op`` says.
- Any text at all is parsed, built into the backend's statements and compiled to
  SQL, or refused with a ``SearchQueryError`` that says why: never another
  exception, and never after a second of work.
- Every statement built from an accepted query runs on PostgreSQL without an error;
  the query counts as many datasets as ``q`` as it does as ``fq``, ranked or not, with
  facets or without, and a page holds as many as it counts.

CI runs a fixed sample (the ``ci`` profile in tests/conftest.py derandomizes;
``ASMHUB_QUERY_EXAMPLES`` examples for each property without a database, half as many
for the one that runs statements); ``HYPOTHESIS_PROFILE=fuzz`` with a larger
``ASMHUB_QUERY_EXAMPLES`` explores new ones.
"""
from __future__ import annotations

import os
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from ckan import model
from ckan.lib.search.common import SearchQueryError
from ckan.tests import factories

from ckanext.asmhub.search import connection, statement
from ckanext.asmhub.search import query_tree as qt

EXAMPLES = int(os.environ.get("ASMHUB_QUERY_EXAMPLES", "200"))
# CPU seconds (not wall-clock: CI shares its cores) to parse one text three ways and
# build and compile five requests from it; about 0.03 s is usual.
SLOW = 1.0

PROPERTY = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))
ON_DATABASE = settings(PROPERTY, max_examples=max(1, EXAMPLES // 2))


# -- trees ---------------------------------------------------------------------------
# Characters Lucene gives a meaning to, drawn more often than chance would.
SPECIAL = st.sampled_from(list('*?\\"():[]{}^~+-!&|/ \t\rT0123é'))
# Any character PostgreSQL stores (no NUL, no lone surrogate); a bare word has no
# line feed either: Lucene cannot escape one, so the parser never returns one.
ANY = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
BARE = st.characters(exclude_categories=("Cs",), exclude_characters="\x00\n")
WORDS = st.text(st.one_of(SPECIAL, BARE), min_size=1, max_size=6)
TEXTS = st.text(st.one_of(SPECIAL, ANY, st.just("\n")), max_size=6)

RESERVED = {"AND", "OR", "NOT", "TO"}  # operators: the parser never reads one as a field
FIELDS = st.one_of(
    st.none(),
    st.sampled_from(["text", "title", "tags", "minerals", "metadata_modified", "and", "to",
                     "a-b", "a.b", "_", "T12", "dateT00"]),
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_.\-]{0,8}", fullmatch=True).filter(
        lambda name: name not in RESERVED),
)


def _merged(parts: list) -> tuple:
    """Pattern parts as the parser returns them: adjacent literals joined."""
    merged: list = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    return tuple(merged)


def _is_wildcard(pattern: tuple) -> bool:
    """A pattern the parser reads as a Wildcard, not as ``field:*`` (Exists) or ``word*``."""
    return (any(isinstance(p, qt.Wild) for p in pattern) and pattern != (qt.Wild.MANY,)
            and not (len(pattern) == 2 and isinstance(pattern[0], str)
                     and pattern[1] is qt.Wild.MANY))


def trees(fields: st.SearchStrategy, words: st.SearchStrategy,
          texts: st.SearchStrategy) -> st.SearchStrategy:
    """Trees of every node type, nested up to six leaves."""
    part = st.one_of(st.sampled_from(list(qt.Wild)), words)
    patterns = (st.tuples(st.lists(part, max_size=2), st.sampled_from(list(qt.Wild)),
                          st.lists(part, max_size=2))
                .map(lambda p: _merged([*p[0], p[1], *p[2]])).filter(_is_wildcard))
    bound = st.one_of(st.none(), texts)
    leaf = st.one_of(
        st.just(qt.MatchAll()),
        st.builds(qt.Term, fields, words),
        st.builds(qt.Phrase, fields, texts),
        st.builds(qt.Prefix, fields, words),
        st.builds(qt.Wildcard, fields, patterns),
        st.builds(qt.Exists, fields),
        st.builds(qt.Range, fields, bound, bound, st.booleans(), st.booleans()),
    )
    return st.recursive(leaf, lambda node: st.one_of(
        st.builds(qt.Not, node),
        st.lists(node, min_size=2, max_size=3).map(lambda c: qt.And(tuple(c))),
        st.lists(node, min_size=2, max_size=3).map(lambda c: qt.Or(tuple(c))),
    ), max_leaves=6)


TREES = trees(FIELDS, WORDS, TEXTS)


def reparsed(tree: qt.Node, **options: Any) -> qt.Node | None:
    """The tree written as text and parsed again; None when that text is larger than a
    query may be (explicit operators and escapes make it longer than what it came from)."""
    try:
        return qt.parse(qt.render(tree), **options)
    except qt.QueryTooLargeError:
        return None


@PROPERTY
@given(tree=TREES)
@example(tree=qt.Term("xT12", "34"))  # "xT12:34" is one word to the parser: a time
@example(tree=qt.Term(None, "tin "))  # "tin\ " lost its space to a strip() once
@example(tree=qt.And((qt.Term(None, "AND"), qt.Phrase("to", ""), qt.Exists(None))))
@example(tree=qt.Not(qt.Not(qt.Range("ref_year", None, "*", False, True))))
@example(tree=qt.Or((qt.MatchAll(), qt.Wildcard("tags", (qt.Wild.ONE, "o\\ld")))))
def test_a_tree_written_as_text_parses_back_to_itself(tree):
    for default_and in (True, False):
        again = reparsed(tree, default_and=default_and)
        assume(again is not None)
        assert again == tree, qt.render(tree)


# -- any text ------------------------------------------------------------------------
LUCENE = st.sampled_from([
    "gold", "tin", "AND", "OR", "NOT", "TO", " ", "\t", "\n", ":", "*", "?", "\\", '"', "'",
    "(", ")", "[", "]", "{", "}", "^", "^2", "~", "~2", "+", "-", "!", "&&", "||", "/",
    "/re.x/", "*:*", "tags:", "title:", "text:", "metadata_modified:", "ref_year:", "bbox:",
    "nosuch_field:", "9_x:", "-field:", "T12:", "T12:34", "[* TO *]", "[a TO", " TO ",
    "{1 TO 2]", "[NOW-1YEAR/DAY TO NOW]", "NOW+99999999999DAYS", "[2020-13-45 TO *]",
    "[-1e309 TO 1e309]", '"1,2,3,4"', '"nan,nan,nan,nan"', "{!lucene}", "{!frange l=0}",
    "{!", "_val_:", "_query_:", "\x00", "\ud800", "é", "中文", "\u202e", "\ufeff",
])
# A run of one construct, far past every bound: parentheses, prefix operators, fields.
RUNS = st.tuples(
    st.sampled_from(["(", "-", "+", "NOT ", "-(", "a:(", "a:", "[", "{", '"', "\\", "^", "!",
                     "*", "+-", "x:-"]),
    st.integers(min_value=1, max_value=1100),
).map(lambda run: run[0] * run[1] + "gold")


def _spliced(parts: tuple[str, int, str]) -> str:
    text, at, bit = parts
    return text[:at] + bit + text[at:]


TEXT = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=60),
    st.lists(LUCENE, max_size=12).map("".join),
    st.lists(st.one_of(LUCENE, st.text(max_size=4)), max_size=8).map(" ".join),
    RUNS,
    TREES.map(qt.render),
    st.tuples(TREES.map(qt.render), st.integers(min_value=0, max_value=60), LUCENE).map(_spliced),
)
# How the backend is handed a query: as q, as one of several fq, in each mode.
REQUESTS = [
    {"q": None},
    {"fq": None, "q.op": "OR"},
    {"fq_list": ["+state:active", None]},
    {"q": None, "defType": "edismax", "sort": "score desc, metadata_modified desc"},
    {"q": None, "facet": "true", "facet.field": ["tags", "minerals"], "rows": 0},
]


def request(shape: dict[str, Any], query: str) -> dict[str, Any]:
    """``shape`` with ``query`` where it holds None."""
    def filled(value):
        if isinstance(value, list):
            return [filled(v) for v in value]
        return query if value is None else value
    return {key: filled(value) for key, value in shape.items()}


def parsed_built_and_compiled(text: str) -> float:
    """Parse ``text`` every way, build and compile each request of it; the CPU seconds taken."""
    started = time.process_time()
    for options in ({}, {"default_and": False}, {"free_text": True}):
        try:
            tree = qt.parse(text, **options)
        except SearchQueryError:
            continue
        assert reparsed(tree) in (tree, None), qt.render(tree)
    for shape in REQUESTS:
        try:
            built = statement.build(request(shape, text))
        except SearchQueryError:
            continue
        assert built.count_sql and built.binds is not None  # compiled to PostgreSQL's SQL
        assert (built.rows_sql is None) == (shape.get("rows") == 0)
    return time.process_time() - started


@pytest.mark.usefixtures("with_plugins")
@PROPERTY
@given(text=TEXT)
@example(text="-" * 1990 + "gold")  # overflowed Python's stack (RecursionError, a 500)
@example(text="gold" + "^" * 1990)
@example(text="+-" * 995 + "gold")
@example(text="0{0 TO 0}AND NOT *:*")  # compiled against a table without the column read
@example(text='""' * 65)  # terms without a letter slipped past the term count: a deep SQL
@example(text="[" * 1000 + "gold")  # an fq read as JSON overflowed Python's stack
@example(text="tin\\ ")
@example(text="xT12:\\34")
@example(text=" {!lucene}gold")
def test_any_text_is_parsed_or_refused_with_a_search_error(text):
    if parsed_built_and_compiled(text) >= SLOW:
        # Slow twice is the text's doing, not a pause of a busy machine's.
        assert parsed_built_and_compiled(text) < SLOW, text


# -- on the database -----------------------------------------------------------------
# Fields of each kind the compiler tells apart, and values each kind reads.
INDEX_FIELDS = st.sampled_from([
    None, "text", "title", "notes", "res_name", "extras_source", "tags", "groups", "res_format",
    "name", "id", "state", "capacity", "organization", "license_id", "permission_labels",
    "site_id", "dataset_type", "metadata_modified", "metadata_created", "release_date",
    "minerals", "countries", "themes", "data_confidence", "ref_year", "num_resources",
    "asmhub_country_mineral", "no_such_field", "name_ngram", "title_ngram", "bbox",
])
INDEX_VALUES = st.one_of(WORDS, st.sampled_from([
    "gold", "tin", "mining", "the", "GHA", "COD", "active", "public", "CSV", "dataset",
    "2019", "2019.5", "-1", "9" * 40, "true", "NOW", "NOW-1YEAR/DAY", "NOW+2MONTHS/MONTH",
    "2020-01-01T00:00:00Z", "2020-01-01", "1,2,3,4", "170,-10,-170,10", "-180,-90,180,90",
]))
INDEX_QUERIES = st.one_of(trees(INDEX_FIELDS, INDEX_VALUES, INDEX_VALUES).map(qt.render), TEXT)


def run(params: dict[str, Any]) -> tuple[int, int]:
    """The hit count and the number of rows of a request, as the backend runs it."""
    built = statement.build(params)
    with model.Session.begin_nested():
        previous = connection.apply_settings(connection.settings(built))
        hits = model.Session.execute(built.count).mappings().one()["hits"]
        rows = 0 if built.rows_query is None else len(model.Session.execute(built.rows_query).all())
        connection.apply_settings(previous)
    return hits, rows


@pytest.fixture
def catalogue(with_plugins, clean_db, clean_index, make_dataset):
    """A few datasets with a value in each kind of field, one of them private."""
    org = factories.Organization(name="pact")
    factories.Group(name="gender")
    make_dataset(name="ghana-gold", title="Gold mining in Ghana", owner_org=org["id"],
                 notes="Galamsey sites and mercury use", tags=[{"name": "gold"}],
                 minerals=["gold"], countries=["GHA"], groups=[{"name": "gender"}],
                 estimates=[{"indicator": "asm_miners", "central": "10", "ref_year": "2019",
                             "source": "S"}],
                 resources=[{"url": "http://x/a.csv", "format": "CSV", "name": "Sites"}])
    make_dataset(name="drc-3t", title="Tin, tantalum and tungsten in DR Congo",
                 notes="Artisanal mine sites in the east", tags=[{"name": "tin"}],
                 minerals=["tin"], countries=["COD"], data_confidence="B")
    make_dataset(name="mali-gold", title="Orpaillage au Mali", owner_org=org["id"],
                 notes="Exploitation aurifère artisanale", private=True)


@pytest.mark.usefixtures("catalogue")
@ON_DATABASE
@given(query=INDEX_QUERIES)
@example(query="-" * 63 + "gold")  # as deep as a query may nest
@example(query="[* TO *}")  # refused as fq ("Invalid list"), accepted as q
@example(query="tin\\\r")  # as fq, stripped to "tin\\": refused
@example(query='bbox:"170,-10,-170,10" OR ref_year:[2000 TO 9999999999999999999999]')
@example(query="title_ngram:mi*ing AND metadata_modified:[NOW-1YEAR/DAY TO *] -tags:tin")
def test_an_accepted_query_runs_and_selects_the_same_datasets_every_way(query):
    try:
        hits, rows = run({"q": query, "rows": 50})
    except SearchQueryError:
        event("refused")
        return  # with a message (the property above: nothing else is raised)
    event("ran")
    assert rows == min(hits, 50)
    assert run({"fq": query, "rows": 0})[0] == hits
    assert run({"q": query, "sort": "score desc", "rows": 50}) == (hits, rows)
    faceted = {"fq": query, "facet": "true", "facet.field": ["tags", "minerals"], "rows": 0}
    assert run(faceted)[0] == hits


# -- what the properties found -------------------------------------------------------
@pytest.mark.parametrize("query, words", [
    ("-" * 1990 + "gold", "may nest at most 64 deep"),
    ("+" * 1990 + "gold", "may nest at most 64 deep"),
    ("gold" + "^" * 1990, "may nest at most 64 deep"),
    ("-" * 64 + "gold", "may nest at most 64 deep"),
    ('"" ' * 65, "at most 64 terms"),
    ("! " * 500, "at most 64 terms"),
], ids=["minus", "plus", "boost", "one-too-many", "empty-phrases", "punctuation"])
def test_a_query_past_the_nesting_or_term_limits_is_refused_with_a_409(app, query, words):
    """Prefix operators, boosts and terms without a letter escape the length, word and
    parenthesis limits; two thousand of them overflowed Python's stack while the tree
    was built or its SQL compiled (a RecursionError, answered with a 500)."""
    response = app.get("/api/3/action/package_search", query_string={"q": query}, status=409)
    assert words in str(response.json["error"])


@pytest.mark.usefixtures("catalogue")
def test_the_deepest_query_accepted_runs_as_what_it_means(search):
    deepest = qt.parse("-" * 63 + "gold")
    for _ in range(63):
        deepest = deepest.child
    assert deepest == qt.Term(None, "gold")
    assert search(q="-" * 63 + "gold")["count"] == search(q="-gold")["count"] == 1


def test_an_escaped_space_ends_a_word():
    assert qt.parse("tin\\ ") == qt.Term(None, "tin ")
    assert qt.parse("  tin  ") == qt.Term(None, "tin")


def test_a_name_with_a_final_line_feed_is_not_a_field_name():
    with pytest.raises(SearchQueryError, match="Invalid default field"):
        statement.build({"q": "gold", "df": "text\n"})


@pytest.mark.usefixtures("catalogue")
def test_a_condition_folded_away_still_compiles_against_the_smaller_tables(search):
    """``x AND NOT *:*`` is ``false`` in SQL, which hid the columns ``x`` reads: the
    request went to a table without them (an AttributeError, answered with a 500)."""
    assert search(q="gold AND (text:[1 TO 2] AND NOT *:*)")["count"] == 0
    folded = search(q="gold", fq="capacity:public OR (ref_year:[1 TO 2] AND NOT *:*)")
    assert folded["count"] == search(q="gold", fq="capacity:public")["count"] == 1


@pytest.mark.usefixtures("catalogue")
def test_a_filter_query_string_is_read_as_the_same_query_as_q():
    """Core's own callers send ``fq`` as a string. One starting with "[" was decoded as a
    JSON list (``[* TO *}`` refused as "Invalid list"), and one ending with an escaped
    space or return lost it to a strip (refused)."""
    assert run({"fq": "[* TO *}", "rows": 0}) == run({"q": "[* TO *}", "rows": 0})
    assert run({"fq": "gold\\\r", "rows": 0}) == run({"q": "gold\\\r", "rows": 0})
    assert run({"q": "gold\\\r", "rows": 0})[0] > 0
    assert statement.build({"fq": '["tags:gold", "tags:tin"]'}).count_sql.count("@>") == 2
