"""The review tables (created by alembic revision 0002) and the queries on them.

Everything goes through ``model.Session``, so review rows commit or roll back
with the dataset change or decision that wrote them.
"""
from __future__ import annotations

import datetime
from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from ckan import model

metadata = sa.MetaData()

review = sa.Table(
    "asmhub_review", metadata,
    sa.Column("package_id", sa.UnicodeText, primary_key=True),
    sa.Column("state", sa.UnicodeText, nullable=False),
    sa.Column("contributor_id", sa.UnicodeText),
    sa.Column("submitted_at", sa.DateTime(timezone=True)),
    sa.Column("decided_at", sa.DateTime(timezone=True)),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

event = sa.Table(
    "asmhub_review_event", metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("package_id", sa.UnicodeText, nullable=False),
    sa.Column("kind", sa.UnicodeText, nullable=False),
    sa.Column("from_state", sa.UnicodeText),
    sa.Column("to_state", sa.UnicodeText, nullable=False),
    sa.Column("actor_id", sa.UnicodeText),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("comment", sa.UnicodeText),
    sa.Column("required_changes", JSONB, nullable=False),
    sa.Column("criteria", JSONB, nullable=False),
    sa.Column("snapshot", JSONB),
)

moderator = sa.Table(
    "asmhub_moderator", metadata,
    sa.Column("user_id", sa.UnicodeText, primary_key=True),
    sa.Column("granted_by", sa.UnicodeText),
    sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
)


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def _one(statement: Any) -> dict[str, Any] | None:
    row = model.Session.execute(statement).mappings().first()
    return dict(row) if row else None


def _all(statement: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in model.Session.execute(statement).mappings()]


# Review state ---------------------------------------------------------------

def get_review(package_id: str, for_update: bool = False) -> dict[str, Any] | None:
    query = sa.select(review).where(review.c.package_id == package_id)
    if for_update:
        query = query.with_for_update()
    return _one(query)


def review_states(package_ids: Iterable[str]) -> dict[str, str]:
    ids = list(package_ids)
    if not ids:
        return {}
    rows = model.Session.execute(
        sa.select(review.c.package_id, review.c.state).where(review.c.package_id.in_(ids)))
    return dict(rows.all())


def hidden_package_ids() -> set[str]:
    """Datasets under review (anything but approved)."""
    return set(model.Session.scalars(
        sa.select(review.c.package_id).where(review.c.state != "approved")))


def save_review(package_id: str, **values: Any) -> None:
    values["updated_at"] = now()
    if get_review(package_id) is None:
        model.Session.execute(sa.insert(review).values(package_id=package_id, **values))
    else:
        model.Session.execute(
            sa.update(review).where(review.c.package_id == package_id).values(**values))


def add_event(package_id: str, kind: str, from_state: str | None, to_state: str,
              actor_id: str | None, comment: str | None = None,
              required_changes: list[str] | None = None,
              criteria: dict[str, Any] | None = None,
              snapshot: dict[str, Any] | None = None) -> dict[str, Any]:
    row = model.Session.execute(sa.insert(event).values(
        package_id=package_id, kind=kind, from_state=from_state, to_state=to_state,
        actor_id=actor_id, created_at=now(), comment=comment or None,
        required_changes=required_changes or [], criteria=criteria or {},
        snapshot=snapshot,
    ).returning(*event.c)).mappings().one()
    return dict(row)


def events(package_id: str) -> list[dict[str, Any]]:
    """A dataset's audit trail, oldest first, each event with its actor's name (one query)."""
    users = model.User.__table__
    return _all(sa.select(event, users.c.name.label("actor_name"))
                .select_from(event.outerjoin(users, users.c.id == event.c.actor_id))
                .where(event.c.package_id == package_id)
                .order_by(event.c.created_at, event.c.id))


def last_event(package_id: str, kinds: Iterable[str]) -> dict[str, Any] | None:
    return _one(sa.select(event)
                .where(event.c.package_id == package_id, event.c.kind.in_(list(kinds)))
                .order_by(event.c.created_at.desc(), event.c.id.desc()).limit(1))


def last_events(package_ids: Iterable[str], kinds: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The latest event of these kinds of each dataset (without its snapshot), in one query."""
    ids = list(package_ids)
    if not ids:
        return {}
    rows = _all(sa.select(event.c.id, event.c.package_id, event.c.kind, event.c.created_at,
                          event.c.comment, event.c.required_changes)
                .where(event.c.package_id.in_(ids), event.c.kind.in_(list(kinds)))
                .order_by(event.c.package_id, event.c.created_at.desc(), event.c.id.desc())
                .distinct(event.c.package_id))
    return {row["package_id"]: row for row in rows}


def queue(states: Iterable[str], organization_id: str | None = None,
          submitted_before: datetime.datetime | None = None,
          limit: int = 100, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """How many match, and a page of them with their dataset's name, title and
    organisation and their contributor: two queries, whatever the page's size."""
    pkg, user, org = model.package_table, model.user_table, model.group_table
    where = [review.c.state.in_(list(states)), pkg.c.state != "deleted"]
    if organization_id:
        where.append(pkg.c.owner_org == organization_id)
    if submitted_before:
        where.append(review.c.submitted_at <= submitted_before)
    matching = sa.select(review.c.package_id).join(pkg, pkg.c.id == review.c.package_id).where(*where)
    count = model.Session.scalar(sa.select(sa.func.count()).select_from(matching.subquery()))
    rows = _all(sa.select(review, pkg.c.name, pkg.c.title, pkg.c.owner_org,
                          org.c.name.label("organization_name"),
                          org.c.title.label("organization_title"),
                          user.c.name.label("contributor_name"),
                          user.c.fullname.label("contributor_fullname"))
                .join(pkg, pkg.c.id == review.c.package_id)
                .outerjoin(org, org.c.id == pkg.c.owner_org)
                .outerjoin(user, user.c.id == review.c.contributor_id)
                .where(*where)
                .order_by(review.c.submitted_at.asc().nulls_last(), pkg.c.name)
                .limit(limit).offset(offset))
    return count, rows


def state_counts() -> dict[str, int]:
    pkg = model.package_table
    rows = model.Session.execute(
        sa.select(review.c.state, sa.func.count())
        .join(pkg, pkg.c.id == review.c.package_id)
        .where(pkg.c.state != "deleted").group_by(review.c.state))
    return dict(rows.all())


def decisions_since(since: datetime.datetime) -> list[dict[str, Any]]:
    """Each decision since ``since`` with the submission it answered."""
    submitted = sa.select(sa.func.max(event.c.created_at)).where(
        event.c.package_id == sa.literal_column("d.package_id"),
        event.c.kind.in_(("submitted", "resubmitted", "edited")),
        event.c.created_at <= sa.literal_column("d.created_at"),
    ).scalar_subquery()
    d = event.alias("d")
    return _all(sa.select(d.c.package_id, d.c.kind, d.c.created_at.label("decided_at"),
                          submitted.label("submitted_at"))
                .where(d.c.kind.in_(("approved", "revisions_requested", "denied")),
                       d.c.created_at >= since))


def contributions(user_id: str) -> list[dict[str, Any]]:
    pkg = model.package_table
    return _all(sa.select(review, pkg.c.name, pkg.c.title, pkg.c.owner_org)
                .join(pkg, pkg.c.id == review.c.package_id)
                .where(review.c.contributor_id == user_id, pkg.c.state != "deleted")
                .order_by(review.c.updated_at.desc()))


# Moderators -----------------------------------------------------------------

def is_moderator_id(user_id: str) -> bool:
    return model.Session.scalar(
        sa.select(sa.func.count()).where(moderator.c.user_id == user_id)) > 0


def grant(user_id: str, granted_by: str | None) -> bool:
    if is_moderator_id(user_id):
        return False
    model.Session.execute(sa.insert(moderator).values(
        user_id=user_id, granted_by=granted_by, granted_at=now()))
    return True


def revoke(user_id: str) -> bool:
    result = model.Session.execute(sa.delete(moderator).where(moderator.c.user_id == user_id))
    return result.rowcount > 0


def moderator_users() -> list[model.User]:
    """Everyone who moderates: the granted moderators and the sysadmins."""
    granted = sa.select(moderator.c.user_id)
    return (model.Session.query(model.User)
            .filter(model.User.state == "active")
            .filter(sa.or_(model.User.sysadmin.is_(True), model.User.id.in_(granted)))
            .order_by(model.User.name).all())
