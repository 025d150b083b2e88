"""The two baselines make the schema the old chain made, on a fresh database and on one
the old chain built.

``old_chain_0011.schema.sql`` is ``pg_dump --schema-only`` of a database that
``ckan db upgrade`` brought to the old chain's head (asmhub ``0011_mail_outbox``,
made from the code before the squash), and ``old_chain_0011.data.sql`` the rows
its migrations wrote (the version tables, the search generation). Each test runs
the real ``ckan db upgrade`` of ``test.ini`` on a scratch database of its own
(``asmhub_mig_*``, made by scripts/database.sh as ``make test`` does; needs root,
as ``make test`` does) and compares normalised ``pg_dump --schema-only`` output.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from . import schema

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
CKAN = ROOT / ".venv" / "bin" / "ckan"
FIXTURE = HERE / "old_chain_0011.schema.sql"
FIXTURE_DATA = HERE / "old_chain_0011.data.sql"


def _as_postgres(*command: str) -> None:
    subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, cwd="/",
                   capture_output=True)


@pytest.fixture
def scratch(request):
    """A new, empty database (with the search extensions, as scripts/database.sh makes it)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"asmhub_mig_{worker}_{request.node.name[5:25]}".lower()
    _as_postgres("dropdb", "--if-exists", name)
    subprocess.run(["bash", str(ROOT / "scripts" / "database.sh"), name], check=True,
                   capture_output=True)
    yield name
    _as_postgres("dropdb", "--if-exists", "--force", name)


def upgrade(database: str) -> subprocess.CompletedProcess:
    """``ckan db upgrade`` (core and every enabled plugin) on ``database``."""
    env = dict(os.environ, CKAN_SQLALCHEMY_URL=schema.url(database))
    return subprocess.run([str(CKAN), "-c", str(ROOT / "test.ini"), "db", "upgrade"],
                          env=env, capture_output=True, text=True, cwd=ROOT)


def psql(database: str, sql: str) -> None:
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", schema.url(database)], input=sql,
                   check=True, capture_output=True, text=True)


def restore_old_chain(database: str) -> None:
    # The extensions are made by scripts/database.sh (as postgres, who owns them).
    dump = "\n".join(line for line in FIXTURE.read_text().splitlines() if "EXTENSION" not in line)
    psql(database, dump)
    psql(database, FIXTURE_DATA.read_text())


def query(database: str, sql: str) -> list[tuple]:
    engine = sa.create_engine(schema.url(database), poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(sa.text(sql))]
    finally:
        engine.dispose()


def versions(database: str) -> dict[str, str]:
    return {table: query(database, f"SELECT version_num FROM {table}")[0][0]
            for table in ("asmhub_alembic_version", "asmhub_search_alembic_version")}


OLD_SCHEMA = schema.objects(FIXTURE.read_text())


def test_a_fresh_database_gets_the_schema_the_old_chain_made(scratch):
    result = upgrade(scratch)
    assert result.returncode == 0, result.stdout + result.stderr
    made = schema.objects(schema.dump(scratch))
    assert {k for k in made if "asmhub" in k} == {k for k in OLD_SCHEMA if "asmhub" in k}
    assert made == OLD_SCHEMA
    assert versions(scratch) == {"asmhub_alembic_version": "0001_review_and_mail",
                                 "asmhub_search_alembic_version": "0001_search_schema"}
    assert query(scratch, "SELECT count(*) FROM asmhub_search_generation") == [(1,)]


def test_a_database_the_old_chain_built_is_adopted_with_its_rows(scratch):
    restore_old_chain(scratch)
    assert schema.objects(schema.dump(scratch)) == OLD_SCHEMA
    # Rows of its own: an index row (its triggers fill the counts and the text
    # copy) and a mail in the outbox.
    psql(scratch, """
        INSERT INTO asmhub_search_doc (index_id, id, site_id, name, title, state, capacity,
            entity_type, dataset_type, tags, search_vector, doc)
        VALUES ('i1', 'p1', 'asmhub', 'gold-mines', 'Gold mines', 'active', 'public',
            'package', 'dataset', '{gold}', asmhub_tsvector('Gold mines'),
            '{"minerals": ["gold"]}');
        INSERT INTO asmhub_mail (recipient_email, subject, body)
        VALUES ('a@example.org', 'Hello', 'Body');""")
    result = upgrade(scratch)
    assert result.returncode == 0, result.stdout + result.stderr
    assert schema.objects(schema.dump(scratch)) == OLD_SCHEMA
    assert versions(scratch) == {"asmhub_alembic_version": "0001_review_and_mail",
                                 "asmhub_search_alembic_version": "0001_search_schema"}
    assert query(scratch, "SELECT name, facet_values FROM asmhub_search_doc") == [
        ("gold-mines", ["minerals=gold"])]
    assert ("minerals", "gold", 1) in query(
        scratch, "SELECT field, value, n FROM asmhub_search_count")
    assert query(scratch, "SELECT name FROM asmhub_search_text") == [("gold-mines",)]
    assert query(scratch, "SELECT subject FROM asmhub_mail") == [("Hello",)]
    # A second upgrade has nothing left to do.
    again = upgrade(scratch)
    assert again.returncode == 0 and "unapplied" not in again.stdout, again.stdout


def test_a_database_at_an_older_revision_of_the_old_chain_is_refused_with_what_to_do(scratch):
    restore_old_chain(scratch)
    psql(scratch, "UPDATE asmhub_alembic_version SET version_num = '0005_count_country_pairs'")
    result = upgrade(scratch)
    assert result.returncode != 0
    assert "upgrade it to 0011_mail_outbox" in result.stdout + result.stderr
    assert query(scratch, "SELECT version_num FROM asmhub_alembic_version") == [
        ("0005_count_country_pairs",)]


def test_the_fields_the_search_code_trusts_the_database_to_keep_are_the_baselines():
    import importlib.util

    from ckanext.asmhub.search import fields
    path = (ROOT / "ckanext" / "asmhub" / "search" / "migration" / "asmhub_search" / "versions"
            / "0001_search_schema.py")
    spec = importlib.util.spec_from_file_location("asmhub_search_baseline", path)
    baseline = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(baseline)
    assert frozenset(baseline.LIST_FIELDS) == fields.DATABASE_LIST_FIELDS
    assert frozenset(baseline.COUNTED_FIELDS) == fields.DATABASE_COUNTED_FIELDS
    assert frozenset(baseline.CLASS_COLUMNS) == fields.CLASS_COLUMNS
