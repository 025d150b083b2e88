"""Review notices by email, sent off the request through an outbox.

A notice is written to ``asmhub_review_mail`` in the same transaction as the
submission or decision it announces, and queued as a background job (RQ on
Redis) only once that transaction has committed. The job sends it with CKAN's
mailer; if sending fails the attempt and its error are recorded and RQ retries
later (``ckanext.asmhub.review.mail_retry_intervals``). A decision therefore
never waits for, nor is lost by, the mail server. Sysadmins see undelivered
notices on the review queue page and can send them again.
"""
from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from rq import Retry

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.mailer import MailerException

from . import model as review_model
from . import state_label

log = logging.getLogger(__name__)

_PENDING = "asmhub_review_mail"


def site_url(path: str) -> str:
    return tk.config.get("ckan.site_url").rstrip("/") + path


def _queue(event_id: int | None, recipient: model.User, subject: str, body: str) -> None:
    mail_id = review_model.add_mail(event_id, recipient.id, subject, body)
    model.Session().info.setdefault(_PENDING, []).append(mail_id)


@sa.event.listens_for(model.Session, "after_commit")
def _enqueue_committed(session: Any) -> None:
    for mail_id in session.info.pop(_PENDING, []):
        enqueue(mail_id)


def enqueue(mail_id: int) -> None:
    """Queue the sending job; if Redis is unreachable the notice stays pending."""
    intervals = [int(i) for i in tk.config.get("ckanext.asmhub.review.mail_retry_intervals")]
    try:
        tk.enqueue_job(send, [mail_id], title=f"asmhub review mail {mail_id}",
                       rq_kwargs={"retry": Retry(max=len(intervals), interval=intervals)}
                       if intervals else None)
    except Exception:  # the decision is saved; the notice waits for a retry
        log.exception("Could not queue review mail %s; it stays pending", mail_id)


def send(mail_id: int) -> None:
    """Background job: send one notice; record the outcome; raise so RQ retries."""
    row = review_model.get_mail(mail_id)
    if row is None or row["status"] == "sent":
        return
    recipient = model.User.get(row["recipient_id"])
    attempt = {"attempts": row["attempts"] + 1, "last_attempt_at": review_model.now()}
    try:
        if recipient is None:
            raise MailerException("The recipient no longer exists")
        tk.mail_user(recipient, row["subject"], row["body"])
    except Exception as error:
        review_model.mark_mail(mail_id, status="failed", last_error=str(error) or repr(error),
                               **attempt)
        model.Session.commit()
        raise
    review_model.mark_mail(mail_id, status="sent", sent_at=review_model.now(),
                           last_error=None, **attempt)
    model.Session.commit()


def retry_unsent() -> int:
    """Queue every notice not yet delivered again; return how many."""
    ids = [row["id"] for row in review_model.unsent_mail()]
    for mail_id in ids:
        enqueue(mail_id)
    return len(ids)


def _greeting(user: model.User) -> str:
    return tk._("Dear {name},").format(name=user.display_name)


def notify_moderators(event: dict[str, Any], pkg: model.Package, contributor: model.User | None) -> None:
    """To every moderator with an email address but the contributor."""
    site = tk.config.get("ckan.site_title")
    kind = {
        "submitted": tk._("New contribution to review"),
        "resubmitted": tk._("Contribution resubmitted for review"),
        "edited": tk._("Approved dataset edited, to review again"),
    }.get(event["kind"], tk._("Contribution to review"))
    subject = tk._("[{site}] {kind}: {title}").format(site=site, kind=kind, title=pkg.title or pkg.name)
    org = pkg.get_groups("organization")
    lines = [
        tk._("{kind}: “{title}”").format(kind=kind, title=pkg.title or pkg.name),
        tk._("Contributor: {name}").format(name=contributor.display_name if contributor else "-"),
        tk._("Organisation: {org}").format(org=org[0].display_name if org else "-"),
    ]
    if event.get("comment"):
        lines.append(tk._("Message from the contributor: {comment}").format(comment=event["comment"]))
    lines += ["", tk._("Review it here: {url}").format(url=site_url(f"/review/{pkg.name}"))]
    for moderator in review_model.moderator_users():
        if moderator.email and (contributor is None or moderator.id != contributor.id):
            _queue(event["id"], moderator, subject,
                   "\n".join([_greeting(moderator), ""] + lines))


def notify_contributor(event: dict[str, Any], pkg: model.Package, contributor: model.User | None) -> None:
    """The outcome, what was asked or why, and what to do next."""
    if contributor is None or not contributor.email:
        return
    decision = event["kind"]
    title = pkg.title or pkg.name
    subject = tk._("[{site}] Your contribution “{title}”: {outcome}").format(
        site=tk.config.get("ckan.site_title"), title=title, outcome=state_label(decision))
    lines = [_greeting(contributor), ""]
    if decision == "approved":
        lines.append(tk._("A moderator approved your contribution “{title}”. It is now "
                          "published in the catalogue.").format(title=title))
    elif decision == "revisions_requested":
        lines.append(tk._("A moderator reviewed your contribution “{title}” and asks for "
                          "these revisions before it can be published:").format(title=title))
        lines += [f"  - {change}" for change in event["required_changes"]]
        lines += ["", tk._("Edit the dataset, then submit it for review again.")]
    else:
        lines.append(tk._("A moderator reviewed your contribution “{title}” and decided not "
                          "to publish it.").format(title=title))
    if event.get("comment"):
        lines += ["", tk._("The moderator's comments: {comment}").format(comment=event["comment"])]
    lines += ["", tk._("Your dataset: {url}").format(url=site_url(f"/dataset/{pkg.name}")),
              tk._("All your contributions: {url}").format(url=site_url("/contributions"))]
    _queue(event["id"], contributor, subject, "\n".join(lines))
