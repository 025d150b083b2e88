"""The ``asmhub_mail`` plugin: the outbox (see this package's docstring).

Needs nothing but CKAN: every mail the hub sends, CKAN's own included, is
recorded and sent by a background job that retries.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig

from .. import cli as hub_cli
from . import actions, auth, helpers, outbox, views
from .cli import mail


@tk.blanket.config_declarations
@tk.blanket.actions(actions)
@tk.blanket.auth_functions(auth)
@tk.blanket.helpers(helpers)
@tk.blanket.blueprints(views)
class AsmhubMailPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(p.INotifier, inherit=True)
    p.implements(p.IClick)

    # IConfigurer
    def update_config(self, config_: CKANConfig) -> None:
        tk.add_template_directory(config_, "templates")

    # INotifier
    def notify_recipient(self, notification_sent: bool, recipient_name: str, recipient_email: str,
                         subject: str, body: str, body_html: str | None = None,
                         headers: dict[str, Any] | None = None, attachments: Any = None) -> bool:
        return outbox.capture(notification_sent, recipient_name, recipient_email, subject, body,
                              body_html, headers, attachments)

    # IClick: ``ckan asmhub mail sink|retry``
    def get_commands(self) -> list[Any]:
        return [hub_cli.group_with(mail)]
