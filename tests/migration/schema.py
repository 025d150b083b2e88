"""Normalised ``pg_dump --schema-only`` output, to compare two databases' schemas."""
from __future__ import annotations

import os
import re
import subprocess

# Alembic's version tables say which chain made a schema, not what it is.
_IGNORED_NAME = re.compile(r"alembic_version")
_HEADER = re.compile(r"^-- Name: (?P<name>.*?); Type: (?P<type>.*?); Schema:")


def url(database: str) -> str:
    return f"postgresql://asmhub:asmhub@127.0.0.1:5432/{database}"


def dump(database: str) -> str:
    return subprocess.run(
        ["pg_dump", "--schema-only", "--no-owner", "--no-privileges", url(database)],
        check=True, capture_output=True, text=True, env=dict(os.environ, PGCONNECT_TIMEOUT="10"),
    ).stdout


def objects(schema_sql: str) -> dict[str, str]:
    """Each object of a dump (``type name``) and its statements, without comments,
    session settings, blank lines or the version tables."""
    found: dict[str, str] = {}
    key, lines = None, []

    def close() -> None:
        if key and not _IGNORED_NAME.search(key):
            found[key] = "\n".join(lines).strip()

    for line in schema_sql.splitlines():
        header = _HEADER.match(line)
        if header:
            close()
            key, lines = f"{header['type']} {header['name']}", []
        elif key and line.strip() and not line.startswith(("--", "\\restrict", "\\unrestrict")):
            lines.append(line)
    close()
    return found
