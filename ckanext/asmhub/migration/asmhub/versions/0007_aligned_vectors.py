"""Smaller search vectors and queries, and a heap that holds only what filters read.

``asmhub_tsvector`` used to concatenate five vectors of the same text (one per
language configuration), each shifted past the previous one, so every word
was stored five times with five positions. It now merges them: each lexeme of
any configuration is kept once, at the positions of the words it came from.
The lexemes are the same (so a row matches the same queries), a word's
English stem and its unstemmed form sit at the same position (so phrases match
across configurations), and the vector is about a third smaller: ranking
reads less, and the title vector stays small enough to live in the row.

The query functions drop the configurations' duplicate queries
(``'mine' | 'mining' | 'mining' | 'mining'`` becomes ``'mine' | 'mining'``):
the same matches, fewer index lookups and less ranking work.

The index table keeps its large values (the document, the two package dicts
and the whole vector) out of line: ``toast_tuple_target`` moves them to the
TOAST table while the columns that searches filter, sort and count on stay in
the row (``MAIN``). A search that counts tens of thousands of rows then reads
a heap a fraction of the size.

Rows written before this migration keep their old vectors and layout (they
still match and rank correctly) until ``ckan asmhub search-index rebuild``
rewrites them.

Revision ID: 0007_aligned_vectors
Revises: 0006_drop_labels_index
Create Date: 2026-11-22
"""
from alembic import op

from ckanext.asmhub.migration import revisions

revision = "0007_aligned_vectors"
down_revision = "0006_drop_labels_index"
branch_labels = None
depends_on = None

STEMMERS = ("english", "french", "spanish", "portuguese")
# Columns read by filters, sorts and counts: kept in the row.
IN_ROW = ("index_id", "id", "site_id", "name", "title", "title_string", "state", "capacity",
          "dataset_type", "entity_type", "owner_org", "organization", "license_id",
          "creator_user_id", "tags", "groups", "res_format", "permission_labels",
          "title_vector", "facet_values")


def _function(name: str, returns: str, body: str) -> str:
    return (f"CREATE OR REPLACE FUNCTION {name}(body text) RETURNS {returns} "
            f"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ {body} $$")


def _merged_vector() -> str:
    """One vector of every configuration's lexemes, each at its words' positions.

    Each configuration's vector is written out as text with its own positions
    and the texts are read back as one vector: reading merges a lexeme that
    appears more than once and unites its positions (keeping at most 256, as
    ``to_tsvector`` does).
    """
    texts = " || ' ' || ".join(f"to_tsvector('asmhub_{s}', body)::text"
                               for s in STEMMERS + ("simple",))
    return f"SELECT ({texts})::tsvector"


def _distinct_query(kind: str) -> str:
    """The OR of each configuration's query, each distinct query once."""
    queries = ", ".join(f"{kind}('asmhub_{s}', body)" for s in STEMMERS)
    part = "'(' || q::text || ')'"
    return (f"SELECT coalesce(string_agg(DISTINCT {part}, ' | ' ORDER BY {part}), '')::tsquery "
            f"FROM unnest(ARRAY[{queries}]) q WHERE q::text <> ''")


def upgrade():
    op.execute(_function("asmhub_tsvector", "tsvector", _merged_vector()))
    op.execute(_function("asmhub_plain_tsquery", "tsquery", _distinct_query("plainto_tsquery")))
    op.execute(_function("asmhub_phrase_tsquery", "tsquery", _distinct_query("phraseto_tsquery")))
    op.execute("ALTER TABLE asmhub_search_doc SET (toast_tuple_target = 128)")
    op.execute("ALTER TABLE asmhub_search_doc "
               + ", ".join(f"ALTER COLUMN {c} SET STORAGE MAIN" for c in IN_ROW))


def downgrade():
    op.execute("ALTER TABLE asmhub_search_doc RESET (toast_tuple_target)")
    op.execute("ALTER TABLE asmhub_search_doc "
               + ", ".join(f"ALTER COLUMN {c} SET STORAGE EXTENDED" for c in IN_ROW))
    revisions.load("0001_search_index.py").create_functions()
