"""``ckan asmhub ...`` commands."""
from __future__ import annotations

import click

import ckan.plugins.toolkit as tk

from . import seed as seeding
from .review.cli import moderator

__all__ = ["asmhub"]


@click.group(short_help="ASM Hub: demo content and maintenance")
def asmhub() -> None:
    """ASM Hub commands."""


asmhub.add_command(moderator)


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
    except tk.ValidationError as error:
        raise click.ClickException(f"Seed data was refused: {error.error_summary}") from None
    click.echo("Seeded: {created} created, {updated} updated, {unchanged} unchanged".format(**counts))
