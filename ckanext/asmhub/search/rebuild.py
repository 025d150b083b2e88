"""Rebuild the PostgreSQL index in batches (``ckan asmhub search-index rebuild``).

Core's ``search.rebuild`` loads every dataset id at once and makes two
database round trips per dataset before any of core's own work. This walks the
datasets in id order, one batch at a time: the batch's packages are loaded with
one query, each document is built as core builds it for any index write
(``package_show`` with both schemas, then ``index_package`` with every plugin
hook), and the batch is written as one statement in its own transaction, on
another thread while the next batch is built. Work that core repeats for each
dataset is done once per batch where the result is the same: the datasets are
dictized with one query per related table (:mod:`.dictize`), the default show
schema is built once, and plugins that read a row per dataset while it is
indexed (the hub's review states behind the permission labels) read the
batch's rows with one query (``IAsmhubSearch.asmhub_search_batch``). The
default schema's check that a dataset's name is free is left out: it is a
query per dataset whose only possible effect is an error message, which
indexing discards. Memory stays flat in the number of
datasets, search keeps answering from the previous rows while the rebuild
runs, and edits are never blocked for longer than one batch write.

With ``reuse``, a dataset that has not changed since it was indexed is rebuilt
from the package dicts its index row already holds (the ones ``package_show``
serves from the index), skipping dictization and validation: right after a
change of search settings or index hooks, wrong after a change of the dataset
schema or of plugins that shape ``package_show``.
"""
from __future__ import annotations

import json
import multiprocessing
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, Iterator

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import logic, model
from ckan.common import config
from ckan.lib import search
from ckan.lib.plugins import lookup_package_plugin, plugin_validate
from ckan.logic.schema import default_show_package_schema
from ckan.types import Context, Schema

from . import connection, interfaces
from .dictize import BatchShow

_STORED = sa.text(
    "SELECT d.id, d.data_dict, d.validated_data_dict FROM asmhub_search_doc d "
    "JOIN package p ON p.id = d.id "
    "WHERE d.id = ANY(:ids) AND d.site_id = :site AND d.data_dict IS NOT NULL "
    "AND d.validated_data_dict IS NOT NULL "
    "AND d.metadata_modified = p.metadata_modified AT TIME ZONE 'UTC'")


def _packages(part: tuple[int, int] = (0, 1)) -> sa.Select:
    """Ids of the datasets to index; ``part`` (k, n) keeps the k-th of n shares."""
    query = sa.select(model.Package.id)
    if part[1] > 1:
        query = query.where(sa.func.abs(sa.func.hashtext(model.Package.id)) % part[1] == part[0])
    if config.get("ckan.search.remove_deleted_packages"):
        query = query.where(model.Package.state != "deleted")
    return query


def count() -> int:
    return model.Session.execute(
        sa.select(sa.func.count()).select_from(_packages().subquery())).scalar_one()


def _batches(size: int, part: tuple[int, int]) -> Iterator[list[str]]:
    """Dataset ids in id order, ``size`` at a time (keyset paging: no OFFSET)."""
    last = ""
    while True:
        ids = list(model.Session.execute(
            _packages(part).where(model.Package.id > last).order_by(model.Package.id).limit(size)
        ).scalars())
        if not ids:
            return
        yield ids
        last = ids[-1]


def _stored_dicts(ids: list[str]) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    rows = model.Session.execute(_STORED, {"ids": ids, "site": config.get("ckan.site_id")})
    return {row.id: (json.loads(row.data_dict), json.loads(row.validated_data_dict))
            for row in rows}


def _show_schemas() -> tuple[Schema, Schema]:
    """Core's default show schema, and the same without the check that the name is free."""
    schema = default_show_package_schema()
    name_is_free = tk.get_validator("package_name_validator")
    return schema, dict(schema, name=[v for v in schema["name"] if v is not name_is_free])


def _both_dicts(context: Context, package: model.Package, batch: BatchShow,
                show_schemas: tuple[Schema, Schema]) -> tuple[dict[str, Any], dict[str, Any]]:
    """What ``logic.package_show_default_and_custom_schemas`` returns, by the same steps,
    from the batch's rows and with the schemas of :func:`_show_schemas`."""
    context = logic.fresh_context(context, ignore_auth=True, use_cache=False, validate=False)
    dictized = batch.package_show(context, package)
    default_schema, without_name_check = show_schemas
    with_default, _errors = plugin_validate(
        object(), context, dictized, without_name_check, "package_show")
    package_plugin = lookup_package_plugin(dictized["type"])
    custom_schema = package_plugin.show_package_schema()
    if custom_schema == default_schema:
        with_custom = with_default
    else:
        with_custom, _errors = plugin_validate(
            package_plugin, context, dictized, custom_schema, "package_show")
    logic.apply_after_dataset_show_plugins(context, with_custom)
    return with_default, with_custom


def _build_batch(ids: list[str], reuse: bool, context: Context,
                 search_index: search.PackageSearchIndex) -> int:
    """Build the batch's documents into the held buffer; return how many were reused."""
    # Lookups of these packages (permission labels, resource URLs) are
    # answered from the session while this dict keeps them there.
    packages = {p.id: p for p in model.Session.scalars(
        sa.select(model.Package).where(model.Package.id.in_(ids)))}
    stored = _stored_dicts(ids) if reuse else {}
    batch = BatchShow(p for i, p in packages.items() if i not in stored)
    show_schemas = _show_schemas()
    with interfaces.batch(ids):
        for package_id, package in packages.items():
            both = stored.get(package_id) or _both_dicts(context, package, batch, show_schemas)
            search_index.update_dict(dict(both[0], with_custom_schema=both[1]),
                                     defer_commit=True)
    return len(stored)


def _remove_orphans() -> int:
    """Drop rows of datasets that no longer exist (or are deleted, if so configured)."""
    deleted = ("AND p.state <> 'deleted'" if config.get("ckan.search.remove_deleted_packages")
               else "")
    with model.meta.engine.begin() as conn:
        return conn.execute(sa.text(
            "DELETE FROM asmhub_search_doc d WHERE d.site_id = :site AND NOT EXISTS "
            f"(SELECT 1 FROM package p WHERE p.id = d.id {deleted})"),
            {"site": config.get("ckan.site_id")}).rowcount


def rebuild(batch_size: int, reuse: bool = False,
            progress: Callable[[int], None] = lambda n: None) -> dict[str, int]:
    """Index every dataset, then drop orphan rows; ``progress(n)`` after each batch of ``n``."""
    try:
        counts = index(batch_size, reuse, progress)
        counts["orphans"] = _remove_orphans()
    finally:
        connection.vacuum()
    return counts


def rebuild_in_parallel(jobs: int, batch_size: int, reuse: bool = False,
                        progress: Callable[[int], None] = lambda n: None) -> dict[str, int]:
    """:func:`rebuild` with ``jobs`` processes, each indexing its share of the datasets."""
    context = multiprocessing.get_context("fork")
    messages = context.SimpleQueue()
    model.Session.remove()
    model.meta.engine.dispose()  # each process opens connections of its own
    workers = [context.Process(target=_index_share, args=(batch_size, reuse, (k, jobs), messages))
               for k in range(jobs)]
    for worker in workers:
        worker.start()
    counts = {"indexed": 0, "reused": 0, "orphans": 0}
    try:
        running = jobs
        while running:
            kind, value = messages.get()
            if kind == "batch":
                progress(value)
            elif kind == "failed":
                for worker in workers:
                    worker.terminate()
                raise RuntimeError(value)
            else:
                running -= 1
                counts = {k: counts[k] + value.get(k, 0) for k in counts}
        counts["orphans"] = _remove_orphans()
    finally:
        for worker in workers:
            worker.join()
        connection.vacuum()
    return counts


def _index_share(batch_size: int, reuse: bool, part: tuple[int, int],
                 messages: Any) -> None:
    model.meta.engine.dispose(close=False)
    try:
        counts = index(batch_size, reuse, lambda n: messages.put(("batch", n)), part)
    except Exception as error:  # reported to the parent, which fails the command
        messages.put(("failed", f"{type(error).__name__}: {error}"))
        raise
    messages.put(("done", counts))


def index(batch_size: int, reuse: bool = False,
          progress: Callable[[int], None] = lambda n: None,
          part: tuple[int, int] = (0, 1)) -> dict[str, int]:
    """Index this share of the datasets in batches."""
    context: Context = {"ignore_auth": True}
    search_index = search.index_for(model.Package)
    counts = {"indexed": 0, "reused": 0}
    # One batch is written (by PostgreSQL, on the other core) while the next is
    # built; never more than one waits, so memory stays flat.
    writer = ThreadPoolExecutor(max_workers=1)
    pending: Future[None] | None = None
    # Held, the buffer never writes itself from this thread: each batch is
    # taken whole and written by the writer thread.
    with connection.deferred.holding():
        try:
            for ids in _batches(batch_size, part):
                counts["reused"] += _build_batch(ids, reuse, context, search_index)
                if pending is not None:
                    pending.result()
                pending = writer.submit(connection.write_batch, connection.deferred.take())
                model.Session.rollback()  # reads only: end the snapshot
                model.Session.expunge_all()
                counts["indexed"] += len(ids)
                progress(len(ids))
            if pending is not None:
                pending.result()
        finally:
            writer.shutdown(wait=True)
            connection.deferred.flush()
    return counts
