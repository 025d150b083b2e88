"""The outbox table (alembic revisions 0002 and 0011) and the queries on it."""
from __future__ import annotations

import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from ckan import model

PENDING, SENT, FAILED = "pending", "sent", "failed"
STATUSES = (PENDING, SENT, FAILED)

mail = sa.Table(
    "asmhub_mail", sa.MetaData(),
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("event_id", sa.BigInteger),
    sa.Column("recipient_id", sa.UnicodeText),
    sa.Column("recipient_name", sa.UnicodeText),
    sa.Column("recipient_email", sa.UnicodeText, nullable=False),
    sa.Column("subject", sa.UnicodeText, nullable=False),
    sa.Column("body", sa.UnicodeText, nullable=False),
    sa.Column("body_html", sa.UnicodeText),
    sa.Column("headers", JSONB),
    sa.Column("status", sa.UnicodeText, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("last_error", sa.UnicodeText),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_attempt_at", sa.DateTime(timezone=True)),
    sa.Column("sent_at", sa.DateTime(timezone=True)),
)


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def insert(**values: Any) -> Any:
    """The statement that adds one pending mail; it returns the new id."""
    return sa.insert(mail).values(status=PENDING, attempts=0, created_at=now(),
                                  **values).returning(mail.c.id)


def get(mail_id: int) -> dict[str, Any] | None:
    row = model.Session.execute(sa.select(mail).where(mail.c.id == mail_id)).mappings().first()
    return dict(row) if row else None


def mark(mail_id: int, **values: Any) -> None:
    model.Session.execute(sa.update(mail).where(mail.c.id == mail_id).values(**values))


def unsent_ids() -> list[int]:
    return list(model.Session.scalars(
        sa.select(mail.c.id).where(mail.c.status != SENT).order_by(mail.c.id)))


def page(status: str | None, unsent: bool, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """How many mails match, and one page of them, newest first."""
    where = []
    if status:
        where.append(mail.c.status == status)
    if unsent:
        where.append(mail.c.status != SENT)
    count = model.Session.scalar(sa.select(sa.func.count()).select_from(mail).where(*where))
    rows = model.Session.execute(
        sa.select(mail).where(*where).order_by(mail.c.created_at.desc(), mail.c.id.desc())
        .limit(limit).offset(offset)).mappings()
    return count, [dict(r) for r in rows]
