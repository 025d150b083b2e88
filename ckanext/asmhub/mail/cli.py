"""``ckan asmhub mail sink|retry``."""
from __future__ import annotations

from pathlib import Path

import click

import ckan.plugins.toolkit as tk

from . import outbox, sink


@click.group(short_help="The hub's outbox and a local mail sink")
def mail() -> None:
    """Every mail the hub sends goes through its outbox (/ckan-admin/outbox)."""


@mail.command("sink")
@click.option("--maildir", type=click.Path(file_okay=False, path_type=Path), default=Path("var/mail"),
              show_default=True, help="Where received messages are kept")
def run_sink(maildir: Path) -> None:
    """Receive the hub's mail on the address of smtp.server and keep it in a Maildir."""
    server = tk.config.get("smtp.server") or ""
    address = sink.local_address(server)
    if address is None:
        click.echo(f"smtp.server is {server}, not this machine: no local sink is needed")
        return
    host, port = address
    click.echo(f"Mail sink on {host}:{port}, keeping messages in {maildir.resolve()}/new")
    try:
        sink.serve_until_signalled(host, port, maildir)
    except OSError as error:
        raise click.ClickException(f"Cannot listen on {host}:{port}: {error.strerror}") from None


@mail.command("retry")
def retry() -> None:
    """Queue every mail not delivered yet to be sent again."""
    click.echo(f"{outbox.retry_unsent()} mail(s) queued")
