"""Moderated publishing and the mail outbox, as one baseline.

``asmhub_review`` holds each dataset's current review state (one row per
dataset); ``asmhub_review_event`` is the audit trail, which a trigger keeps
append-only (no UPDATE or DELETE); ``asmhub_moderator`` lists the users granted
the moderator role; ``asmhub_mail`` is the outbox of every mail the hub sends
(review notices and CKAN's own), with its delivery attempts. Datasets that
already exist are recorded as approved, so what was public stays public.

This is what the hub's old single chain (0001-0011, before 0.1.0) left of
these tables, names included: the outbox began as ``asmhub_review_mail``, and
its sequence and constraints keep that name. The search index's tables moved
to the ``asmhub_search`` plugin's own baseline. A database at the old chain's
head, ``0011_mail_outbox``, is adopted by ``env.py`` (its version becomes this
one; nothing is created): docs/operations.md.

Revision ID: 0001_review_and_mail
Revises:
Create Date: 2026-12-04
"""
from alembic import op

revision = "0001_review_and_mail"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
    CREATE TABLE asmhub_review (
        package_id text PRIMARY KEY REFERENCES package (id) ON DELETE CASCADE,
        state text NOT NULL,
        contributor_id text REFERENCES "user" (id) ON DELETE SET NULL,
        submitted_at timestamptz,
        decided_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
    )""")
    op.execute("CREATE INDEX asmhub_review_state_idx ON asmhub_review (state, submitted_at)")
    op.execute("CREATE INDEX asmhub_review_contributor_idx ON asmhub_review (contributor_id)")
    op.execute("""
    CREATE TABLE asmhub_review_event (
        id bigserial PRIMARY KEY,
        package_id text NOT NULL,
        kind text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        comment text,
        required_changes jsonb NOT NULL DEFAULT '[]',
        criteria jsonb NOT NULL DEFAULT '{}',
        snapshot jsonb
    )""")
    op.execute("CREATE INDEX asmhub_review_event_package_idx "
               "ON asmhub_review_event (package_id, created_at)")
    op.execute("""
    CREATE OR REPLACE FUNCTION asmhub_review_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'asmhub_review_event is append-only';
    END $$""")
    op.execute("""
    CREATE TRIGGER asmhub_review_event_append_only
    BEFORE UPDATE OR DELETE ON asmhub_review_event
    FOR EACH ROW EXECUTE FUNCTION asmhub_review_event_append_only()""")
    op.execute("""
    CREATE TABLE asmhub_moderator (
        user_id text PRIMARY KEY REFERENCES "user" (id) ON DELETE CASCADE,
        granted_by text,
        granted_at timestamptz NOT NULL DEFAULT now()
    )""")
    # A recipient is named by address (CKAN's own mail may have no user).
    op.execute("CREATE SEQUENCE IF NOT EXISTS asmhub_review_mail_id_seq")
    op.execute("""
    CREATE TABLE asmhub_mail (
        id bigint NOT NULL DEFAULT nextval('asmhub_review_mail_id_seq'),
        event_id bigint,
        recipient_id text,
        subject text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        sent_at timestamptz,
        recipient_name text,
        recipient_email text NOT NULL,
        body_html text,
        headers jsonb,
        CONSTRAINT asmhub_review_mail_pkey PRIMARY KEY (id),
        CONSTRAINT asmhub_review_mail_event_id_fkey FOREIGN KEY (event_id)
            REFERENCES asmhub_review_event (id)
    )""")
    op.execute("ALTER SEQUENCE asmhub_review_mail_id_seq OWNED BY asmhub_mail.id")
    op.execute("CREATE INDEX asmhub_mail_status_idx ON asmhub_mail (status)")
    op.execute("CREATE INDEX asmhub_mail_created_idx ON asmhub_mail (created_at DESC, id DESC)")
    op.execute("""
    INSERT INTO asmhub_review (package_id, state, contributor_id, decided_at)
    SELECT p.id, 'approved', u.id, now() FROM package p
    LEFT JOIN "user" u ON u.id = p.creator_user_id
    WHERE p.type = 'dataset'""")
    op.execute("""
    INSERT INTO asmhub_review_event (package_id, kind, to_state, comment)
    SELECT package_id, 'published', 'approved',
           'Published before moderated publishing was enabled'
    FROM asmhub_review""")


def downgrade():
    op.execute("DROP TABLE IF EXISTS asmhub_mail")
    op.execute("DROP SEQUENCE IF EXISTS asmhub_review_mail_id_seq")
    op.execute("DROP TABLE IF EXISTS asmhub_moderator")
    op.execute("DROP TABLE IF EXISTS asmhub_review_event")
    op.execute("DROP FUNCTION IF EXISTS asmhub_review_event_append_only()")
    op.execute("DROP TABLE IF EXISTS asmhub_review")
