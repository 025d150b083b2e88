"""Mail in its recipient's language.

Email templates are ordinary Jinja templates with ``{% trans %}`` / ``_()``;
the catalogues make one template exist in every language, and rendering it
inside ``in_locale(user_locale(user))`` picks the recipient's.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from . import in_locale
from .users import user_locale


def render_for(user: model.User, subject_template: str, body_template: str,
               extra_vars: dict[str, Any]) -> tuple[str, str]:
    """The subject (first line only) and body of a mail, in ``user``'s language."""
    with in_locale(user_locale(user)):
        subject = tk.render(subject_template, extra_vars).strip().split("\n")[0]
        body = tk.render(body_template, extra_vars)
    return subject, body


def mail_user(user: model.User, subject_template: str, body_template: str,
              extra_vars: dict[str, Any]) -> None:
    """Send ``user`` a mail rendered in their language through CKAN's mailer."""
    subject, body = render_for(user, subject_template, body_template, extra_vars)
    tk.mail_user(user, subject, body)
