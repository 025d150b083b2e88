"""Review notices by email, written to the hub's outbox (``ckanext.asmhub.mail``).

The notices subscribe to the review signals (``actions.submitted`` and
``actions.decided``, through ``ISignal`` in ``AsmhubReviewPlugin``), which are
sent inside the transaction of the submission or decision they announce: a
notice joins that transaction and is sent by a background job once it commits,
so a decision never waits for, nor is lost by, the mail server, and a decision
rolled back (by a caller that deferred the commit) sends nothing.

Each notice is written in its recipient's language (``localisation.users``),
whatever the language of the person whose action sends it.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ..localisation import in_locale
from ..localisation.users import user_locale
from ..mail import outbox
from . import model as review_model
from . import state_label


def site_url(path: str) -> str:
    return tk.config.get("ckan.site_url").rstrip("/") + path


def _greeting(user: model.User) -> str:
    return tk._("Dear {name},").format(name=user.display_name)


def on_submitted(sender: str, event: dict[str, Any], package: model.Package,
                 contributor: model.User | None, **kwargs: Any) -> None:
    """``asmhub_review_submitted``: tell the moderators."""
    notify_moderators(event, package, contributor)


def on_decided(sender: str, event: dict[str, Any], package: model.Package,
               contributor: model.User | None, **kwargs: Any) -> None:
    """``asmhub_review_decided``: tell the contributor."""
    notify_contributor(event, package, contributor)


def notify_moderators(event: dict[str, Any], pkg: model.Package, contributor: model.User | None) -> None:
    """To every moderator with an email address but the contributor."""
    for moderator in review_model.moderator_users():
        if moderator.email and (contributor is None or moderator.id != contributor.id):
            with in_locale(user_locale(moderator)):
                subject, body = _moderator_notice(event, pkg, contributor, moderator)
            outbox.queue(moderator, subject, body, event_id=event["id"])


def _moderator_notice(event: dict[str, Any], pkg: model.Package, contributor: model.User | None,
                      moderator: model.User) -> tuple[str, str]:
    site = tk.config.get("ckan.site_title")
    kind = {
        "submitted": tk._("New contribution to review"),
        "resubmitted": tk._("Contribution resubmitted for review"),
        "edited": tk._("Approved dataset edited, to review again"),
    }.get(event["kind"], tk._("Contribution to review"))
    subject = tk._("[{site}] {kind}: {title}").format(site=site, kind=kind, title=pkg.title or pkg.name)
    org = pkg.get_groups("organization")
    lines = [
        _greeting(moderator), "",
        tk._("{kind}: “{title}”").format(kind=kind, title=pkg.title or pkg.name),
        tk._("Contributor: {name}").format(name=contributor.display_name if contributor else "-"),
        tk._("Organisation: {org}").format(org=org[0].display_name if org else "-"),
    ]
    if event.get("comment"):
        lines.append(tk._("Message from the contributor: {comment}").format(comment=event["comment"]))
    lines += ["", tk._("Review it here: {url}").format(url=site_url(f"/review/{pkg.name}"))]
    return subject, "\n".join(lines)


def notify_contributor(event: dict[str, Any], pkg: model.Package, contributor: model.User | None) -> None:
    """The outcome, what was asked or why, and what to do next."""
    if contributor is None or not contributor.email:
        return
    with in_locale(user_locale(contributor)):
        subject, body = _contributor_notice(event, pkg, contributor)
    outbox.queue(contributor, subject, body, event_id=event["id"])


def _contributor_notice(event: dict[str, Any], pkg: model.Package, contributor: model.User) -> tuple[str, str]:
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
    return subject, "\n".join(lines)
