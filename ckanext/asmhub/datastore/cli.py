"""``ckan asmhub datastore ...``: previews and DataStore loads for existing resources."""
from __future__ import annotations

import click

import ckan.plugins.toolkit as tk
from ckan import model

from . import countries, loading


@click.group("datastore", short_help="DataStore loads and previews of existing resources")
def datastore() -> None:
    """DataStore loads and previews."""


@datastore.command()
def sync() -> None:
    """Write the curated figures' tables (each country's estimates), create the
    default views every resource lacks, and queue every tabular resource that is
    not in the DataStore (nor being loaded) for xloader."""
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"], "ignore_auth": True}
    tables = countries.publish_all(context)
    views = queued = 0
    resources = (model.Session.query(model.Resource).join(model.Package)
                 .filter(model.Resource.state == "active", model.Package.state == "active"))
    for resource in resources:
        resource_dict = tk.get_action("resource_show")(dict(context), {"id": resource.id})
        package = tk.get_action("package_show")(dict(context), {"id": resource.package_id})
        views += len(tk.get_action("resource_create_default_resource_views")(
            dict(context), {"resource": resource_dict, "package": package,
                            "create_datastore_views": bool(resource_dict.get("datastore_active"))}))
        if loading.needs_loading(resource_dict) and tk.get_action("xloader_submit")(
                dict(context), {"resource_id": resource.id}):
            queued += 1
    click.echo(f"Estimates tables written: {tables}; views created: {views}; "
               f"resources queued for the DataStore: {queued}")


@datastore.command()
def token() -> None:
    """Print a new API token of the site user, for ``ckanext.xloader.api_token``."""
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    created = tk.get_action("api_token_create")({"user": site_user["name"], "ignore_auth": True},
                                                {"user": site_user["name"], "name": "xloader"})
    click.echo(created["token"])
