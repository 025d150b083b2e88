"""A generation number for the search index, renewed by every write statement.

Searches cache their answers in Redis under the generation their transaction
sees. A sequence never hands out a number twice, even after a rollback, so an
answer cached under a generation is the answer for exactly that state of the
index; ``epoch`` tells one database (or one re-created table) from another.

Revision ID: 0004_search_generation
Revises: 0003_search_facet_counts
Create Date: 2026-11-21
"""
from alembic import op

revision = "0004_search_generation"
down_revision = "0003_search_facet_counts"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE SEQUENCE IF NOT EXISTS asmhub_search_generation_seq")
    op.execute("CREATE TABLE IF NOT EXISTS asmhub_search_generation ("
               "id integer PRIMARY KEY CHECK (id = 1), "
               "epoch text NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text), "
               "n bigint NOT NULL)")
    op.execute("INSERT INTO asmhub_search_generation (id, n) "
               "VALUES (1, nextval('asmhub_search_generation_seq')) ON CONFLICT DO NOTHING")
    op.execute("CREATE OR REPLACE FUNCTION asmhub_search_generation_bump() RETURNS trigger "
               "LANGUAGE plpgsql AS $$ BEGIN UPDATE asmhub_search_generation "
               "SET n = nextval('asmhub_search_generation_seq'); RETURN NULL; END $$")
    op.execute("DROP TRIGGER IF EXISTS asmhub_search_generation_bump ON asmhub_search_doc")
    op.execute("CREATE TRIGGER asmhub_search_generation_bump AFTER INSERT OR UPDATE OR DELETE "
               "OR TRUNCATE ON asmhub_search_doc FOR EACH STATEMENT "
               "EXECUTE FUNCTION asmhub_search_generation_bump()")


def downgrade():
    op.execute("DROP TRIGGER IF EXISTS asmhub_search_generation_bump ON asmhub_search_doc")
    op.execute("DROP FUNCTION IF EXISTS asmhub_search_generation_bump()")
    op.execute("DROP TABLE IF EXISTS asmhub_search_generation")
    op.execute("DROP SEQUENCE IF EXISTS asmhub_search_generation_seq")
