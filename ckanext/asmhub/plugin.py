"""ASM Hub plugins: interfaces only; the work lives in the modules they name."""
from __future__ import annotations

from importlib.resources import files
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import CKANConfig
from ckan.exceptions import CkanConfigurationException
from ckan.lib.plugins import DefaultTranslation
from ckan.lib.search.common import SearchError
from ckan.model import Package

from . import cache as hub_cache
from . import indexing, maps
from .countries import cache as countries_cache
from .countries import facets as countries_facets
from .countries import helpers as countries_helpers
from .countries import views as countries_views
from ckanext.xloader.interfaces import IXloader

from .datastore import actions as datastore_actions, auth as datastore_auth
from .datastore import helpers as datastore_helpers, loading, views as datastore_views
from .dcat import access, vocab
from .localisation import N_, api, default_locale, locales, offered_locales, users
from .mail import actions as mail_actions, auth as mail_auth, helpers as mail_helpers
from .mail import outbox, views as mail_views
from .review import actions as review_actions, auth as review_auth, helpers as review_helpers
from .review import states_read_together, user_object, views as review_views, visibility
from .search.interfaces import IAsmhubSearch
from .security import csrf, headers, login
from .security import input as input_guard


def enabled_plugins(config_: CKANConfig) -> list[str]:
    plugins = config_.get("ckan.plugins") or []
    return plugins.split() if isinstance(plugins, str) else list(plugins)


# The dataset's lists of codes and years (indexing.py), matched exactly and
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
            # Core caches the licence list on first use; read ours from now on.
            if hasattr(Package, "_license_register"):
                del Package._license_register
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

    # IAsmhubSearch: the dataset's list fields (indexing.py) are matched and
    # counted by the database; search answers go to the hub's cache.
    def asmhub_search_list_fields(self) -> tuple[str, ...]:
        return LIST_FACETS

    def asmhub_search_cache(self) -> Any:
        return hub_cache


@tk.blanket.actions(mail_actions)
@tk.blanket.auth_functions(mail_auth)
@tk.blanket.helpers(mail_helpers)
@tk.blanket.blueprints(mail_views)
class AsmhubMailPlugin(p.SingletonPlugin):
    """The outbox (ckanext/asmhub/mail/): every mail the hub sends, CKAN's own
    included, is recorded and sent by a background job that retries."""
    p.implements(p.IConfigurer)
    p.implements(p.INotifier, inherit=True)

    # IConfigurer
    def update_config(self, config_: CKANConfig) -> None:
        tk.add_template_directory(config_, "mail/templates")

    # INotifier
    def notify_recipient(self, notification_sent: bool, recipient_name: str, recipient_email: str,
                         subject: str, body: str, body_html: str | None = None,
                         headers: dict[str, Any] | None = None, attachments: Any = None) -> bool:
        return outbox.capture(notification_sent, recipient_name, recipient_email, subject, body,
                              body_html, headers, attachments)


@tk.blanket.actions(review_actions)
@tk.blanket.auth_functions(review_auth)
@tk.blanket.helpers(review_helpers)
@tk.blanket.blueprints(review_views)
class AsmhubReviewPlugin(p.SingletonPlugin):
    """Moderated publishing (ckanext/asmhub/review/): contributions are public
    only once a moderator approves them."""
    p.implements(p.IConfigurer)
    p.implements(p.IPermissionLabels)
    p.implements(p.IPackageController, inherit=True)
    p.implements(IAsmhubSearch, inherit=True)
    p.implements(p.ISignal)

    _labels = visibility.ReviewPermissionLabels()

    # IConfigurer
    def update_config(self, config_: CKANConfig) -> None:
        tk.add_template_directory(config_, "review/templates")

    # IPermissionLabels
    def get_dataset_labels(self, dataset_obj: model.Package) -> list[str]:
        return self._labels.get_dataset_labels(dataset_obj)

    def get_user_dataset_labels(self, user_obj: model.User) -> list[str]:
        return self._labels.get_user_dataset_labels(user_obj)

    # IPackageController
    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        review_actions.record_created(model.Package.get(pkg_dict["id"]), user_object(context.get("user")))

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        review_actions.record_updated(model.Package.get(pkg_dict["id"]), user_object(context.get("user")))

    # ISignal: the notices follow submissions and decisions.
    def get_signal_subscriptions(self) -> dict[Any, Any]:
        from .review import mail as review_mail
        return {
            review_actions.submitted: [review_mail.on_submitted],
            review_actions.decided: [review_mail.on_decided],
        }

    # IAsmhubSearch: a rebuild batch's review states (behind its permission
    # labels) are read with one query.
    def asmhub_search_batch(self, package_ids: list[str]) -> Any:
        return states_read_together(package_ids)


class AsmhubCountriesPlugin(p.SingletonPlugin):
    """Countries table and profiles, themes and the home page's sector overview."""
    p.implements(p.IConfigurable)
    p.implements(p.IBlueprint)
    p.implements(p.ITemplateHelpers)
    p.implements(p.IPackageController, inherit=True)
    p.implements(IAsmhubSearch, inherit=True)

    # IConfigurable
    def configure(self, config_: CKANConfig) -> None:
        countries_cache.install()

    # IAsmhubSearch: the pair fields the Countries pages facet on (countries/facets.py)
    # are counted by the database.
    def asmhub_search_counted_fields(self) -> list[str]:
        return countries_facets.FIELDS

    # IBlueprint
    def get_blueprint(self) -> list[Any]:
        return [countries_views.countries, countries_views.themes]

    # ITemplateHelpers
    def get_helpers(self) -> dict[str, Any]:
        return countries_helpers.get_helpers()

    # IPackageController: facet fields for the figures; any change to what is
    # indexed invalidates them.
    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        countries_cache.mark_changed()
        return countries_facets.index_fields(pkg_dict)

    def after_dataset_delete(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        countries_cache.mark_changed()


@tk.blanket.actions(access)
@tk.blanket.blueprints([vocab.vocab, maps.basemap])
@tk.blanket.helpers({"asmhub_map_config": maps.asmhub_map_config})
class AsmhubDcatPlugin(p.SingletonPlugin):
    """Open to other portals: DCAT RDF of public datasets only, SKOS vocabularies, maps.

    The RDF profile is the ``asmhub`` entry point of ``ckan.rdf.profiles``; the
    harvester is the ``asmhub_dcat_rdf_harvester`` plugin (ckanext/asmhub/dcat/).
    """


@tk.blanket.auth_functions(datastore_auth)
@tk.blanket.actions(datastore_actions)
@tk.blanket.helpers(datastore_helpers)
class AsmhubDatastorePlugin(p.SingletonPlugin):
    """Tables you can look into (ckanext/asmhub/datastore/): what xloader may load
    into the DataStore, who sees a load's status, previews and the country tables.
    Needs CKAN's ``datastore`` and ckanext-xloader's ``xloader`` plugins."""
    p.implements(p.IConfigurer)
    p.implements(p.IConfigurable)
    p.implements(p.IMiddleware, inherit=True)
    p.implements(p.IPackageController, inherit=True)
    p.implements(IXloader, inherit=True)

    # IConfigurer
    def update_config(self, config_: CKANConfig) -> None:
        tk.add_template_directory(config_, "datastore/templates")

    # IMiddleware
    def make_middleware(self, app: Any, config: CKANConfig) -> Any:
        """The preview's data endpoint answers a refusal with 403, not 500."""
        if hasattr(app, "wsgi_app"):
            datastore_views.install(app)
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
