"""``ckan asmhub moderator grant|revoke|list``."""
from __future__ import annotations

from typing import Any

import click

import ckan.plugins.toolkit as tk


def _call(action: str, data_dict: dict[str, Any]) -> Any:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    try:
        return tk.get_action(action)({"user": site_user["name"]}, data_dict)
    except KeyError:
        raise click.ClickException("Moderation is off: add asmhub_review to ckan.plugins") from None
    except tk.ObjectNotFound as error:
        raise click.ClickException(str(error) or "Not found") from None


@click.group(short_help="Grant, revoke and list review moderators")
def moderator() -> None:
    """Moderators review contributions (sysadmins always do)."""


@moderator.command()
@click.argument("user")
def grant(user: str) -> None:
    """Make USER a moderator."""
    result = _call("asmhub_moderator_grant", {"id": user})
    click.echo(f"{result['name']} is a moderator")


@moderator.command()
@click.argument("user")
def revoke(user: str) -> None:
    """Take the moderator role from USER."""
    result = _call("asmhub_moderator_revoke", {"id": user})
    if result["sysadmin"]:
        click.echo(f"{result['name']} is no longer granted the role, but moderates as a sysadmin")
    else:
        click.echo(f"{result['name']} is no longer a moderator")


@moderator.command("list")
def list_() -> None:
    """List everyone who moderates."""
    for user in _call("asmhub_moderator_list", {}):
        click.echo(f"{user['name']}\t{'sysadmin' if user['sysadmin'] else 'moderator'}")
