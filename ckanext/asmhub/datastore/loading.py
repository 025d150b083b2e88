"""What xloader may load: every uploaded table, and links only to public addresses.

xloader's worker fetches a resource's URL and loads what it gets into the
DataStore, where the contributor can read it back; a link to a local or private
address would let anyone read services inside the hub's network (SSRF). Such a
link is not loaded and its status says why.
"""
from __future__ import annotations

import datetime
import json
import logging

import ckan.plugins.toolkit as tk
from ckan import model

from ..localisation import N_
from ..security.addresses import address_error

log = logging.getLogger(__name__)

# Kept in English in the status and translated where it is shown.
REFUSED_LINK = N_("Only uploaded files and links to public internet addresses are loaded into the DataStore")
# Resources whose table is written through the DataStore API, not loaded from a file.
WRITTEN_THROUGH_THE_API = ("datastore", "datapusher", "xloader")
XLOADER_DEFAULT_JOBS_DB = "sqlite:////tmp/xloader_jobs.db"


def use_ckan_database_for_jobs(config: dict) -> None:
    """xloader keeps its job log in an SQLite file under /tmp unless told otherwise;
    the hub keeps it in CKAN's own database, so every web and job process sees it."""
    if config.get("ckanext.xloader.jobs_db.uri") in (None, "", XLOADER_DEFAULT_JOBS_DB):
        config["ckanext.xloader.jobs_db.uri"] = config["sqlalchemy.url"]


def refused(resource: model.Resource) -> str | None:
    """Why the worker must not fetch ``resource`` (None if it may)."""
    if resource.url_type == "upload":
        return None
    if address_error(resource.url or "") is not None:
        return REFUSED_LINK
    return None


def record_refusal(resource_id: str, message: str) -> None:
    """Show the refusal as the resource's load status (an error with its message)."""
    context = {"ignore_auth": True, "session": model.meta.create_local_session()}
    task = {"entity_id": resource_id, "entity_type": "resource", "task_type": "xloader",
            "key": "xloader", "value": "{}", "state": "error",
            "last_updated": str(datetime.datetime.utcnow()),
            "error": json.dumps({"message": message})}
    try:
        task["id"] = tk.get_action("task_status_show")(
            dict(context), {"entity_id": resource_id, "task_type": "xloader", "key": "xloader"})["id"]
    except tk.ObjectNotFound:
        pass
    tk.get_action("task_status_update")(context, task)


def can_upload(resource_id: str) -> bool:
    resource = model.Resource.get(resource_id)
    if resource is None or resource.url_type in WRITTEN_THROUGH_THE_API:
        return False
    reason = refused(resource)
    if reason:
        log.info("Not loading resource %s into the DataStore: %s", resource_id, resource.url)
        record_refusal(resource_id, reason)
        return False
    return True


def needs_loading(resource: dict) -> bool:
    """A tabular resource not in the DataStore and with no load queued or running."""
    from ckanext.xloader.utils import XLoaderFormats

    if resource.get("url_type") in WRITTEN_THROUGH_THE_API:
        return False
    if resource.get("datastore_active") or not XLoaderFormats.is_it_an_xloader_format(resource.get("format")):
        return False
    try:
        status = tk.get_action("xloader_status")({"ignore_auth": True}, {"resource_id": resource["id"]})
    except tk.ObjectNotFound:
        return True
    return status.get("status") not in ("pending", "submitting", "running", "running_but_viewable", "error")


def submit_new(package: dict) -> None:
    """Queue the tabular resources of a dataset that were never loaded. xloader
    itself reacts to ``resource_create`` and to a changed URL only, so resources
    given to ``package_create`` or ``package_update`` would wait for
    ``ckan asmhub datastore sync``."""
    for resource in package.get("resources") or []:
        if resource.get("id") and needs_loading(resource):
            try:
                tk.get_action("xloader_submit")({"ignore_auth": True}, {"resource_id": resource["id"]})
            except tk.ValidationError as error:  # xloader not configured (no API token)
                log.info("Resource %s not queued for the DataStore: %s", resource["id"], error)
