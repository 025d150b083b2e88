"""The ``asmhub_countries`` plugin: the Countries and Themes pages and the home
page's sector overview (see this package's docstring).

Needs ``asmhub``: its figures are the ASM dataset's estimates, minerals, countries
and themes, which that plugin's schemas define and indexes.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig

from ..dependencies import require
from ..search.interfaces import IAsmhubSearch
from . import cache, facets, helpers, views


@tk.blanket.config_declarations
class AsmhubCountriesPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(p.IConfigurable)
    p.implements(p.IBlueprint)
    p.implements(p.ITemplateHelpers)
    p.implements(p.IPackageController, inherit=True)
    p.implements(IAsmhubSearch, inherit=True)

    # IConfigurer
    def update_config(self, config_: CKANConfig) -> None:
        require(config_, "asmhub_countries", "asmhub")
        tk.add_template_directory(config_, "templates")

    # IConfigurable
    def configure(self, config_: CKANConfig) -> None:
        cache.install()

    # IAsmhubSearch: the pair fields the Countries pages facet on (facets.py)
    # are counted by the database.
    def asmhub_search_counted_fields(self) -> list[str]:
        return facets.FIELDS

    # IBlueprint
    def get_blueprint(self) -> list[Any]:
        return [views.countries, views.themes]

    # ITemplateHelpers
    def get_helpers(self) -> dict[str, Any]:
        return helpers.get_helpers()

    # IPackageController: facet fields for the figures; any change to what is
    # indexed invalidates them.
    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        cache.mark_changed()
        return facets.index_fields(pkg_dict)

    def after_dataset_delete(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        cache.mark_changed()
