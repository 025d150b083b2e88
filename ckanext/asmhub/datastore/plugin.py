"""The ``asmhub_datastore`` plugin: tables you can look into (see this package's
docstring): what xloader may load into the DataStore, who sees a load's status,
previews and the country tables.

Needs CKAN's ``datastore``, ckanext-xloader's ``xloader`` and ``asmhub`` (the
country tables are the ASM dataset's estimates).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig
from ckanext.xloader.interfaces import IXloader

from .. import cli as hub_cli
from ..dependencies import require
from . import actions, auth, helpers, loading, views
from .cli import datastore


@tk.blanket.auth_functions(auth)
@tk.blanket.actions(actions)
@tk.blanket.helpers(helpers)
class AsmhubDatastorePlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(p.IConfigurable)
    p.implements(p.IMiddleware, inherit=True)
    p.implements(p.IPackageController, inherit=True)
    p.implements(IXloader, inherit=True)
    p.implements(p.IClick)

    # IConfigurer
    def update_config(self, config_: CKANConfig) -> None:
        require(config_, "asmhub_datastore", "asmhub", "datastore", "xloader")
        tk.add_template_directory(config_, "templates")

    # IMiddleware
    def make_middleware(self, app: Any, config: CKANConfig) -> Any:
        """The preview's data endpoint answers a refusal with 403, not 500."""
        if hasattr(app, "wsgi_app"):
            views.install(app)
        return app

    # IConfigurable
    def configure(self, config_: CKANConfig) -> None:
        loading.use_ckan_database_for_jobs(config_)

    # IPackageController
    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        loading.submit_new(pkg_dict)

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        loading.submit_new(pkg_dict)

    # IXloader
    def can_upload(self, resource_id: str) -> bool:
        return loading.can_upload(resource_id)

    # IClick: ``ckan asmhub datastore sync|token|...``
    def get_commands(self) -> list[Any]:
        return [hub_cli.group_with(datastore)]
