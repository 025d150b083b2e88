"""``ckan asmhub ...`` commands.

The core plugin's commands are here; each room's plugin adds its own (``mail``,
``moderator``, ``datastore``) to the same group with :func:`group_with`, so
``ckan asmhub --help`` lists what the enabled plugins offer.
"""
from __future__ import annotations

import click

import ckan.plugins.toolkit as tk

from .logic import cache as hub_cache
from .evidence import files as evidence_files
from .evidence import seed as seeding
from .search.cli import search_index

__all__ = ["asmhub"]


@click.group(short_help="ASM Hub: demo content and maintenance")
def asmhub() -> None:
    """ASM Hub commands."""


asmhub.add_command(search_index)


def group_with(command: click.Command) -> click.Group:
    """The ``ckan asmhub`` group with a room's ``command`` in it, for that room's ``IClick``."""
    asmhub.add_command(command)
    return asmhub


@asmhub.command()
def seed() -> None:
    """Load real public ASM figures (countries, global estimates) into the hub.

    Safe to run again: datasets already as the data says are left alone.
    """
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"], "ignore_auth": True}

    def progress(items):
        items = list(items)
        with click.progressbar(items, label="Seeding organisations, datasets and documents", show_pos=True) as bar:
            yield from bar

    try:
        counts = seeding.seed(context, progress)
    except evidence_files.EvidenceError as error:
        raise click.ClickException(f"{error} (see `ckan asmhub check-evidence`)") from None
    except tk.ValidationError as error:
        raise click.ClickException(f"Seed data was refused: {error.error_summary}") from None
    click.echo("Seeded: {created} created, {updated} updated, {unchanged} unchanged".format(**counts))


@asmhub.command("check-evidence")
def check_evidence() -> None:
    """Check the curated evidence files against their schema and the citation rules."""
    evidence, problems = evidence_files.check()
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in the evidence files")
    countries = {r["iso3"] for r in evidence.estimates} - {evidence_files.WORLD}
    click.echo(f"Evidence is sound: {len(evidence.estimates)} figures on {len(countries)} countries "
               f"and the world, {len(evidence.countries)} countries documented without a figure, "
               f"{len(evidence.sources)} sources")


@asmhub.group("cache", short_help="The hub's caches in Redis (never its queues)")
def cache_group() -> None:
    """Search answers and Countries figures, kept under the asmhub:cache: prefix."""


@cache_group.command("clear")
def clear_cache() -> None:
    """Delete every cached answer and figure; queued jobs and harvests stay."""
    click.echo(f"{hub_cache.clear()} cache key(s) deleted")
