"""Time the Countries table, a country profile and the home page at scale.

Seeds the hub's reference data, adds N generated datasets (``bench/search.py``'s
generator: every one covers one or two countries and carries an estimate, a
worst case for the aggregates), rebuilds the index, then renders each page
through the Flask app (the whole request: view, aggregates, template):

- cold: right after the catalogue version is bumped, so every figure is
  computed from ``package_search`` again, as after a dataset changes;
- warm: the figures come from the cache.

Each is printed with its ratio to a baseline measured in the same run: a plain
``package_search`` (20 rows, anonymous) and CKAN's own ``/dataset`` page.
Run on demand, never in CI; it empties the database named in the ini:

    .venv/bin/python bench/countries.py --ini test.ini --size 100000
    # or build 10k, then copy the index rows to 100k (see replicate()):
    .venv/bin/python bench/countries.py --ini test.ini --size 10000 --replicate 9
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import statistics
import time
from pathlib import Path
from typing import Callable


def timed(fn: Callable[[], object], repeat: int, before: Callable[[], object] = lambda: None) -> list[float]:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _bench_search():
    """bench/search.py, whose generator and database reset every benchmark shares."""
    spec = importlib.util.spec_from_file_location("bench_search", Path(__file__).with_name("search.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(n: int) -> None:
    import ckan.plugins.toolkit as tk
    from ckan.lib import search
    from ckanext.asmhub import seed

    bench_search = _bench_search()
    bench_search.reset_database()
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    seed.seed({"user": site_user["name"], "ignore_auth": True})
    t0 = time.perf_counter()
    bench_search.generate(n)
    search.rebuild(defer_commit=True, quiet=True)
    search.commit()
    print(f"built {n} datasets and their index in {time.perf_counter() - t0:.0f} s")


def replicate(copies: int) -> None:
    """Copy every index row ``copies`` times under new ids and names.

    Indexing 100k datasets one by one through ``package_show`` takes hours on a
    shared 2-core machine; the pages read only the index, so copies of real
    index rows (same labels, facets and figures) load them the same way.
    """
    import sqlalchemy as sa

    from ckan import model
    from ckanext.asmhub.search.connection import vacuum
    columns = [c for (c,) in model.Session.execute(sa.text(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'asmhub_search_doc' "
        "AND is_generated = 'NEVER' ORDER BY ordinal_position"))]
    renamed = {
        "index_id": "d.index_id || '-c' || k", "id": "d.id || '-c' || k", "name": "d.name || '-c' || k",
        "doc": "d.doc || jsonb_build_object('id', d.id || '-c' || k, 'name', d.name || '-c' || k)",
    }
    model.Session.execute(sa.text(
        f"INSERT INTO asmhub_search_doc ({', '.join(columns)}) "
        f"SELECT {', '.join(renamed.get(c, 'd.' + c) for c in columns)} "
        f"FROM asmhub_search_doc d, generate_series(1, :copies) k"), {"copies": copies})
    model.Session.commit()
    vacuum()
    total = model.Session.execute(sa.text("SELECT count(*) FROM asmhub_search_doc")).scalar()
    print(f"index rows after {copies} copies: {total}")


def measure(client, repeat: int, cold_repeat: int) -> None:
    from ckan.tests.helpers import call_action
    from ckanext.asmhub.countries import cache

    failures: dict[str, int] = {}

    def get(path: str) -> Callable[[], object]:
        def fetch() -> None:
            if client.get(path).status_code != 200:
                failures[path] = failures.get(path, 0) + 1
        return fetch

    def search() -> None:
        call_action("package_search", context={"user": "", "ignore_auth": False}, q="", rows=20)

    count = call_action("package_search", context={"user": "", "ignore_auth": False}, rows=0)["count"]
    print(f"public datasets: {count}")
    baseline = statistics.median(timed(search, repeat))
    dataset_page = statistics.median(timed(get("/dataset/"), repeat))
    print(f"{'page':24} {'p50 ms':>9} {'max ms':>9} {'/ search':>9} {'/ /dataset':>10}")
    print(f"{'package_search (rows 20)':24} {baseline:9.1f} {'':>9} {1:9.2f} {baseline / dataset_page:10.2f}")
    print(f"{'/dataset page':24} {dataset_page:9.1f} {'':>9} {dataset_page / baseline:9.2f} {1:10.2f}")
    for path in ("/country", "/country/TZA", "/"):
        for label, times in (("cold", timed(get(path), cold_repeat, before=cache.bump)),
                             ("warm", timed(get(path), repeat))):
            p50 = statistics.median(times)
            print(f"{path + ' ' + label:24} {p50:9.1f} {max(times):9.1f} {p50 / baseline:9.2f} "
                  f"{p50 / dataset_page:10.2f}")
    if failures:
        print(f"requests that did not answer 200: {failures}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ini", default="test.ini")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cold-repeat", type=int, default=3)
    parser.add_argument("--skip-build", action="store_true", help="measure the catalogue as it is")
    parser.add_argument("--statement-timeout", type=int, default=0,
                        help="raise the search statement timeout (ms) to time slow pages to the end")
    parser.add_argument("--replicate", type=int, default=0,
                        help="then copy every index row this many times (see replicate())")
    args = parser.parse_args()
    from ckan.cli import load_config
    from ckan.config.middleware import make_app
    config = load_config(args.ini)
    if args.statement_timeout:
        config["ckanext.asmhub.search.statement_timeout"] = args.statement_timeout
    app = make_app(config)
    flask_app = app._wsgi_app
    with flask_app.test_request_context():
        if not args.skip_build:
            build(args.size)
        if args.replicate:
            replicate(args.replicate)
    with flask_app.app_context():
        measure(flask_app.test_client(), args.repeat, args.cold_repeat)


if __name__ == "__main__":
    main()
