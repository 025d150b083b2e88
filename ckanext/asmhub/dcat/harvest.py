"""Harvesting DCAT sources into the hub, as submissions for review.

``asmhub_dcat_rdf_harvester`` is ckanext-dcat's RDF harvester (source type
``dcat_rdf``) plus the hub's rules:

- every harvested dataset records where it came from (``asmhub_harvest_source``
  and ``asmhub_harvest_url`` extras, next to dcat's ``uri`` and ``guid``);
- unless a moderator trusted its source (``trust``: ``{"asmhub_trusted": true}``
  in the configuration counts only when a moderator saved it), a new dataset is
  created private and submitted for review (``asmhub_review_submit``), so it
  waits in the moderators' queue;
- a source saved by anyone but a moderator may only point at a public internet
  address, checked when it is saved and before each download;
- a source that is not RDF, is too big, describes no dataset or a dataset with
  no title ends the job with a harvest error saying so; existing datasets are
  left as they were;
- local files may only be read from ``ckanext.asmhub.harvest.files_dir``.
"""
from __future__ import annotations

import os
from typing import Any

from rdflib.namespace import DCAT, DCTERMS, RDF

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckanext.dcat.harvesters.rdf import DCATRDFHarvester
from ckanext.dcat.interfaces import IDCATRDFHarvester
from ckanext.harvest.model import HarvestSource

from .. import patches
from ..review.interfaces import IAsmhubReview
from ..security.addresses import address_error
from . import trust

SOURCE_KEY = "asmhub_harvest_source"
SOURCE_URL_KEY = "asmhub_harvest_url"


def _set_extra(dataset: dict[str, Any], key: str, value: str) -> None:
    extras = [e for e in dataset.get("extras", []) if e.get("key") != key]
    dataset["extras"] = extras + [{"key": key, "value": value}]


def awaits_review(pkg: Any) -> bool:
    """Whether a dataset was harvested from a source that is not trusted.

    The review workflow asks this (``IAsmhubReview``) when a dataset is
    created, so that such a dataset starts as a draft (private) instead of being
    published because the harvest runs as the site user.
    """
    source_id = (getattr(pkg, "extras", None) or {}).get(SOURCE_KEY)
    return bool(source_id) and not trust.is_trusted(HarvestSource.get(source_id))


def submit_for_review(package_id: str, source: Any, user: str) -> None:
    """Put a newly harvested dataset in the review queue as a submission from ``source``."""
    try:
        submit = tk.get_action("asmhub_review_submit")
    except KeyError:  # without the review workflow the dataset simply stays private
        return
    comment = tk._("Harvested from {title} ({url})").format(title=source.title or source.url, url=source.url)
    submit({"user": user, "ignore_auth": True}, {"id": package_id, "comment": comment})


def _provenance(dataset: dict[str, Any], source: Any) -> None:
    _set_extra(dataset, SOURCE_KEY, source.id)
    _set_extra(dataset, SOURCE_URL_KEY, source.url)


def _local_file_error(url: str) -> str | None:
    """Why a local source path may not be read (None if it may)."""
    allowed = os.path.realpath(tk.config.get("ckanext.asmhub.harvest.files_dir") or "")
    path = os.path.realpath(url[len("file://"):] if url.startswith("file://") else url)
    if not tk.config.get("ckanext.asmhub.harvest.files_dir") or os.path.commonpath([allowed, path]) != allowed:
        return tk._("Local files can only be harvested from the directory set in "
                    "ckanext.asmhub.harvest.files_dir: {path}").format(path=url)
    if not os.path.isfile(path):
        return tk._("No such file: {path}").format(path=url)
    limit = tk.asint(tk.config.get("ckanext.dcat.max_file_size")) * 1024 * 1024
    if os.path.getsize(path) > limit:
        return tk._("The file is too big: {size} bytes, the limit is {limit} bytes").format(
            size=os.path.getsize(path), limit=limit)
    return None


def _is_harvest_source(data_dict: dict[str, Any]) -> bool:
    return data_dict.get("type") == "harvest" or "source_type" in data_dict


def _check_address(context: dict[str, Any], data_dict: dict[str, Any]) -> None:
    """Refuse a local, private or reserved harvest address from anyone but a moderator."""
    if _is_harvest_source(data_dict) and data_dict.get("url") and not trust.is_moderator(context.get("user")):
        url = str(data_dict["url"]).strip()
        existing = HarvestSource.get(data_dict.get("id") or "") if data_dict.get("id") else None
        if existing is not None and trust.is_vetted(existing) and existing.url.strip() == url:
            return  # unchanged since a moderator saved it
        error = address_error(url)
        if error:
            raise tk.ValidationError({"url": [error]})


@tk.chained_action
def package_create(up_func: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    _check_address(context, data_dict)
    return up_func(context, data_dict)


@tk.chained_action
def package_update(up_func: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    _check_address(context, data_dict)
    return up_func(context, data_dict)


class AsmhubRDFHarvester(DCATRDFHarvester):
    p.implements(IDCATRDFHarvester, inherit=True)
    p.implements(IAsmhubReview, inherit=True)
    p.implements(p.IActions)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IConfigurable, inherit=True)

    # IConfigurable
    def configure(self, config: Any) -> None:
        patches.let_harvest_consumers_wait()

    # IAsmhubReview: a record from a source nobody vetted waits in the queue.
    def asmhub_review_holds(self, pkg: Any) -> bool:
        return awaits_review(pkg)

    # IActions
    def get_actions(self) -> dict[str, Any]:
        return {"package_create": package_create, "package_update": package_update}

    # IPackageController: a moderator saving a source vets it (see ``trust``).
    def after_dataset_create(self, context: dict[str, Any], pkg_dict: dict[str, Any]) -> None:
        if pkg_dict.get("type") == "harvest":
            trust.record(context, pkg_dict)

    def after_dataset_update(self, context: dict[str, Any], pkg_dict: dict[str, Any]) -> None:
        if pkg_dict.get("type") == "harvest":
            trust.record(context, pkg_dict)

    def info(self) -> dict[str, str]:
        return {
            "name": "dcat_rdf",
            "title": tk._("DCAT RDF (datasets enter the review queue)"),
            "description": tk._("Harvests DCAT-AP datasets from an RDF document (Turtle, RDF/XML, "
                                "JSON-LD), paged with Hydra; datasets from untrusted sources are "
                                "submitted for review."),
        }

    def _get_existing_dataset(self, guid: str) -> dict[str, Any] | None:
        """dcat's lookup, with the harvest user's rights: submissions are private."""
        found = self._read_datasets_from_db(guid)
        if not found:
            return None
        return tk.get_action("package_show")({"user": self._get_user_name(), "ignore_auth": True},
                                             {"id": found[0][0]})

    # IDCATRDFHarvester
    def before_download(self, url: str, harvest_job: Any) -> tuple[str | None, list[str]]:
        if url.lower().startswith(("http://", "https://")):
            error = None if trust.is_vetted(harvest_job.source) else address_error(url)
            return (None, [error]) if error else (url, [])
        error = _local_file_error(url)
        if error:
            return None, [error]
        return (url[len("file://"):] if url.startswith("file://") else url), []

    def after_download(self, content: str | None, harvest_job: Any) -> tuple[str | None, list[str]]:
        head = (content or "").lstrip()[:200].lower()
        if head.startswith(("<!doctype html", "<html")):
            return None, [tk._("The source returned an HTML page, not RDF: check the URL "
                               "(a DCAT catalogue ends in .ttl, .rdf, .xml or .jsonld)")]
        if not head:
            return None, [tk._("The source is empty")]
        return content, []

    def after_parsing(self, rdf_parser: Any, harvest_job: Any) -> tuple[Any, list[str]]:
        """Refuse the whole page rather than half of it: a dataset left out would be deleted."""
        datasets = list(rdf_parser.g.subjects(RDF.type, DCAT.Dataset))
        if not datasets:
            return None, [tk._("The source is valid RDF but describes no dcat:Dataset")]
        untitled = [str(d) for d in datasets if not str(rdf_parser.g.value(d, DCTERMS.title) or "").strip()]
        if untitled:
            return None, [tk._("{count} dataset(s) have no dct:title, for example {uri}: nothing was "
                               "harvested from this source").format(count=len(untitled), uri=untitled[0])]
        return rdf_parser, []

    def before_create(self, harvest_object: Any, dataset_dict: dict[str, Any], temp_dict: dict) -> None:
        _provenance(dataset_dict, harvest_object.source)
        if not trust.is_trusted(harvest_object.source):
            dataset_dict["private"] = True

    def after_create(self, harvest_object: Any, dataset_dict: dict[str, Any], temp_dict: dict) -> None:
        if not trust.is_trusted(harvest_object.source):
            submit_for_review(dataset_dict["id"], harvest_object.source, self._get_user_name())

    def before_update(self, harvest_object: Any, dataset_dict: dict[str, Any], temp_dict: dict) -> None:
        """Updates keep the dataset's visibility: a submission stays one."""
        _provenance(dataset_dict, harvest_object.source)
        existing = self._get_existing_dataset(harvest_object.guid)
        if existing is not None and not trust.is_trusted(harvest_object.source):
            dataset_dict["private"] = existing["private"]
