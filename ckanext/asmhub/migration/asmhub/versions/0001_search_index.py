"""The PostgreSQL search index: one row per indexed dataset.

Also creates the accent-folding, stemming text search configurations (English,
French, Spanish, Portuguese and an unstemmed one for prefixes) and the SQL
functions that build vectors and queries across all of them, so that the
Python side names one function instead of five configurations.

Revision ID: 0001_search_index
Revises:
Create Date: 2026-11-21
"""
from alembic import op

revision = "0001_search_index"
down_revision = None
branch_labels = None
depends_on = None

STEMMERS = ("english", "french", "spanish", "portuguese")


def _config_sql(name: str, dictionary: str) -> str:
    return f"""
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'asmhub_{name}') THEN
        CREATE TEXT SEARCH CONFIGURATION asmhub_{name} (COPY = {name});
        ALTER TEXT SEARCH CONFIGURATION asmhub_{name}
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary};
      END IF;
    END $$;
    """


def create_functions():
    """The vector and query functions over all configurations (0007 replaces them)."""
    vectors = " || ".join(f"to_tsvector('asmhub_{s}', body)" for s in STEMMERS + ("simple",))
    plain = " || ".join(f"plainto_tsquery('asmhub_{s}', body)" for s in STEMMERS)
    phrase = " || ".join(f"phraseto_tsquery('asmhub_{s}', body)" for s in STEMMERS)
    for fn, expr, returns in (
        ("asmhub_tsvector", vectors, "tsvector"),
        ("asmhub_plain_tsquery", plain, "tsquery"),
        ("asmhub_phrase_tsquery", phrase, "tsquery"),
    ):
        op.execute(
            f"CREATE OR REPLACE FUNCTION {fn}(body text) RETURNS {returns} "
            f"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT {expr} $$"
        )


def upgrade():
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for stemmer in STEMMERS:
        op.execute(_config_sql(stemmer, f"{stemmer}_stem"))
    op.execute(_config_sql("simple", "simple"))

    create_functions()

    op.execute("""
    CREATE TABLE IF NOT EXISTS asmhub_search_doc (
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
        indexed_at timestamptz NOT NULL DEFAULT now()
    )
    """)
    for column in ("id", "name", "owner_org", "metadata_modified", "metadata_created",
                   "title_string"):
        op.execute(f"CREATE INDEX IF NOT EXISTS asmhub_search_doc_{column}_idx "
                   f"ON asmhub_search_doc ({column})")
    for column in ("tags", "groups", "res_format", "permission_labels", "search_vector"):
        op.execute(f"CREATE INDEX IF NOT EXISTS asmhub_search_doc_{column}_idx "
                   f"ON asmhub_search_doc USING gin ({column})")
    op.execute("CREATE INDEX IF NOT EXISTS asmhub_search_doc_doc_idx "
               "ON asmhub_search_doc USING gin (doc jsonb_path_ops)")
    op.execute("CREATE INDEX IF NOT EXISTS asmhub_search_doc_bbox_idx "
               "ON asmhub_search_doc USING gist (bbox)")
    for column in ("name", "title"):
        op.execute(f"CREATE INDEX IF NOT EXISTS asmhub_search_doc_{column}_trgm_idx "
                   f"ON asmhub_search_doc USING gin ({column} gin_trgm_ops)")


def downgrade():
    op.execute("DROP TABLE IF EXISTS asmhub_search_doc")
    for fn in ("asmhub_tsvector", "asmhub_plain_tsquery", "asmhub_phrase_tsquery"):
        op.execute(f"DROP FUNCTION IF EXISTS {fn}(text)")
    for name in STEMMERS + ("simple",):
        op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS asmhub_{name}")
