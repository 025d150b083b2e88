"""Template helpers (also used by scheming as ``choices_helper``)."""
from __future__ import annotations

from typing import Any

from werkzeug.routing import BuildError

import ckan.plugins.toolkit as tk

from .metadata import citation, figures
from .metadata import vocabularies as v
from .localisation import entities, formatting
from .maps import settings as map_settings


def asmhub_country_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    names = v.country_names(v.current_locale())
    return [{"value": code, "label": name}
            for code, name in sorted(names.items(), key=lambda item: v.sort_key(item[1]))]


def asmhub_mineral_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.MINERALS)


def asmhub_theme_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.THEMES)


def asmhub_indicator_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.INDICATORS)


def asmhub_confidence_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.CONFIDENCE)


def asmhub_curation_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.CURATION)


def asmhub_country_name(code: str) -> str:
    """A country's name in the reader's language."""
    return v.country_name(code)


def asmhub_format_number(value: Any) -> str:
    """A figure in the reader's language ("1,7 million"); a dash when unknown."""
    return formatting.format_number(value)


def asmhub_format_range(low: Any, high: Any, central: Any = None) -> str:
    """A low–high range in the reader's language ("1,0–1,7 million"), the single
    figure known for a point estimate, or a dash."""
    return formatting.format_range(low, high, central)


def asmhub_unit_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return [{"value": code, "label": code} for code in v.UNITS]


def asmhub_language_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    names = v.language_names(v.current_locale())
    return [{"value": code, "label": name}
            for code, name in sorted(names.items(), key=lambda item: v.sort_key(item[1]))]


def asmhub_source_type_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.SOURCE_TYPES)


def asmhub_update_frequency_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.UPDATE_FREQUENCIES)


def asmhub_document_type_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.DOCUMENT_TYPES)


def asmhub_access_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.ACCESS)


def asmhub_organization_kind_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.ORGANIZATION_KINDS)


def asmhub_default_licence() -> str:
    return tk.config.get("ckanext.asmhub.default_licence")


def asmhub_estimates(pkg: dict[str, Any]) -> list[dict[str, Any]]:
    """A dataset's estimates as a list of dicts."""
    return figures.estimates_of(pkg)


def asmhub_estimate_text(estimate: dict[str, Any] | None) -> str:
    """"1.0–1.7 million people (2020, confidence B)", or "—" when there is no figure."""
    return figures.estimate_text(estimate)


def asmhub_figure_text(estimate: dict[str, Any] | None) -> str:
    """"1.0–1.7 million people" without year or confidence, or "—"."""
    return figures.figure_text(estimate)


def asmhub_indicator_label(code: str) -> str:
    return tk._(v.INDICATORS[code][0]) if code in v.INDICATORS else code



def asmhub_curation_label(code: str) -> str:
    return tk._(v.CURATION[code]) if code in v.CURATION else code


def asmhub_coverage_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return v.choices(v.COVERAGE)


def asmhub_is_web_link(url: Any) -> bool:
    """Only http(s) addresses become links (never ``javascript:`` and the like)."""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def asmhub_map_config() -> dict[str, str]:
    """Tile source, attribution and basemap URLs for the dataset map and the search by area."""
    return map_settings.map_config()


def asmhub_citation_text(pkg: dict[str, Any]) -> str:
    """How to cite a dataset or library document, as one line of text."""
    return citation.text(pkg)


@tk.chained_helper
def humanize_entity_type(next_helper: Any, entity_type: str, object_type: str, purpose: str) -> str | None:
    """The library's names in the reader's language ("Ajouter un document"), not "Add Library"."""
    if entity_type == "package":
        label = entities.entity_name(object_type, purpose)
        if label:
            return label
    return next_helper(entity_type, object_type, purpose)


def _routable(endpoint: str) -> bool:
    try:
        tk.url_for(endpoint)
    except BuildError:
        return False
    return True


def asmhub_main_nav() -> list[tuple[str, str, list[str]]]:
    """The header's sections this site serves, for ``h.build_nav_main``: Countries,
    Themes, Library, Datasets, Organisations, Contribute and About."""
    wanted = [
        ("asmhub_countries.index", tk._("Countries"), ["asmhub_countries"]),
        ("asmhub_themes.index", tk._("Themes"), ["asmhub_themes"]),
        ("library.search", tk.h.humanize_entity_type("package", "library", "main nav") or tk._("Library"),
         ["library"]),
        ("dataset.search", tk.h.humanize_entity_type("package", "dataset", "main nav") or tk._("Datasets"),
         ["dataset", "resource"]),
        ("organization.index", tk._("Organisations"), ["organization"]),
        ("asmhub_review.contribute", tk._("Contribute"), []),
        ("home.about", tk._("About"), []),
    ]
    return [item for item in wanted if _routable(item[0])]


def asmhub_popular(field: str, limit: int = 6) -> list[dict[str, Any]]:
    """The values of a facet (``minerals``, ``themes``, ``tags``) most public datasets
    carry, most used first, with their labels; for the home page."""
    try:
        result = tk.get_action("package_search")(
            {}, {"q": "*:*", "fq": "+dataset_type:dataset", "rows": 0, "facet.field": [field],
                 "facet.limit": limit, "facet.mincount": 1})
    except (tk.ValidationError, tk.ObjectNotFound, tk.NotAuthorized):
        return []
    items = result.get("search_facets", {}).get(field, {}).get("items", [])
    return sorted(items, key=lambda item: (-item["count"], item["display_name"]))[:limit]


@tk.chained_helper
def user_image(next_helper: Any, user_id: str, size: int = 100) -> Any:
    """A person's picture when it is one uploaded to the hub, else their initials: pages
    never fetch an avatar from another site (CKAN's default asks gravatar.com)."""
    try:
        user = tk.get_action("user_show")({"ignore_auth": True}, {"id": user_id})
    except (tk.ObjectNotFound, tk.ValidationError):
        return ""
    url = user.get("image_display_url") or ""
    site = (tk.config.get("ckan.site_url") or "").rstrip("/")
    if url and (url.startswith(site + "/") or (url.startswith("/") and not url.startswith("//"))):
        return next_helper(user_id, size)
    return tk.h.snippet("user/snippets/placeholder.html", size=size, user_name=user["display_name"])
