"""Per-word counts, so that a common word is counted without visiting its rows.

``asmhub_search_term`` holds, for every lexeme and class of rows, the number
of rows of that class whose vector has the lexeme. Statement-level triggers on
``asmhub_search_text`` keep it exact in the same statement as every write to
that table (which triggers on the index table write in turn).

A one-word query asks for the word's form in each language (``'mine' |
'mining'``), so its count is the size of a union: the rows with the most
common form, read from here, plus the rows with another form but not that one,
which the GIN index finds without visiting any row that has it (usually none
at all). ``asmhub_word_forms`` gives a word's forms when each language makes
exactly one lexeme of it, and nothing otherwise (several words, a stop word):
such queries are counted over the matching rows as before.

Revision ID: 0009_term_counts
Revises: 0008_text_table
Create Date: 2026-11-22
"""
from alembic import op

from ckanext.asmhub.migration import statement_triggers

revision = "0009_term_counts"
down_revision = "0008_text_table"
branch_labels = None
depends_on = None

STEMMERS = ("english", "french", "spanish", "portuguese")  # as asmhub_plain_tsquery


def _apply_sql(changes: str) -> str:
    """Add each changed row's lexemes with its sign (+1 new, -1 old) to the counts."""
    return f"""
      INSERT INTO asmhub_search_term AS t (lexeme, class_id, n)
      SELECT l, x.class_id, sum(x.s) FROM ({changes}) x, unnest(tsvector_to_array(x.search_vector)) l
       GROUP BY 1, 2 HAVING sum(x.s) <> 0 ORDER BY 1, 2
      ON CONFLICT (lexeme, class_id) DO UPDATE SET n = t.n + EXCLUDED.n;"""


# An upsert rewriting a row as it was (a rebuild) changes no count.
_CHANGED = ("FROM old_rows o JOIN new_rows n USING (index_id) "
            "WHERE o.class_id <> n.class_id OR o.search_vector <> n.search_vector")
_CHANGES = {
    "INSERT": "SELECT class_id, search_vector, 1 AS s FROM new_rows",
    "UPDATE": (f"SELECT o.class_id, o.search_vector, -1 AS s {_CHANGED} UNION ALL "
               f"SELECT n.class_id, n.search_vector, 1 AS s {_CHANGED}"),
    "DELETE": "SELECT class_id, search_vector, -1 AS s FROM old_rows",
}


def _forms_function() -> str:
    configs = ", ".join(f"'asmhub_{s}'" for s in STEMMERS)
    return (
        "CREATE OR REPLACE FUNCTION asmhub_word_forms(body text) "
        "RETURNS TABLE (lexeme text, query tsquery) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
        "WITH q AS (SELECT c, plainto_tsquery(c, body) AS query "
        f"FROM unnest(ARRAY[{configs}]::regconfig[]) c) "
        "SELECT DISTINCT l, q.query FROM q, unnest(tsvector_to_array(to_tsvector(q.c, body))) l "
        "WHERE numnode(q.query) = 1 AND (SELECT bool_and(numnode(query) <= 1) FROM q) $$")


def upgrade():
    op.execute("""
    CREATE TABLE IF NOT EXISTS asmhub_search_term (
        lexeme text NOT NULL,
        class_id integer NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (lexeme, class_id)
    )""")
    op.execute(_forms_function())
    statement_triggers.create("asmhub_search_term", "asmhub_search_text",
                              {event: _apply_sql(changes) for event, changes in _CHANGES.items()})
    op.execute("TRUNCATE asmhub_search_term")
    op.execute(_apply_sql("SELECT class_id, search_vector, 1 AS s FROM asmhub_search_text"))


def downgrade():
    statement_triggers.drop("asmhub_search_term", "asmhub_search_text")
    op.execute("DROP FUNCTION IF EXISTS asmhub_word_forms(text)")
    op.execute("DROP TABLE IF EXISTS asmhub_search_term")
