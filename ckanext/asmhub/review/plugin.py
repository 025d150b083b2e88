"""The ``asmhub_review`` plugin: moderated publishing (see this package's docstring).

Needs ``asmhub_mail``: the notices of submissions and decisions go through its outbox.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import CKANConfig

from .. import cli as hub_cli
from ..dependencies import require
from ..search.interfaces import IAsmhubSearch
from . import actions, auth, helpers, states_read_together, user_object, views, visibility
from .cli import moderator


@tk.blanket.config_declarations
@tk.blanket.actions(actions)
@tk.blanket.auth_functions(auth)
@tk.blanket.helpers(helpers)
@tk.blanket.blueprints(views)
class AsmhubReviewPlugin(p.SingletonPlugin):
    """Contributions are public only once a moderator approves them."""
    p.implements(p.IConfigurer)
    p.implements(p.IPermissionLabels)
    p.implements(p.IPackageController, inherit=True)
    p.implements(IAsmhubSearch, inherit=True)
    p.implements(p.ISignal)
    p.implements(p.IClick)

    _labels = visibility.ReviewPermissionLabels()

    # IConfigurer
    def update_config(self, config_: CKANConfig) -> None:
        require(config_, "asmhub_review", "asmhub_mail")
        tk.add_template_directory(config_, "templates")

    # IPermissionLabels
    def get_dataset_labels(self, dataset_obj: model.Package) -> list[str]:
        return self._labels.get_dataset_labels(dataset_obj)

    def get_user_dataset_labels(self, user_obj: model.User) -> list[str]:
        return self._labels.get_user_dataset_labels(user_obj)

    # IPackageController
    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        actions.record_created(model.Package.get(pkg_dict["id"]), user_object(context.get("user")))

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        actions.record_updated(model.Package.get(pkg_dict["id"]), user_object(context.get("user")))

    # ISignal: the notices follow submissions and decisions.
    def get_signal_subscriptions(self) -> dict[Any, Any]:
        from . import mail as review_mail
        return {
            actions.submitted: [review_mail.on_submitted],
            actions.decided: [review_mail.on_decided],
        }

    # IAsmhubSearch: a rebuild batch's review states (behind its permission
    # labels) are read with one query.
    def asmhub_search_batch(self, package_ids: list[str]) -> Any:
        return states_read_together(package_ids)

    # IClick: ``ckan asmhub moderator grant|revoke|list``
    def get_commands(self) -> list[Any]:
        return [hub_cli.group_with(moderator)]
