"""The ``asmhub_search`` plugin: CKAN's dataset search on PostgreSQL instead of Solr.

Enabled alone on a stock CKAN 2.12 site (``ckan.plugins = asmhub_search``,
``ckan db upgrade -p asmhub_search``, ``ckan search-index rebuild``), it
indexes and searches what core puts in the index document; ASM Hub's plugins
add to it through :class:`~.interfaces.IAsmhubSearch`. With
``ckanext.asmhub.search_backend = solr`` it does nothing. docs/search.md.
"""
from __future__ import annotations

import logging
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig
from ckan.exceptions import CkanConfigurationException

from .. import patches
from . import fields, make_connection, spatial
from .interfaces import declared

log = logging.getLogger(__name__)

BACKEND = "ckanext.asmhub.search_backend"
# solr_url is required by core even when nothing reads it.
SOLR_PLACEHOLDER = "http://127.0.0.1:8983/solr/unused-postgres-search-backend"


def postgres_search() -> bool:
    return tk.config.get(BACKEND, "postgres") == "postgres"


@tk.blanket.config_declarations
@tk.blanket.cli
class AsmhubSearchPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(p.IConfigurable)
    p.implements(p.IPackageController, inherit=True)

    # IConfigurer: runs before core validates the configuration, so the
    # placeholder solr_url is in place when core asks for one.
    def update_config(self, config_: CKANConfig) -> None:
        if config_.get(BACKEND, "postgres") != "postgres":
            patches.restore_search()
            return
        plugins = config_.get("ckan.plugins") or []
        if "spatial_query" in (plugins.split() if isinstance(plugins, str) else plugins):
            raise CkanConfigurationException(
                "The spatial_query plugin needs Solr; with "
                f"{BACKEND} = postgres, ext_bbox is handled by asmhub_search")
        if not config_.get("solr_url"):
            config_["solr_url"] = SOLR_PLACEHOLDER
        patches.route_search(make_connection)

    # IConfigurable
    def configure(self, config_: CKANConfig) -> None:
        for method, known in (("asmhub_search_list_fields", fields.DATABASE_LIST_FIELDS),
                              ("asmhub_search_counted_fields", fields.DATABASE_COUNTED_FIELDS)):
            unkept = sorted(declared(method) - known)
            if unkept:
                log.warning("The search index keeps no counts for %s (declared by %s): "
                            "they are searched and counted over the matching rows",
                            ", ".join(unkept), method)

    # IPackageController
    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        if postgres_search():
            pkg_dict = spatial.index_extent(pkg_dict)
        return pkg_dict

    def before_dataset_search(self, search_params: dict[str, Any]) -> dict[str, Any]:
        if postgres_search():
            search_params = spatial.bbox_filter(search_params)
        return search_params
