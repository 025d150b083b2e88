"""The RDF endpoints publish: they read the catalogue as an anonymous visitor.

ckanext-dcat reads with the current user's rights, so a moderator or an
organisation member would get private or pending datasets in ``/catalog.ttl``
and ``/dataset/<id>.ttl``. A published catalogue is the same for everyone:
these chained actions run core's reads (``package_search``/``package_show``,
so the permission labels of the review workflow apply) with no user, and a
dataset that is not public is "not found" rather than "forbidden".
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk
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


@tk.side_effect_free
@tk.chained_action
def dcat_catalog_show(up_func: Action, context: Context, data_dict: DataDict):
    """ckanext-dcat's catalogue page, with the public datasets only."""
    tk.check_access("dcat_catalog_show", context, data_dict)
    return up_func(_anonymous(), data_dict)


@tk.side_effect_free
@tk.chained_action
def dcat_catalog_search(up_func: Action, context: Context, data_dict: DataDict):
    """ckanext-dcat's catalogue search, with the public datasets only."""
    tk.check_access("dcat_catalog_search", context, data_dict)
    return up_func(_anonymous(), data_dict)
