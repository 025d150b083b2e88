"""The review notices' outbox becomes the outbox of every mail the hub sends.

CKAN's own mail (password resets, invitations, activity notices) now goes
through it too (``ckanext.asmhub.mail``), so a row names its recipient by
address, not only by user, and may carry an HTML body and extra headers. Existing notices keep
their recipient's current name and address.

Revision ID: 0011_mail_outbox
Revises: 0010_count_field_index
Create Date: 2026-12-04
"""
from alembic import op

revision = "0011_mail_outbox"
down_revision = "0010_count_field_index"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE asmhub_review_mail RENAME TO asmhub_mail")
    op.execute("ALTER INDEX asmhub_review_mail_status_idx RENAME TO asmhub_mail_status_idx")
    op.execute("ALTER TABLE asmhub_mail ALTER COLUMN recipient_id DROP NOT NULL")
    op.execute("ALTER TABLE asmhub_mail ADD COLUMN recipient_name text, "
               "ADD COLUMN recipient_email text, ADD COLUMN body_html text, ADD COLUMN headers jsonb")
    op.execute("""
    UPDATE asmhub_mail m SET recipient_name = coalesce(u.fullname, u.name),
                             recipient_email = coalesce(u.email, '')
    FROM "user" u WHERE u.id = m.recipient_id""")
    op.execute("UPDATE asmhub_mail SET recipient_email = '' WHERE recipient_email IS NULL")
    op.execute("ALTER TABLE asmhub_mail ALTER COLUMN recipient_email SET NOT NULL")
    op.execute("CREATE INDEX asmhub_mail_created_idx ON asmhub_mail (created_at DESC, id DESC)")


def downgrade():
    op.execute("DROP INDEX IF EXISTS asmhub_mail_created_idx")
    op.execute("DELETE FROM asmhub_mail WHERE recipient_id IS NULL")
    op.execute("ALTER TABLE asmhub_mail DROP COLUMN recipient_name, DROP COLUMN recipient_email, "
               "DROP COLUMN body_html, DROP COLUMN headers")
    op.execute("ALTER TABLE asmhub_mail ALTER COLUMN recipient_id SET NOT NULL")
    op.execute("ALTER INDEX asmhub_mail_status_idx RENAME TO asmhub_review_mail_status_idx")
    op.execute("ALTER TABLE asmhub_mail RENAME TO asmhub_review_mail")
