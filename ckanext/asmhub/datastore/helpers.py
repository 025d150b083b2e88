"""Template helpers: a resource's load status and the moderators' summary."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk


def _allowed(action: str, data_dict: dict[str, Any]) -> bool:
    return tk.h.check_access(action, data_dict)


def asmhub_datastore_status(resource: dict[str, Any]) -> dict[str, Any] | None:
    """The summary of a resource's DataStore load for those who may see it (the
    uploader, the dataset's editors, the moderators), else None."""
    from ckanext.xloader.utils import XLoaderFormats

    from .loading import WRITTEN_THROUGH_THE_API

    if resource.get("url_type") in WRITTEN_THROUGH_THE_API:
        return None
    if not (XLoaderFormats.is_it_an_xloader_format(resource.get("format")) or resource.get("datastore_active")):
        return None
    if not _allowed("asmhub_datastore_summary", {"id": resource["id"]}):
        return None
    return tk.get_action("asmhub_datastore_summary")({}, {"id": resource["id"]})


def asmhub_datastore_summaries(package: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each tabular resource of a dataset with its summary, for the review panel."""
    summaries = []
    for resource in package.get("resources") or []:
        summary = asmhub_datastore_status(resource)
        if summary is not None:
            summaries.append((resource, summary))
    return summaries
