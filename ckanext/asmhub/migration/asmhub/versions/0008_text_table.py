"""A narrow copy of what text searches read, and a title-only vector.

Counting the matches of a common word means visiting every matching row: the
GIN index cannot tell live rows from dead ones. In ``asmhub_search_doc`` a row
is ~1.5 kB in the heap (the filter columns, the title vector), so at 100k
datasets ``q=mining`` visited 19,500 pages and checked five class columns on
each of its 73,600 candidates: ~100 ms.

``asmhub_search_text`` holds, per index row, only its class (a number from
``asmhub_search_class``), its sort date, its name and title, and two vectors:
the title-only ``title_a`` in the row, the whole one out of line. A search
made of text terms and class filters (``q`` plus the ``fq`` core adds for
every visitor) is counted, and its title matches ranked, there: ~3,500 pages at
100k, one integer compared per candidate. Statement-level triggers keep the
copy in step with every index write, in the same statement.

``title_a`` (the weight-A part of the vector: the title alone, ~150 bytes) is
also a generated, indexed column of the index table: ``title:`` matches and
the title tier of a ranked search read it in either table.

Revision ID: 0008_text_table
Revises: 0007_aligned_vectors
Create Date: 2026-11-22
"""
from alembic import op

from ckanext.asmhub.migration import revisions, statement_triggers

revision = "0008_text_table"
down_revision = "0007_aligned_vectors"
branch_labels = None
depends_on = None

CLASS_COLUMNS = revisions.load("0003_search_facet_counts.py").CLASS_COLUMNS
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


_DELETE = "DELETE FROM asmhub_search_text t USING old_rows o WHERE t.index_id = o.index_id"
# What each trigger does with the rows its statement wrote.
_TRIGGERS = {
    "INSERT": _copy_sql("new_rows"),
    # An update may change a row's index_id (never in CKAN, but SQL can).
    "UPDATE": f"{_DELETE} AND NOT EXISTS (SELECT 1 FROM new_rows n "
              f"WHERE n.index_id = o.index_id); {_copy_sql('new_rows')}",
    "DELETE": f"{_DELETE};",
}


def upgrade():
    # One statement, so that the table is rewritten once with the column
    # already in the row (a rewrite also brings back into the row any value
    # an older layout had moved out).
    op.execute("ALTER TABLE asmhub_search_doc ADD COLUMN IF NOT EXISTS title_a tsvector "
               "GENERATED ALWAYS AS (ts_filter(search_vector, '{a}')) STORED, "
               "ALTER COLUMN title_a SET STORAGE MAIN")
    op.execute("CREATE INDEX IF NOT EXISTS asmhub_search_doc_title_a_idx ON asmhub_search_doc "
               "USING gin (title_a) WITH (gin_pending_list_limit = 256)")
    op.execute(f"""
    CREATE TABLE IF NOT EXISTS asmhub_search_class (
        id serial PRIMARY KEY,
        site_id text, entity_type text, dataset_type text, state text, capacity text,
        permission_labels text[],
        UNIQUE NULLS NOT DISTINCT ({_CLASS})
    )""")
    op.execute("""
    CREATE TABLE IF NOT EXISTS asmhub_search_text (
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
    statement_triggers.create("asmhub_search_text", "asmhub_search_doc", _TRIGGERS)
    op.execute("TRUNCATE asmhub_search_text")
    op.execute(_copy_sql("asmhub_search_doc"))
    for column, method in (("search_vector", "gin"), ("title_a", "gin"),
                           ("name", "gin (name gin_trgm_ops)"),
                           ("title", "gin (title gin_trgm_ops)")):
        using = method if " " in method else f"{method} ({column})"
        op.execute(f"CREATE INDEX IF NOT EXISTS asmhub_search_text_{column}_idx "
                   f"ON asmhub_search_text USING {using} WITH (gin_pending_list_limit = 256)")


def downgrade():
    statement_triggers.drop("asmhub_search_text", "asmhub_search_doc")
    op.execute("DROP TABLE IF EXISTS asmhub_search_text")
    op.execute("DROP TABLE IF EXISTS asmhub_search_class")
    op.execute("ALTER TABLE asmhub_search_doc DROP COLUMN IF EXISTS title_a")
