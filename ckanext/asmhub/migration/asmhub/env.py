"""Alembic environment: our tables are versioned in ``asmhub_alembic_version``.

Before 0.1.0 the hub had one chain, ``0001_search_index`` to
``0011_mail_outbox``, holding the search index's tables too; it was squashed
into the baseline ``0001_review_and_mail`` (review and mail) and the
``asmhub_search`` plugin's own baseline. A database at the old head is adopted
here, before alembic reads its version: the version becomes the new baseline,
whose tables it already has. A database at an older revision of the old chain
is refused with what to do.
"""
from __future__ import annotations

import os

from alembic import context
from sqlalchemy import engine_from_config, pool, text
from sqlalchemy.engine import Connection

config = context.config
version_table = "{}_alembic_version".format(os.path.basename(os.path.dirname(__file__)))

BASELINE = "0001_review_and_mail"
LEGACY_HEAD = "0011_mail_outbox"
LEGACY = ("0001_search_index", "0002_review", "0003_search_facet_counts",
          "0004_search_generation", "0005_count_country_pairs", "0006_drop_labels_index",
          "0007_aligned_vectors", "0008_text_table", "0009_term_counts",
          "0010_count_field_index")


def adopt_legacy(connection: Connection) -> None:
    """Move a database at the old chain's head onto the baseline (see above).

    Ends its transaction either way: alembic commits only a transaction it began.
    """
    current = None
    if connection.execute(text("SELECT to_regclass(:t)"), {"t": version_table}).scalar():
        current = connection.execute(text(f"SELECT version_num FROM {version_table}")).scalar()
    if current in LEGACY:
        connection.rollback()
        raise RuntimeError(
            f"{version_table} is at {current}, a revision of ASM Hub's migration chain "
            f"before 0.1.0: upgrade it to {LEGACY_HEAD} with that release first, then "
            "run `ckan db upgrade` again (docs/operations.md)")
    if current == LEGACY_HEAD:
        connection.execute(text(f"UPDATE {version_table} SET version_num = :new"),
                           {"new": BASELINE})
    connection.commit()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        literal_binds=True,
        version_table=version_table,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = engine_from_config(
        config.get_section(config.config_ini_section),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as connection:
        adopt_legacy(connection)
        context.configure(connection=connection, version_table=version_table)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
