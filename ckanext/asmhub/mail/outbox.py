"""Record a mail, send it from a background job, record the outcome, retry.

A mail that announces a change (a review decision) is written in that
change's transaction and queued only once it has committed (``queue``): if
the change rolls back, no mail goes out. Mail CKAN itself sends (``capture``)
is written at once in a transaction of its own, as CKAN would have sent it
at once. The job (``send``) marks the row sent or failed; on failure it raises
so that RQ tries again after ``ckanext.asmhub.mail.retry_intervals``.
"""
from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

import sqlalchemy as sa
from rq import Retry

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.mailer import MailerException

from . import model as mail_model

log = logging.getLogger(__name__)

_PENDING = "asmhub_mail_pending"
# Set while the job hands a mail to CKAN's mailer, so ``capture`` lets it through.
_delivering: ContextVar[bool] = ContextVar("asmhub_mail_delivering", default=False)


def queue(recipient: model.User, subject: str, body: str, event_id: int | None = None) -> int:
    """Write a mail to ``recipient`` in the current transaction; send it after the commit."""
    mail_id = model.Session.scalar(mail_model.insert(
        event_id=event_id, recipient_id=recipient.id, recipient_name=recipient.display_name,
        recipient_email=recipient.email or "", subject=subject, body=body))
    model.Session().info.setdefault(_PENDING, []).append(mail_id)
    return mail_id


@sa.event.listens_for(model.Session, "after_commit")
def _enqueue_committed(session: Any) -> None:
    for mail_id in session.info.pop(_PENDING, []):
        enqueue(mail_id)


def capture(notification_sent: bool, recipient_name: str, recipient_email: str, subject: str,
            body: str, body_html: str | None = None, headers: dict[str, Any] | None = None,
            attachments: Any = None) -> bool:
    """``INotifier.notify_recipient``: take CKAN's own mail into the outbox.

    Mail with attachments (CKAN core sends none) is left to CKAN's mailer, and
    so is any mail the outbox cannot record.
    """
    if notification_sent or _delivering.get() or attachments:
        return notification_sent
    try:
        with model.meta.engine.begin() as connection:
            mail_id = connection.scalar(mail_model.insert(
                recipient_name=recipient_name, recipient_email=recipient_email, subject=subject,
                body=body, body_html=body_html, headers=headers or None))
    except sa.exc.SQLAlchemyError:
        log.exception("Could not record a mail to %s; CKAN sends it directly", recipient_email)
        return notification_sent
    enqueue(mail_id)
    return True


def enqueue(mail_id: int) -> None:
    """Queue the sending job; if Redis is unreachable the mail stays pending."""
    intervals = [int(i) for i in tk.config.get("ckanext.asmhub.mail.retry_intervals")]
    try:
        tk.enqueue_job(send, [mail_id], title=f"asmhub mail {mail_id}",
                       rq_kwargs={"retry": Retry(max=len(intervals), interval=intervals)}
                       if intervals else None)
    except Exception:  # the change is saved; the mail waits for a retry
        log.exception("Could not queue mail %s; it stays pending", mail_id)


def one_line(text: str | None) -> str:
    """A header's text on one line. A dataset title or a name may hold line breaks, which
    Python's mailer refuses in a header (the mail could never be sent); they are spaces."""
    return " ".join((text or "").split())


def send(mail_id: int) -> None:
    """Background job: send one mail; record the outcome; raise so RQ retries."""
    row = mail_model.get(mail_id)
    if row is None or row["status"] == mail_model.SENT:
        return
    attempt = {"attempts": row["attempts"] + 1, "last_attempt_at": mail_model.now()}
    token = _delivering.set(True)
    try:
        if not row["recipient_email"]:
            raise MailerException("The recipient has no email address")
        if not tk.config.get("smtp.server"):
            raise MailerException("No mail server is set (smtp.server)")
        tk.mail_recipient(one_line(row["recipient_name"]) or row["recipient_email"], row["recipient_email"],
                          one_line(row["subject"]), row["body"], body_html=row["body_html"],
                          headers=row["headers"])
    except Exception as error:
        mail_model.mark(mail_id, status=mail_model.FAILED,
                        last_error=str(error) or repr(error), **attempt)
        model.Session.commit()
        raise
    finally:
        _delivering.reset(token)
    mail_model.mark(mail_id, status=mail_model.SENT, sent_at=mail_model.now(), last_error=None,
                    **attempt)
    model.Session.commit()


def retry_unsent() -> int:
    """Queue every mail not yet delivered again; return how many."""
    ids = mail_model.unsent_ids()
    for mail_id in ids:
        enqueue(mail_id)
    return len(ids)
