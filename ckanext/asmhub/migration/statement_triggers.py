"""Statement-level triggers that keep a derived table in step with another.

Each trigger sees the rows its statement wrote through transition tables
(``new_rows``, ``old_rows``); one with transition tables fires on one event
only, so a table gets one trigger and one function per event, named
``{prefix}_{event}``.
"""
from __future__ import annotations

from alembic import op

TRANSITIONS = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}


def create(prefix: str, table: str, bodies: dict[str, str]) -> None:
    """One trigger per event of ``bodies`` (event -> the SQL it runs) on ``table``."""
    for event, body in bodies.items():
        name = f"{prefix}_{event.lower()}"
        op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
                   f"AS $$ BEGIN {body} RETURN NULL; END $$")
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                   f"REFERENCING {TRANSITIONS[event]} FOR EACH STATEMENT "
                   f"EXECUTE FUNCTION {name}()")


def drop(prefix: str, table: str) -> None:
    for event in TRANSITIONS:
        name = f"{prefix}_{event.lower()}"
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
