"""An index on the field of the kept counts, so a facet count reads only its fields.

``asmhub_search_count`` holds, besides the dataset page's facet values, one
counter per published figure and per country pair for the Countries pages:
at 100k datasets some 90,000 rows, 74 MB. Every count of hits and facets
asks for a few fields (``field = ANY(...)``), but the only index led with the
class columns, so each request read the whole table (35–45 ms for the empty
query with five facets). With this index it reads the requested fields' rows.

Revision ID: 0010_count_field_index
Revises: 0009_term_counts
Create Date: 2026-11-22
"""
from alembic import op

revision = "0010_count_field_index"
down_revision = "0009_term_counts"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE INDEX IF NOT EXISTS asmhub_search_count_field ON asmhub_search_count (field)")


def downgrade():
    op.execute("DROP INDEX IF EXISTS asmhub_search_count_field")
