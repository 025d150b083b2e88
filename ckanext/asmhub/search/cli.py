"""``ckan asmhub-search rebuild`` (and the hub's ``ckan asmhub search-index rebuild``):
the batched rebuild of the PostgreSQL index (core's ``ckan search-index`` works too)."""
from __future__ import annotations

import click

import ckan.plugins.toolkit as tk

from . import rebuild as index_rebuild

# What the plugin adds to `ckan` (blanket.cli); the hub adds search_index under `ckan asmhub`.
__all__ = ["asmhub_search"]


@click.command()
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Datasets per batch (default: ckanext.asmhub.search.batch_size).")
@click.option("--reuse", is_flag=True,
              help="Rebuild datasets unchanged since they were indexed from the package dicts "
                   "their index rows hold. Faster; not after changing the dataset schema.")
@click.option("--jobs", type=click.IntRange(min=1), default=1,
              help="Processes to index with (each takes a share of the datasets).")
def rebuild(batch_size: int | None, reuse: bool, jobs: int) -> None:
    """Re-index every dataset in batches, with a progress bar.

    Each batch is committed on its own: search keeps answering and edits go on
    while it runs. Rows of datasets that no longer exist are removed at the end.
    """
    if tk.config.get("ckanext.asmhub.search_backend") != "postgres":
        raise click.ClickException(
            "This rebuilds the PostgreSQL index; with search_backend = solr use "
            "`ckan search-index rebuild`")
    size = batch_size or tk.config.get("ckanext.asmhub.search.batch_size")
    with click.progressbar(length=index_rebuild.count(), label="Indexing datasets",
                           show_pos=True, show_percent=True) as bar:
        try:
            if jobs > 1:
                counts = index_rebuild.rebuild_in_parallel(jobs, size, reuse=reuse,
                                                           progress=bar.update)
            else:
                counts = index_rebuild.rebuild(size, reuse=reuse, progress=bar.update)
        except RuntimeError as error:
            raise click.ClickException(f"Rebuild failed: {error}") from None
    click.echo("Indexed {indexed} datasets ({reused} from their stored dicts), "
               "removed {orphans} orphan rows".format(**counts))


@click.group("asmhub-search", short_help="PostgreSQL search index maintenance (asmhub_search)")
def asmhub_search() -> None:
    """Maintain the PostgreSQL search index (core's ``ckan search-index`` works too)."""


@click.group("search-index", short_help="PostgreSQL search index maintenance")
def search_index() -> None:
    """Maintain the PostgreSQL search index (core's ``ckan search-index`` works too)."""


asmhub_search.add_command(rebuild)
search_index.add_command(rebuild)
