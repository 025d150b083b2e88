"""Measure the DataStore: how long xloader takes to load a 100,000-row CSV, and
the p50/p95 of a filtered ``datastore_search`` (and a full-text one) on a
1,000,000-row table. Run on demand, never in CI, against a scratch database and
its DataStore database (scripts/database.sh NAME, scripts/datastore.sh):

    CKAN_SQLALCHEMY_URL=postgresql://asmhub:asmhub@127.0.0.1:5432/asmhub_bench \\
    CKAN_DATASTORE_WRITE_URL=postgresql://asmhub:asmhub@127.0.0.1:5432/asmhub_bench_datastore \\
    CKAN_DATASTORE_READ_URL=postgresql://asmhub_datastore_ro:asmhub_datastore_ro@127.0.0.1:5432/asmhub_bench_datastore \\
        .venv/bin/python bench/datastore.py --ini test.ini

The loads run xloader's own loader in this process, as its job does once the
file is downloaded: ``load_table`` (types guessed, what the hub uses for files up
to a tenth of ckanext.xloader.max_content_length) and ``load_csv`` (PostgreSQL
COPY, text columns, for larger files). Download and queueing are not included.
"""
from __future__ import annotations

import argparse
import csv
import logging
import os
import random
import statistics
import tempfile
import time
import uuid

DISTRICTS = [f"District {i}" for i in range(400)]
MINERALS = ["gold", "tin", "tantalum", "cobalt", "diamonds", "sand-gravel", "coloured-gemstones"]
NOTES = "alluvial hard rock seasonal cooperative licensed informal mercury cyanide river village".split()


def write_csv(path: str, rows: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["district", "mineral", "year", "miners", "women", "note"])
        for _ in range(rows):
            out.writerow([rng.choice(DISTRICTS), rng.choice(MINERALS), rng.randint(2000, 2024),
                          rng.randint(10, 50000), rng.randint(0, 20000),
                          " ".join(rng.choice(NOTES) for _ in range(3))])
    return os.path.getsize(path)


def new_resource(context: dict) -> str:
    import ckan.plugins.toolkit as tk
    org = tk.get_action("organization_create")(dict(context), {"name": f"bench-{uuid.uuid4().hex[:8]}"})
    dataset = tk.get_action("package_create")(dict(context), {
        "name": f"bench-{uuid.uuid4().hex[:8]}", "title": "Bench", "owner_org": org["id"],
        "resources": [{"url": "https://example.org/bench.csv", "name": "bench"}]})
    return dataset["resources"][0]["id"]


def timed_load(function, path: str, resource_id: str) -> float:
    """A load as xloader's job runs it: the rows, the record count and, after a COPY,
    an index on each column."""
    from ckanext.xloader import loader
    logger = logging.getLogger("bench")
    started = time.perf_counter()
    fields = function(path, resource_id=resource_id, mimetype="CSV", logger=logger)
    loader.calculate_record_count(resource_id=resource_id, logger=logger)
    if function is loader.load_csv:
        loader.create_column_indexes(fields=fields, resource_id=resource_id, logger=logger)
    return time.perf_counter() - started


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"p50 {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def measure(load_rows: int, table_rows: int, repeat: int) -> None:
    import ckan.plugins.toolkit as tk
    from ckanext.xloader import loader
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"], "ignore_auth": True}
    with tempfile.TemporaryDirectory() as tmp:
        small = os.path.join(tmp, "load.csv")
        size = write_csv(small, load_rows)
        print(f"xloader, {load_rows:,} rows ({size / 1e6:.1f} MB):")
        print(f"  load_table (typed columns): {timed_load(loader.load_table, small, new_resource(context)):.1f} s")
        print(f"  load_csv (COPY, text columns): {timed_load(loader.load_csv, small, new_resource(context)):.1f} s")
        big = os.path.join(tmp, "table.csv")
        size = write_csv(big, table_rows, seed=11)
        resource_id = new_resource(context)
        seconds = timed_load(loader.load_csv, big, resource_id)
        print(f"{table_rows:,}-row table ({size / 1e6:.1f} MB) loaded with COPY in {seconds:.1f} s")
    search = tk.get_action("datastore_search")
    rng = random.Random(3)
    queries = {
        "filters mineral+district": lambda: {"filters": {"mineral": rng.choice(MINERALS),
                                                         "district": rng.choice(DISTRICTS)}},
        "filters mineral, 100 rows": lambda: {"filters": {"mineral": rng.choice(MINERALS)}, "limit": 100},
        "full text q": lambda: {"q": rng.choice(NOTES), "limit": 100},
    }
    for name, params in queries.items():
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            search({"user": "", "ignore_auth": True}, {"resource_id": resource_id, **params()})
            samples.append(time.perf_counter() - started)
        print(f"  datastore_search {name}: {percentiles(samples)} ({repeat} runs)")
    print(f"load average: {os.getloadavg()[0]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ini", default="test.ini")
    parser.add_argument("--load-rows", type=int, default=100_000)
    parser.add_argument("--table-rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    from ckan.cli import load_config
    from ckan.config.middleware import make_app
    app = make_app(load_config(args.ini))
    with app._wsgi_app.test_request_context():
        measure(args.load_rows, args.table_rows, args.repeat)


if __name__ == "__main__":
    main()
