"""Drop the GIN index on permission labels.

Almost every indexed dataset carries the ``public`` label and every visitor's
labels include it, so the index never narrows a search; what it did do was
lure the planner away from the text indexes: a text search would read every
public row's search vector instead of asking the text index which rows match.

Revision ID: 0006_drop_labels_index
Revises: 0005_count_country_pairs
Create Date: 2026-11-21
"""
from alembic import op

revision = "0006_drop_labels_index"
down_revision = "0005_count_country_pairs"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DROP INDEX IF EXISTS asmhub_search_doc_permission_labels_idx")


def downgrade():
    op.execute("CREATE INDEX IF NOT EXISTS asmhub_search_doc_permission_labels_idx "
               "ON asmhub_search_doc USING gin (permission_labels) WITH (gin_pending_list_limit = 256)")
