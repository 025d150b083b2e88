"""The PostgreSQL search index, as one baseline.

- ``asmhub_search_doc``: one row per indexed dataset (the document CKAN builds
  for Solr: hot fields in columns, the rest in ``doc``), a weighted vector, its
  title parts (``title_vector`` A+B, ``title_a`` A) and ``facet_values``
  ("field=value" of the dataset's list fields) as generated, indexed columns.
  Large values live out of line (``toast_tuple_target``), the columns that
  filters, sorts and counts read stay in the row (``STORAGE MAIN``).
- ``asmhub_search_count``: per *class* of rows (site, entity type, dataset
  type, state, capacity, permission labels), the number of rows and of rows per
  value of each counted facet, kept exact by statement-level triggers.
- ``asmhub_search_class`` / ``asmhub_search_text``: a narrow copy of what text
  searches read, keyed by class number, kept in step by triggers.
- ``asmhub_search_term``: per lexeme and class, the number of rows having it.
- ``asmhub_search_generation``: a number every write statement renews; cached
  answers are keyed by it.
- Accent-folding text search configurations (English, French, Spanish,
  Portuguese, unstemmed) and functions that build one vector or query across
  them; ``asmhub_word_forms`` gives a word's forms.

This is the schema that ASM Hub's migrations 0001 and 0003-0010 (the hub's
single chain before 0.1.0) left behind, object for object. On a database
built by that chain (the hub at ``0011_mail_outbox``) the objects are already
there: the baseline adopts them and creates nothing (docs/operations.md,
"Search tables and the old migration chain").

Revision ID: 0001_search_schema
Revises:
Create Date: 2026-12-04
"""
from alembic import op
from sqlalchemy import text

revision = "0001_search_schema"
down_revision = None
branch_labels = None
depends_on = None

STEMMERS = ("english", "french", "spanish", "portuguese")
CLASS_COLUMNS = ("site_id", "entity_type", "dataset_type", "state", "capacity",
                 "permission_labels")
SCALAR_FACETS = ("organization", "license_id", "dataset_type")
ARRAY_FACETS = ("tags", "groups", "res_format")
# The list fields whose values the database indexes and counts, and further
# counted fields: ASM Hub's (search/fields.py, DATABASE_LIST_FIELDS and
# DATABASE_COUNTED_FIELDS, name the same). A generated column's function is
# fixed when it is created; changing these needs a migration.
LIST_FIELDS = ("minerals", "countries", "themes", "data_confidence", "ref_year", "indicators")
COUNTED_FIELDS = ("asmhub_country_type", "asmhub_country_mineral", "asmhub_country_theme",
                  "asmhub_figure")
_FACET_ARGS = tuple((c, "text") for c in SCALAR_FACETS) + tuple(
    (c, "text[]") for c in ARRAY_FACETS) + (("doc", "jsonb"),)
# Columns read by filters, sorts and counts: kept in the row.
IN_ROW = ("index_id", "id", "site_id", "name", "title", "title_string", "state", "capacity",
          "dataset_type", "entity_type", "owner_org", "organization", "license_id",
          "creator_user_id", "tags", "groups", "res_format", "permission_labels",
          "title_vector", "facet_values", "title_a")
# What the old chain's last search revision (0010) created: its presence means
# the whole schema is there.
_LEGACY_HEAD_OBJECT = "public.asmhub_search_count_field"
TRANSITIONS = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}


def _triggers(prefix: str, table: str, bodies: dict[str, str]) -> None:
    """One statement-level trigger per event, each with its function ``{prefix}_{event}``;
    a trigger with transition tables fires on one event only."""
    for event, body in bodies.items():
        name = f"{prefix}_{event.lower()}"
        op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
                   f"AS $$ BEGIN {body} RETURN NULL; END $$")
        op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                   f"REFERENCING {TRANSITIONS[event]} FOR EACH STATEMENT "
                   f"EXECUTE FUNCTION {name}()")


def _function(name: str, returns: str, body: str) -> str:
    return (f"CREATE OR REPLACE FUNCTION {name}(body text) RETURNS {returns} "
            f"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ {body} $$")


# --- text search configurations and functions -------------------------------

def _text_search() -> None:
    # Configurations and functions are not tables: a database whose tables were
    # all dropped (CKAN's ``ckan db clean``, its test fixtures) still has them.
    for name, dictionary in [(s, f"{s}_stem") for s in STEMMERS] + [("simple", "simple")]:
        op.execute(f"""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'asmhub_{name}') THEN
            CREATE TEXT SEARCH CONFIGURATION asmhub_{name} (COPY = {name});
            ALTER TEXT SEARCH CONFIGURATION asmhub_{name}
              ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary};
          END IF;
        END $$""")
    # One vector of every configuration's lexemes, each at its words' positions:
    # each configuration's vector is written out as text and the texts are read
    # back as one vector, which merges a lexeme's positions.
    texts = " || ' ' || ".join(f"to_tsvector('asmhub_{s}', body)::text"
                               for s in STEMMERS + ("simple",))
    op.execute(_function("asmhub_tsvector", "tsvector", f"SELECT ({texts})::tsvector"))
    # The OR of each configuration's query, each distinct query once.
    for fn, kind in (("asmhub_plain_tsquery", "plainto_tsquery"),
                     ("asmhub_phrase_tsquery", "phraseto_tsquery")):
        queries = ", ".join(f"{kind}('asmhub_{s}', body)" for s in STEMMERS)
        part = "'(' || q::text || ')'"
        op.execute(_function(fn, "tsquery", (
            f"SELECT coalesce(string_agg(DISTINCT {part}, ' | ' ORDER BY {part}), '')::tsquery "
            f"FROM unnest(ARRAY[{queries}]) q WHERE q::text <> ''")))
    # A word's forms, when each language makes exactly one lexeme of it.
    configs = ", ".join(f"'asmhub_{s}'" for s in STEMMERS)
    op.execute(
        "CREATE OR REPLACE FUNCTION asmhub_word_forms(body text) "
        "RETURNS TABLE (lexeme text, query tsquery) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
        "WITH q AS (SELECT c, plainto_tsquery(c, body) AS query "
        f"FROM unnest(ARRAY[{configs}]::regconfig[]) c) "
        "SELECT DISTINCT l, q.query FROM q, unnest(tsvector_to_array(to_tsvector(q.c, body))) l "
        "WHERE numnode(q.query) = 1 AND (SELECT bool_and(numnode(query) <= 1) FROM q) $$")


# --- the index table ----------------------------------------------------------

def _list_values(fields: tuple[str, ...]) -> str:
    names = ", ".join(f"'{n}'" for n in fields)
    return (f"unnest(ARRAY[{names}]) k, jsonb_array_elements_text("
            "CASE jsonb_typeof(doc->k) WHEN 'array' THEN doc->k "
            "ELSE jsonb_build_array(doc->k) END) v WHERE v IS NOT NULL")


def _index_table() -> None:
    # Exact-match filters on the dataset's list fields, answered by a GIN index
    # that needs no recheck (the JSONB one rereads every candidate's document).
    op.execute(
        "CREATE OR REPLACE FUNCTION asmhub_doc_facets(doc jsonb) RETURNS text[] "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(array_agg(k || '=' || v), "
        f"'{{}}') FROM {_list_values(LIST_FIELDS)} $$")
    op.execute("""
    CREATE TABLE asmhub_search_doc (
        index_id text PRIMARY KEY,
        id text NOT NULL,
        site_id text NOT NULL,
        name text,
        title text,
        title_string text COLLATE "C",
        state text,
        capacity text,
        dataset_type text,
        entity_type text,
        owner_org text,
        organization text,
        license_id text,
        creator_user_id text,
        metadata_created timestamptz,
        metadata_modified timestamptz,
        tags text[] NOT NULL DEFAULT '{}',
        groups text[] NOT NULL DEFAULT '{}',
        res_format text[] NOT NULL DEFAULT '{}',
        permission_labels text[] NOT NULL DEFAULT '{}',
        bbox box,
        search_vector tsvector NOT NULL,
        doc jsonb NOT NULL,
        data_dict text,
        validated_data_dict text,
        indexed_at timestamptz NOT NULL DEFAULT now(),
        title_vector tsvector GENERATED ALWAYS AS (ts_filter(search_vector, '{a,b}')) STORED,
        facet_values text[] GENERATED ALWAYS AS (asmhub_doc_facets(doc)) STORED,
        title_a tsvector GENERATED ALWAYS AS (ts_filter(search_vector, '{a}')) STORED
    ) WITH (toast_tuple_target = 128)""")
    op.execute("ALTER TABLE asmhub_search_doc "
               + ", ".join(f"ALTER COLUMN {c} SET STORAGE MAIN" for c in IN_ROW))
    for column in ("id", "name", "owner_org", "metadata_modified", "metadata_created",
                   "title_string"):
        op.execute(f"CREATE INDEX asmhub_search_doc_{column}_idx ON asmhub_search_doc ({column})")
    # Sorts newest first (NULLS LAST, as Solr) read an index instead of sorting every row.
    for column in ("metadata_modified", "metadata_created", "title_string", "name"):
        op.execute(f"CREATE INDEX asmhub_search_doc_{column}_desc_idx "
                   f"ON asmhub_search_doc ({column} DESC NULLS LAST, index_id)")
    op.execute("CREATE INDEX asmhub_search_doc_bbox_idx ON asmhub_search_doc USING gist (bbox)")
    # GIN indexes get a small pending list: a long one is read by every search
    # until (auto)vacuum merges it.
    for name, using in (("tags", "tags"), ("groups", "groups"), ("res_format", "res_format"),
                        ("search_vector", "search_vector"), ("title_vector", "title_vector"),
                        ("title_a", "title_a"), ("facet_values", "facet_values"),
                        ("doc", "doc jsonb_path_ops"), ("name_trgm", "name gin_trgm_ops"),
                        ("title_trgm", "title gin_trgm_ops")):
        op.execute(f"CREATE INDEX asmhub_search_doc_{name}_idx ON asmhub_search_doc "
                   f"USING gin ({using}) WITH (gin_pending_list_limit = 256)")


# --- kept facet counts ----------------------------------------------------------

def _values_function() -> str:
    """(field, value) pairs a row adds to the counts; ('', '') counts the row.

    Mirrors how a search counts facets over matching rows: NULLs are skipped,
    a JSONB field counts each element of a list, or its single value.
    """
    parts = ["SELECT ''::text, ''::text"]
    parts += [f"SELECT '{c}', {c} WHERE {c} IS NOT NULL" for c in SCALAR_FACETS]
    parts += [f"SELECT '{c}', v FROM unnest({c}) v WHERE v IS NOT NULL" for c in ARRAY_FACETS]
    parts.append(f"SELECT k, v FROM {_list_values(LIST_FIELDS + COUNTED_FIELDS)}")
    return (
        "CREATE OR REPLACE FUNCTION asmhub_facet_values("
        + ", ".join(f"{c} {t}" for c, t in _FACET_ARGS)
        + ") RETURNS TABLE (field text, value text) LANGUAGE sql STABLE AS $$ "
        + " UNION ALL ".join(parts) + " $$")


def _count_sql(changes: str) -> str:
    """Add each changed row's values with its sign (+1 new, -1 old) to the counts.

    Net-zero changes (a row rewritten as it was) touch no counter; the rest are
    written in key order so that concurrent writers lock counters in one order.
    """
    columns = ", ".join(CLASS_COLUMNS)
    keyed = ", ".join(f"x.{c}" for c in CLASS_COLUMNS)
    args = ", ".join(f"x.{c}" for c, _ in _FACET_ARGS)
    return f"""
      INSERT INTO asmhub_search_count AS c ({columns}, field, value, n)
      SELECT {keyed}, f.field, f.value, sum(x.s)
        FROM ({changes}) x CROSS JOIN LATERAL asmhub_facet_values({args}) f
       GROUP BY {keyed}, f.field, f.value
      HAVING sum(x.s) <> 0
       ORDER BY f.field, f.value, {keyed}
      ON CONFLICT ({columns}, field, value) DO UPDATE SET n = c.n + EXCLUDED.n;"""


def _counts() -> None:
    op.execute(f"""
    CREATE TABLE asmhub_search_count (
        site_id text, entity_type text, dataset_type text, state text, capacity text,
        permission_labels text[],
        field text NOT NULL,
        value text NOT NULL,
        n integer NOT NULL,
        UNIQUE NULLS NOT DISTINCT ({", ".join(CLASS_COLUMNS)}, field, value)
    )""")
    # A count of hits and facets asks for a few fields; this reads only theirs.
    op.execute("CREATE INDEX asmhub_search_count_field ON asmhub_search_count (field)")
    op.execute(_values_function())
    new, old = "SELECT *, 1 AS s FROM new_rows", "SELECT *, -1 AS s FROM old_rows"
    _triggers("asmhub_search_count", "asmhub_search_doc", {
        "INSERT": _count_sql(new),
        "UPDATE": _count_sql(f"{old} UNION ALL {new}"),
        "DELETE": _count_sql(old),
    })


# --- generation ------------------------------------------------------------------

def _generation() -> None:
    """A sequence never hands out a number twice, even after a rollback, so an
    answer cached under a generation is the answer for exactly that state of the
    index; ``epoch`` tells one database (or one re-created table) from another."""
    op.execute("CREATE SEQUENCE IF NOT EXISTS asmhub_search_generation_seq")
    op.execute("CREATE TABLE asmhub_search_generation ("
               "id integer PRIMARY KEY CHECK (id = 1), "
               "epoch text NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text), "
               "n bigint NOT NULL)")
    op.execute("CREATE OR REPLACE FUNCTION asmhub_search_generation_bump() RETURNS trigger "
               "LANGUAGE plpgsql AS $$ BEGIN UPDATE asmhub_search_generation "
               "SET n = nextval('asmhub_search_generation_seq'); RETURN NULL; END $$")
    op.execute("CREATE TRIGGER asmhub_search_generation_bump AFTER INSERT OR UPDATE OR DELETE "
               "OR TRUNCATE ON asmhub_search_doc FOR EACH STATEMENT "
               "EXECUTE FUNCTION asmhub_search_generation_bump()")


def _first_generation() -> None:
    op.execute("INSERT INTO asmhub_search_generation (id, n) "
               "VALUES (1, nextval('asmhub_search_generation_seq')) ON CONFLICT DO NOTHING")


# --- the narrow text table and per-word counts ----------------------------------

_CLASS = ", ".join(CLASS_COLUMNS)
_SAME_CLASS = " AND ".join(f"c.{col} IS NOT DISTINCT FROM n.{col}" for col in CLASS_COLUMNS)
COPIED = ("metadata_modified", "name", "title", "title_a", "search_vector")


def _copy_sql(rows: str) -> str:
    """Upsert the text rows of ``rows`` (index rows), registering new classes first.

    A row rewritten as it was (a rebuild of unchanged datasets) is left alone:
    no new version, no index entries, no work for the per-word counts.
    """
    copied = ", ".join(COPIED)
    return f"""
      INSERT INTO asmhub_search_class ({_CLASS})
      SELECT DISTINCT {_CLASS} FROM {rows} ON CONFLICT DO NOTHING;
      INSERT INTO asmhub_search_text AS t (index_id, class_id, {copied})
      SELECT n.index_id, c.id, {", ".join("n." + col for col in COPIED)}
        FROM {rows} n JOIN asmhub_search_class c ON {_SAME_CLASS}
       ORDER BY n.index_id
      ON CONFLICT (index_id) DO UPDATE SET class_id = EXCLUDED.class_id, {", ".join(
          f"{col} = EXCLUDED.{col}" for col in COPIED)}
      WHERE (t.class_id, {", ".join(f"t.{col}" for col in COPIED)}) IS DISTINCT FROM
            (EXCLUDED.class_id, {", ".join(f"EXCLUDED.{col}" for col in COPIED)});"""


_DELETE_TEXT = "DELETE FROM asmhub_search_text t USING old_rows o WHERE t.index_id = o.index_id"


def _term_sql(changes: str) -> str:
    """Add each changed row's lexemes with its sign (+1 new, -1 old) to the counts."""
    return f"""
      INSERT INTO asmhub_search_term AS t (lexeme, class_id, n)
      SELECT l, x.class_id, sum(x.s) FROM ({changes}) x, unnest(tsvector_to_array(x.search_vector)) l
       GROUP BY 1, 2 HAVING sum(x.s) <> 0 ORDER BY 1, 2
      ON CONFLICT (lexeme, class_id) DO UPDATE SET n = t.n + EXCLUDED.n;"""


# An upsert rewriting a row as it was (a rebuild) changes no count.
_CHANGED = ("FROM old_rows o JOIN new_rows n USING (index_id) "
            "WHERE o.class_id <> n.class_id OR o.search_vector <> n.search_vector")


def _text_table() -> None:
    op.execute(f"""
    CREATE TABLE asmhub_search_class (
        id serial PRIMARY KEY,
        site_id text, entity_type text, dataset_type text, state text, capacity text,
        permission_labels text[],
        UNIQUE NULLS NOT DISTINCT ({_CLASS})
    )""")
    op.execute("""
    CREATE TABLE asmhub_search_text (
        index_id text PRIMARY KEY,
        class_id integer NOT NULL,
        metadata_modified timestamptz,
        name text,
        title text,
        title_a tsvector,
        search_vector tsvector
    ) WITH (toast_tuple_target = 128)""")
    op.execute("ALTER TABLE asmhub_search_text " + ", ".join(
        f"ALTER COLUMN {col} SET STORAGE MAIN" for col in ("name", "title", "title_a")))
    for column, using in (("search_vector", "search_vector"), ("title_a", "title_a"),
                          ("name", "name gin_trgm_ops"), ("title", "title gin_trgm_ops")):
        op.execute(f"CREATE INDEX asmhub_search_text_{column}_idx ON asmhub_search_text "
                   f"USING gin ({using}) WITH (gin_pending_list_limit = 256)")
    _triggers("asmhub_search_text", "asmhub_search_doc", {
        "INSERT": _copy_sql("new_rows"),
        # An update may change a row's index_id (never in CKAN, but SQL can).
        "UPDATE": f"{_DELETE_TEXT} AND NOT EXISTS (SELECT 1 FROM new_rows n "
                  f"WHERE n.index_id = o.index_id); {_copy_sql('new_rows')}",
        "DELETE": f"{_DELETE_TEXT};",
    })
    op.execute("""
    CREATE TABLE asmhub_search_term (
        lexeme text NOT NULL,
        class_id integer NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (lexeme, class_id)
    )""")
    _triggers("asmhub_search_term", "asmhub_search_text", {event: _term_sql(changes) for event, changes in {
        "INSERT": "SELECT class_id, search_vector, 1 AS s FROM new_rows",
        "UPDATE": (f"SELECT o.class_id, o.search_vector, -1 AS s {_CHANGED} UNION ALL "
                   f"SELECT n.class_id, n.search_vector, 1 AS s {_CHANGED}"),
        "DELETE": "SELECT class_id, search_vector, -1 AS s FROM old_rows",
    }.items()})


# --- the revision -------------------------------------------------------------------

def _legacy_schema() -> bool:
    """Whether the old chain (ASM Hub's migrations before 0.1.0) made these tables.

    Raises if it made only some of them: that database is to be brought to
    the old chain's head (0011_mail_outbox) with the previous release first.
    """
    bind = op.get_bind()
    if bind.execute(text("SELECT to_regclass('public.asmhub_search_doc')")).scalar() is None:
        return False
    if bind.execute(text("SELECT to_regclass(:o)"), {"o": _LEGACY_HEAD_OBJECT}).scalar() is None:
        raise RuntimeError(
            "asmhub_search_doc exists but not the rest of the search schema: this database "
            "was migrated by ASM Hub's old chain to a revision before 0011_mail_outbox. "
            "Upgrade it to 0011_mail_outbox with the release before 0.1.0 first "
            "(docs/operations.md).")
    return True


def upgrade():
    if _legacy_schema():
        # Made by the old chain: every object is already here, as this revision
        # would make it (tests/migration/ compares the two).
        _first_generation()
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    _text_search()
    _index_table()
    _counts()
    _generation()
    _first_generation()
    _text_table()


def downgrade():
    for table in ("asmhub_search_term", "asmhub_search_text", "asmhub_search_class",
                  "asmhub_search_generation", "asmhub_search_count", "asmhub_search_doc"):
        op.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    op.execute("DROP SEQUENCE IF EXISTS asmhub_search_generation_seq")
    for prefix in ("asmhub_search_count", "asmhub_search_text", "asmhub_search_term"):
        for event in TRANSITIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {prefix}_{event.lower()}()")
    op.execute("DROP FUNCTION IF EXISTS asmhub_search_generation_bump()")
    op.execute("DROP FUNCTION IF EXISTS asmhub_facet_values(text, text, text, text[], text[], text[], jsonb)")
    op.execute("DROP FUNCTION IF EXISTS asmhub_doc_facets(jsonb)")
    for fn in ("asmhub_tsvector", "asmhub_plain_tsquery", "asmhub_phrase_tsquery",
               "asmhub_word_forms"):
        op.execute(f"DROP FUNCTION IF EXISTS {fn}(text)")
    for name in STEMMERS + ("simple",):
        op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS asmhub_{name}")
