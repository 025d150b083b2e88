"""Facet counts kept by the database, a title vector, and steady query times.

``asmhub_search_count`` holds, for every *class* of indexed rows (rows that
agree on site, entity type, dataset type, state, capacity and permission
labels), the number of rows and the number of rows per value of each counted
facet field. Statement-level triggers on ``asmhub_search_doc`` keep it exact in
the same transaction as every index write (a batch of a rebuild is one
statement, so one aggregated update). A search whose ``q`` and ``fq`` only
name class fields (the empty query of the dataset page: site, state, capacity,
dataset type, permission labels) is answered by summing the classes it selects
instead of visiting every matching row.

``title_vector`` is the title-and-keywords part of the search vector (weights
A and B), small and indexed, so that the best matches of a common word are
found and ranked without ranking every match.

The GIN indexes get a small pending list: a long list (4 MB by default) is read
in full by every search until (auto)vacuum merges it.

Revision ID: 0003_search_facet_counts
Revises: 0001_search_index
Create Date: 2026-11-21
"""
from alembic import op

from ckanext.asmhub.migration import statement_triggers

revision = "0003_search_facet_counts"
down_revision = "0002_review"
branch_labels = None
depends_on = None

CLASS_COLUMNS = ("site_id", "entity_type", "dataset_type", "state", "capacity",
                 "permission_labels")
SCALAR_FACETS = ("organization", "license_id", "dataset_type")
ARRAY_FACETS = ("tags", "groups", "res_format")
DOC_FACETS = ("minerals", "countries", "themes", "data_confidence", "ref_year", "indicators")
_FACET_ARGS = tuple((c, "text") for c in SCALAR_FACETS) + tuple(
    (c, "text[]") for c in ARRAY_FACETS) + (("doc", "jsonb"),)
GIN_INDEXES = ("title_vector", "facet_values", "tags", "groups", "res_format", "permission_labels", "search_vector", "doc",
               "name_trgm", "title_trgm")


def _values_function(doc_facets: tuple[str, ...] = DOC_FACETS) -> str:
    """(field, value) pairs a row adds to the counts; ('', '') counts the row.

    Mirrors how a search counts facets over matching rows: NULLs are skipped,
    a JSONB field counts each element of a list, or its single value.
    """
    parts = ["SELECT ''::text, ''::text"]
    parts += [f"SELECT '{c}', {c} WHERE {c} IS NOT NULL" for c in SCALAR_FACETS]
    parts += [f"SELECT '{c}', v FROM unnest({c}) v WHERE v IS NOT NULL" for c in ARRAY_FACETS]
    names = ", ".join(f"'{n}'" for n in doc_facets)
    parts.append(
        f"SELECT k, v FROM unnest(ARRAY[{names}]) k, jsonb_array_elements_text("
        "CASE jsonb_typeof(doc->k) WHEN 'array' THEN doc->k "
        "ELSE jsonb_build_array(doc->k) END) v WHERE v IS NOT NULL")
    return (
        "CREATE OR REPLACE FUNCTION asmhub_facet_values("
        + ", ".join(f"{c} {t}" for c, t in _FACET_ARGS)
        + ") RETURNS TABLE (field text, value text) LANGUAGE sql STABLE AS $$ "
        + " UNION ALL ".join(parts) + " $$")


def _apply_sql(changes: str) -> str:
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


_NEW = "SELECT *, 1 AS s FROM new_rows"
_OLD = "SELECT *, -1 AS s FROM old_rows"


def upgrade():
    op.execute(f"""
    CREATE TABLE IF NOT EXISTS asmhub_search_count (
        site_id text, entity_type text, dataset_type text, state text, capacity text,
        permission_labels text[],
        field text NOT NULL,
        value text NOT NULL,
        n integer NOT NULL,
        UNIQUE NULLS NOT DISTINCT ({", ".join(CLASS_COLUMNS)}, field, value)
    )""")
    op.execute(_values_function())
    statement_triggers.create("asmhub_search_count", "asmhub_search_doc", {
        "INSERT": _apply_sql(_NEW),
        "UPDATE": _apply_sql(f"{_OLD} UNION ALL {_NEW}"),
        "DELETE": _apply_sql(_OLD),
    })
    op.execute("TRUNCATE asmhub_search_count")
    op.execute(_apply_sql("SELECT *, 1 AS s FROM asmhub_search_doc"))
    op.execute("ALTER TABLE asmhub_search_doc ADD COLUMN IF NOT EXISTS title_vector tsvector "
               "GENERATED ALWAYS AS (ts_filter(search_vector, '{a,b}')) STORED")
    op.execute("CREATE INDEX IF NOT EXISTS asmhub_search_doc_title_vector_idx "
               "ON asmhub_search_doc USING gin (title_vector)")
    # Exact-match filters on the dataset's list fields, answered by a GIN index
    # that needs no recheck (the JSONB one rereads every candidate's document).
    names = ", ".join(f"'{n}'" for n in DOC_FACETS)
    op.execute(
        "CREATE OR REPLACE FUNCTION asmhub_doc_facets(doc jsonb) RETURNS text[] "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(array_agg(k || '=' || v), "
        f"'{{}}') FROM unnest(ARRAY[{names}]) k, jsonb_array_elements_text("
        "CASE jsonb_typeof(doc->k) WHEN 'array' THEN doc->k "
        "ELSE jsonb_build_array(doc->k) END) v WHERE v IS NOT NULL $$")
    op.execute("ALTER TABLE asmhub_search_doc ADD COLUMN IF NOT EXISTS facet_values text[] "
               "GENERATED ALWAYS AS (asmhub_doc_facets(doc)) STORED")
    op.execute("CREATE INDEX IF NOT EXISTS asmhub_search_doc_facet_values_idx "
               "ON asmhub_search_doc USING gin (facet_values)")
    # Sorts newest first (NULLS LAST, as Solr) read an index instead of sorting every row.
    for column in ("metadata_modified", "metadata_created", "title_string", "name"):
        op.execute(f"CREATE INDEX IF NOT EXISTS asmhub_search_doc_{column}_desc_idx "
                   f"ON asmhub_search_doc ({column} DESC NULLS LAST, index_id)")
    for index in GIN_INDEXES:
        op.execute(f"ALTER INDEX asmhub_search_doc_{index}_idx SET (gin_pending_list_limit = 256)")


def downgrade():
    for column in ("metadata_modified", "metadata_created", "title_string", "name"):
        op.execute(f"DROP INDEX IF EXISTS asmhub_search_doc_{column}_desc_idx")
    op.execute("ALTER TABLE asmhub_search_doc DROP COLUMN IF EXISTS title_vector, "
               "DROP COLUMN IF EXISTS facet_values")
    op.execute("DROP FUNCTION IF EXISTS asmhub_doc_facets(jsonb)")
    for index in GIN_INDEXES[2:]:
        op.execute(f"ALTER INDEX asmhub_search_doc_{index}_idx RESET (gin_pending_list_limit)")
    statement_triggers.drop("asmhub_search_count", "asmhub_search_doc")
    op.execute("DROP FUNCTION IF EXISTS asmhub_facet_values(text, text, text, text[], text[], text[], jsonb)")
    op.execute("DROP TABLE IF EXISTS asmhub_search_count")
