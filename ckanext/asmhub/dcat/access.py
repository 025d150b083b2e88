"""The RDF endpoints publish: they read the catalogue as an anonymous visitor.

ckanext-dcat reads with the current user's rights, so a moderator or an
organisation member would get private or pending datasets in ``/catalog.ttl``
and ``/dataset/<id>.ttl``. A published catalogue is the same for everyone:
these chained actions run core's reads (``package_search``/``package_show``,
so the permission labels of the review workflow apply) with no user, and a
dataset that is not public is "not found" rather than "forbidden".

A catalogue page is built as ckanext-dcat builds it, but with its paging links
encoded: dcat writes the request's ``q`` and ``fq`` into them as they came, and
``?q=gold mining`` is no IRI (the Turtle serializer failed on it with a 500).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import ckan.plugins.toolkit as tk
from ckanext.dcat import logic as dcat_logic
from ckanext.dcat.processors import RDFSerializer
from ckan.types import Action, Context, DataDict


def _anonymous() -> Context:
    return {"user": "", "auth_user_obj": None, "ignore_auth": False}  # type: ignore[typeddict-item]


@tk.side_effect_free
@tk.chained_action
def dcat_dataset_show(up_func: Action, context: Context, data_dict: DataDict):
    """ckanext-dcat's dataset RDF, for public datasets only."""
    tk.check_access("dcat_dataset_show", context, data_dict)
    try:
        return up_func(_anonymous(), data_dict)
    except tk.NotAuthorized:
        raise tk.ObjectNotFound(tk._("Dataset not found")) from None


# The paging links dcat writes, and the request parameters it keeps in them.
_PAGE_LINKS = ("current", "first", "last", "next", "previous")
_KEPT = ("modified_since", "profiles", "q", "fq")


def _page_link(url: str) -> str:
    """dcat's link to a page (``<catalogue>?q=gold mining&page=2``), encoded."""
    base, _, query = url.partition("?")
    page = query.rpartition("page=")[2]
    params = [(k, v) for k, v in tk.request.args.items() if k in _KEPT]
    return f"{base}?{urlencode([*params, ('page', page)])}"


def _catalogue(data_dict: DataDict) -> Any:
    """``dcat_catalog_show``/``dcat_catalog_search`` as dcat writes them (its logic module),
    read anonymously, with encoded paging links."""
    query = dcat_logic._search_ckan_datasets(_anonymous(), data_dict)
    paging = dcat_logic._pagination_info(query, data_dict)
    paging.update({key: _page_link(paging[key]) for key in _PAGE_LINKS if paging.get(key)})
    return RDFSerializer(profiles=data_dict.get("profiles")).serialize_catalog(
        {}, query["results"], _format=data_dict.get("format"), pagination_info=paging)


@tk.side_effect_free
@tk.chained_action
def dcat_catalog_show(up_func: Action, context: Context, data_dict: DataDict):
    """ckanext-dcat's catalogue page, with the public datasets only."""
    tk.check_access("dcat_catalog_show", context, data_dict)
    return _catalogue(data_dict)


@tk.side_effect_free
@tk.chained_action
def dcat_catalog_search(up_func: Action, context: Context, data_dict: DataDict):
    """ckanext-dcat's catalogue search, with the public datasets only."""
    tk.check_access("dcat_catalog_search", context, data_dict)
    return _catalogue(data_dict)
