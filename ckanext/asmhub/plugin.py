"""The core ``asmhub`` plugin: interfaces only; the work lives in the modules they name.

With ``asmhub_search`` (or ``ckanext.asmhub.search_backend = solr``) and
ckanext-scheming it serves the whole catalogue: home, dataset and library pages,
the ASM schemas, citations and maps. Each other capability is a plugin in its own
package (``mail/``, ``review/``, ``countries/``, ``dcat/``, ``datastore/``), which
may need this one; this one needs none of them (README, "Plugins").
"""
from __future__ import annotations

from importlib.resources import files
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig
from ckan.exceptions import CkanConfigurationException
from ckan.lib.plugins import DefaultTranslation
from ckan.lib.search.common import SearchError

from .logic import cache as hub_cache
from . import patches
from .metadata import indexing
from .dependencies import enabled_plugins
from .localisation import N_, api, default_locale, locales, offered_locales, users
from .search.interfaces import IAsmhubSearch
from .security import csrf, headers, login
from .security import input as input_guard


# The dataset's lists of codes and years (metadata/indexing.py), matched exactly and
# counted by the search index's database (IAsmhubSearch).
LIST_FACETS = ("minerals", "countries", "themes", "data_confidence", "ref_year", "indicators")

# Facets the dataset search page offers, in order, with their titles.
ASM_FACETS = {
    "minerals": N_("Minerals"), "countries": N_("Countries"), "themes": N_("Themes"),
    "data_confidence": N_("Data confidence"), "ref_year": N_("Reference year"),
    "dataset_type": N_("Type"), "organization": N_("Organisations"), "res_format": N_("Formats"),
    "license_id": N_("Licences"),
}


@tk.blanket.config_declarations
@tk.blanket.actions
@tk.blanket.cli
@tk.blanket.helpers
@tk.blanket.validators
@tk.blanket.blueprints
class AsmhubPlugin(p.SingletonPlugin, DefaultTranslation):
    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)
    p.implements(p.IMiddleware, inherit=True)
    p.implements(p.ISignal)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IFacets, inherit=True)
    p.implements(IAsmhubSearch, inherit=True)

    # IConfigurer
    def update_config(self, config_: CKANConfig) -> None:
        tk.add_template_directory(config_, "templates")
        tk.add_public_directory(config_, "public")
        tk.add_resource("assets", "asmhub")
        locales.offer_hub_locales(config_.get("ckan.locales_offered") or [])
        if not config_.get("licenses_group_url"):
            licences = files("ckanext.asmhub").joinpath("data", "licences.json")
            config_["licenses_group_url"] = f"file://{licences}"
            patches.forget_cached_licences()
        if (config_.get("ckanext.asmhub.search_backend", "postgres") == "postgres"
                and "asmhub_search" not in enabled_plugins(config_)):
            raise CkanConfigurationException(
                "ckanext.asmhub.search_backend = postgres needs the asmhub_search plugin: "
                "add asmhub_search to ckan.plugins (or set the backend to solr)")

    # ITranslation: DefaultTranslation reads ckanext/asmhub/i18n, domain ckanext-asmhub.

    # IMiddleware
    def make_middleware(self, app: Any, config: CKANConfig) -> Any:
        """``Accept-Language`` chooses the API's language (see localisation/api.py);
        cookie sessions always need a CSRF token and every response carries the
        security headers (see security/)."""
        if hasattr(app, "wsgi_app"):
            app.wsgi_app = api.ApiLanguage(app.wsgi_app, offered_locales(), default_locale())
            csrf.install(app)
            app.before_request(input_guard.check_page_parameters)
            app.register_error_handler(SearchError, input_guard.refuse_search_error)
            app.register_error_handler(tk.ValidationError, input_guard.refuse_validation_error)
            app.before_request(login.refuse_when_throttled)
            app.after_request(login.count)
            app.after_request(headers.add)
        return app

    # ISignal
    def get_signal_subscriptions(self) -> dict[Any, Any]:
        return {
            tk.signals.user_logged_in: [users.on_login],
            tk.signals.user_created: [users.on_user_created],
        }

    # IPackageController
    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        return indexing.index_fields(pkg_dict)

    def after_dataset_search(self, search_results: dict[str, Any],
                             search_params: dict[str, Any]) -> dict[str, Any]:
        """Show vocabulary labels and country names instead of codes in facets."""
        for field, facet in search_results.get("search_facets", {}).items():
            for item in facet.get("items", []):
                item["display_name"] = indexing.facet_label(field, item["name"]) or item["display_name"]
        return search_results

    # IFacets
    def dataset_facets(self, facets_dict: dict[str, Any], package_type: str) -> dict[str, Any]:
        facets = {k: tk._(t) for k, t in ASM_FACETS.items()}
        facets.update({k: t for k, t in facets_dict.items() if k not in facets})
        return facets

    # IAsmhubSearch: the dataset's list fields (metadata/indexing.py) are matched and
    # counted by the database; search answers go to the hub's cache.
    def asmhub_search_list_fields(self) -> tuple[str, ...]:
        return LIST_FACETS

    def asmhub_search_cache(self) -> Any:
        return hub_cache
