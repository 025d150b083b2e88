"""``ckan asmhub ...`` commands."""
from __future__ import annotations

import click


@click.group(short_help="ASM Hub: seed demo content, manage the search index")
def asmhub() -> None:
    """ASM Hub commands."""
