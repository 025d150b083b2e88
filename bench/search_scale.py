"""The growth series of bench/search.py: the index's size on disk, a large index
reached by replicating a built one in SQL, query plans, and the table that
compares sizes. Run on demand, never in CI."""
from __future__ import annotations

import json
import time

import sqlalchemy as sa

from ckan import model

# A replica's name is its original's with this suffix and the copy's number.
REPLICA = "-r"


def disk_sizes() -> list[dict]:
    """Rows and bytes of each ``asmhub_search_*`` table: heap, TOAST (with its
    index) and indexes, as PostgreSQL reports them."""
    tables = model.Session.execute(sa.text(r"""
        SELECT c.relname AS name,
               coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) AS toast,
               pg_indexes_size(c.oid) AS indexes, pg_total_relation_size(c.oid) AS total
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND c.relname LIKE 'asmhub\_search\_%'
           AND n.nspname = current_schema()
         ORDER BY total DESC""")).mappings().all()
    sizes = []
    for table in tables:
        rows = model.Session.execute(sa.text(f'SELECT count(*) FROM "{table["name"]}"')).scalar()
        sizes.append(dict(table, rows=rows,
                          heap=table["total"] - table["indexes"] - table["toast"]))
    return sizes


def largest_indexes(limit: int = 8) -> list[tuple[str, int]]:
    return [tuple(row) for row in model.Session.execute(sa.text(r"""
        SELECT i.relname, pg_relation_size(i.oid) FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
         WHERE t.relname LIKE 'asmhub\_search\_%' ORDER BY 2 DESC LIMIT :n"""), {"n": limit})]


def print_sizes(sizes: list[dict], indexes: list[tuple[str, int]]) -> None:
    mb = 1024 * 1024
    print(f"{'index on disk (MB)':28} {'rows':>10} {'heap':>8} {'TOAST':>8} {'indexes':>8} "
          f"{'total':>8}")
    for t in sizes:
        print(f"{t['name']:28} {t['rows']:10} {t['heap'] / mb:8.1f} {t['toast'] / mb:8.1f} "
              f"{t['indexes'] / mb:8.1f} {t['total'] / mb:8.1f}")
    total = sum(t["total"] for t in sizes)
    print(f"{'all':28} {'':10} {'':8} {'':8} {'':8} {total / mb:8.1f}")
    print("largest indexes (MB): " + ", ".join(f"{name} {size / mb:.1f}" for name, size in indexes))


def replicate(target: int) -> dict:
    """Copy the indexed datasets (rows whose name has no replica suffix) until the
    index holds ``target`` rows, a multiple of theirs, in one transaction.

    A copy gets a fresh id, index id and name (in its document and stored dicts
    too) and everything else of its original, so the words and facet values
    repeat and every query's selectivity is that of the original index.

    Made in bulk, not row by row (which ran at ~150 rows/s here: GIN upkeep and
    the kept counts' triggers): the triggers of the index and text tables are
    disabled while rows are copied into them, then every kept counter
    (facet counts, per-word counts) is multiplied by the number of copies, which
    is exactly what the triggers make of copies (checked: 10k rows copied 3 times
    through the triggers left every counter at 4x; the word counters of a bulk
    copy equal a recount of the text table), and the secondary indexes of
    both tables, dropped meanwhile, are built again with ``CREATE INDEX`` (one
    pass: they may come out smaller than indexes grown by the rebuild).
    """
    from ckanext.asmhub.search import connection
    session = model.Session
    doc, text = connection.TABLE, "asmhub_search_text"
    original = f"s.name !~ '{REPLICA}[0-9]+$'"
    base = session.execute(sa.text(f"SELECT count(*) FROM {doc} s WHERE {original}")).scalar()
    have = session.execute(sa.text(f"SELECT count(*) FROM {doc}")).scalar()
    if target % base or have != base:
        raise ValueError(f"{target} is not a multiple of the {base} datasets indexed, "
                         f"or the index holds copies already ({have} rows)")
    new_id = f"md5(s.id || '{REPLICA}' || :k)::uuid::text"
    new_name = f"s.name || '{REPLICA}' || :k"
    new_index_id = f"md5(s.site_id || {new_id})"
    values = {
        "index_id": new_index_id, "id": new_id, "name": new_name,
        "doc": f"s.doc || jsonb_build_object('id', {new_id}, 'name', {new_name}, "
               f"'index_id', {new_index_id})",
        "indexed_at": "now()",
    }
    for stored in ("data_dict", "validated_data_dict"):
        values[stored] = (f"replace(replace(s.{stored}, s.id, {new_id}), "
                          f"'\"name\": \"' || s.name || '\"', '\"name\": \"' || {new_name} || '\"')")
    columns = _written_columns(doc)
    copy_doc = sa.text(f"INSERT INTO {doc} ({', '.join(columns)}) SELECT "
                       + ", ".join(values.get(c, f"s.{c}") for c in columns)
                       + f" FROM {doc} s WHERE {original}")
    text_values = {"index_id": new_index_id, "name": f"t.name || '{REPLICA}' || :k"}
    text_columns = _written_columns(text)
    copy_text = sa.text(f"INSERT INTO {text} ({', '.join(text_columns)}) SELECT "
                        + ", ".join(text_values.get(c, f"t.{c}") for c in text_columns)
                        + f" FROM {text} t JOIN {doc} s USING (index_id) WHERE {original}")
    dropped = _drop_indexes((doc, text))
    t0 = time.perf_counter()
    for table in (doc, text):
        session.execute(sa.text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
    for k in range(1, target // base):
        session.execute(copy_doc, {"k": k})
        session.execute(copy_text, {"k": k})
        print(f"  replicated: copy {k}, {(k + 1) * base} rows "
              f"({k * base / (time.perf_counter() - t0):.0f} rows/s)", flush=True)
    for counts in ("asmhub_search_count", "asmhub_search_term"):
        session.execute(sa.text(f"UPDATE {counts} SET n = n * :f"), {"f": target // base})
    for table in (doc, text):
        session.execute(sa.text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))
    # A statement on the index table takes a new generation: no answer cached
    # for the smaller index is served for this one.
    session.execute(sa.text(f"UPDATE {doc} SET name = name WHERE false"))
    session.commit()
    elapsed = time.perf_counter() - t0
    _create_indexes(dropped)
    indexed = time.perf_counter() - t0 - elapsed
    connection.vacuum()
    return {"base": base, "written": target - base, "seconds": elapsed,
            "rate": (target - base) / elapsed, "index_seconds": indexed,
            "vacuum_seconds": time.perf_counter() - t0 - elapsed - indexed}


def _written_columns(table: str) -> list[str]:
    return list(model.Session.execute(sa.text(
        "SELECT column_name FROM information_schema.columns WHERE table_name = :t "
        "AND is_generated = 'NEVER' ORDER BY ordinal_position"), {"t": table}).scalars())


def _drop_indexes(tables: tuple[str, ...]) -> list[str]:
    """Drop the tables' indexes other than unique ones; return their definitions
    (and those an interrupted run dropped before)."""
    session = model.Session
    session.execute(sa.text("CREATE TABLE IF NOT EXISTS bench_dropped_index (def text PRIMARY KEY)"))
    rows = session.execute(sa.text("""
        SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
         WHERE t.relname = ANY(:tables) AND NOT x.indisunique"""), {"tables": list(tables)}).all()
    for name, definition in rows:
        session.execute(sa.text("INSERT INTO bench_dropped_index VALUES (:d) ON CONFLICT DO NOTHING"),
                        {"d": definition})
        session.execute(sa.text(f'DROP INDEX "{name}"'))
    session.commit()
    return list(session.execute(sa.text("SELECT def FROM bench_dropped_index")).scalars())


def _create_indexes(definitions: list[str]) -> None:
    session = model.Session
    session.execute(sa.text("SET maintenance_work_mem = '1GB'"))
    for definition in definitions:
        session.execute(sa.text(definition))
        session.execute(sa.text("DELETE FROM bench_dropped_index WHERE def = :d"), {"d": definition})
        session.commit()
    session.execute(sa.text("DROP TABLE bench_dropped_index"))
    session.execute(sa.text("RESET maintenance_work_mem"))
    session.commit()


def explain_analyze(stmt) -> list[str]:
    """``EXPLAIN (ANALYZE, BUFFERS)`` of a search's statements, run with the
    backend's own planner settings."""
    from ckanext.asmhub.search import connection, statement
    lines = []
    previous = connection.apply_settings(connection.settings(stmt))
    for name, query in (("count and facets", stmt.count), ("page", stmt.rows_query)):
        if query is None:
            continue
        compiled = statement._compiled(query)
        lines.append(f"-- {name}")
        lines += [row[0] for row in model.Session.connection().exec_driver_sql(
            "EXPLAIN (ANALYZE, BUFFERS) " + str(compiled), compiled.params)]
    connection.apply_settings(previous)
    model.Session.rollback()
    return lines


def save(results: list[dict], path: str) -> None:
    with open(path, "w") as f:
        json.dump(results, f, indent=1)


def load(paths: list[str]) -> list[dict]:
    results = []
    for path in paths:
        with open(path) as f:
            results += json.load(f)
    return sorted(results, key=lambda r: r["n"])


def print_growth(results: list[dict]) -> None:
    """Uncached p95 per query and size, with the growth factor between sizes;
    the load and the ``SELECT 1`` baseline of each run beside them."""
    if not results:
        return
    mb = 1024 * 1024
    sizes = [f"{r['n']:,}{' (repl.)' if r.get('replicated') else ''}" for r in results]
    print("\nGrowth: uncached p95 in ms (x = factor over the previous size)")
    print(f"{'':34}" + "".join(f"{s:>22}" for s in sizes))
    print(f"{'load average (start-end)':34}" + "".join(
        f"{r['load'][0]:.1f} - {r['load'][1]:.1f}".rjust(22) for r in results))
    print(f"{'SELECT 1 p95':34}" + "".join(f"{r['baseline'][1]:>22.2f}" for r in results))
    labels = [label for label in results[0]["queries"]]
    for label in labels:
        cells, before = [], None
        for r in results:
            q = r["queries"].get(label)
            if q is None:
                cells.append(f"{'—':>22}")
                continue
            p95 = q["uncached"][1]
            factor = f" x{p95 / before:.1f}" if before else ""
            cells.append(f"{p95:>15.1f}{factor:>7}")
            before = p95
        print(f"{label:34}" + "".join(cells))
    print(f"{'index on disk, MB (all tables)':34}" + "".join(
        f"{sum(t['total'] for t in r['sizes']) / mb:>22.0f}" for r in results))
    print(f"{'within 50 ms (uncached p95)':34}" + "".join(
        f"{sum(q['uncached'][1] <= 50 for q in r['queries'].values())}/{len(r['queries']):<3}".rjust(22)
        for r in results))
