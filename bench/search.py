"""Measure the PostgreSQL search backend at scale.

Generates N realistic ASM datasets straight into the database (packages, extras,
tags, resources, organisations), builds the index with the code of
``ckan asmhub search-index rebuild`` (batched, committed per batch), then reports
the index's size on disk (rows, heap, TOAST and indexes of each ``asmhub_search_*``
table) and times a fixed query mix through ``package_search`` (with and without
the search cache) and the same SQL bare: p50/p95 per query, the action/SQL ratio,
a ``SELECT 1`` baseline and the load average (the machine may be shared), index
throughput and peak memory, and the throughput of core's own per-dataset indexing
over a sample as a baseline. The mix includes what the dataset page asks for after
a search for a common word (its facets), a phrase of common words and a bare
exclusion. With several sizes it ends with a table of each query's p95 growth.
Run on demand, never in CI:

    CKAN_SQLALCHEMY_URL=postgresql://asmhub:asmhub@127.0.0.1:5432/asmhub_bench \
        .venv/bin/python bench/search.py --ini test.ini --sizes 10000 100000

It uses (and empties) the database it is given: point it at a scratch one.
``--keep`` measures an index of N datasets already there instead; ``--jobs 2``
builds it as ``rebuild --jobs 2`` does. ``--replicate`` reaches a larger N (a
multiple of the index there) by copying the index already there in SQL
(bench/search_scale.py: fresh ids and names, kept counts multiplied, indexes built
again; words and facet values repeat, so selectivities stay those of the smaller
index; the output says "REPLICATED"). ``--json FILE`` saves the figures; ``--compare FILE...``
prints the growth table of saved runs (sizes measured in different databases).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import time
import uuid

import search_scale  # bench/, beside this file

WORDS = ("gold mining artisanal small scale miners mercury women child labour cooperative "
         "formalisation licence concession alluvial hard rock tin tantalum tungsten cobalt "
         "diamond gemstone sand gravel quarry district province survey census estimate "
         "production export trade smuggling health safety water river forest conflict "
         "village livelihood income seasonal migration policy royalty permit cassiterite "
         "coltan wolframite cyanide processing tailings").split()
RARE = ["zygomorphic", "quillwort", "xenolith", "brachiopod"]
MINERALS = ["gold", "silver", "tin", "tantalum", "tungsten", "cobalt", "copper", "diamonds",
            "coloured-gemstones", "mica", "sand-gravel", "clay", "coal"]
COUNTRIES = ["TZA", "GHA", "COD", "BFA", "MLI", "SDN", "ETH", "IDN", "PER", "COL", "BOL",
             "MNG", "PHL", "ZWE", "MDG", "NGA", "UGA", "SLE", "MOZ", "ZMB"]
THEMES = ["livelihoods", "production", "gender", "child-labour", "health-safety",
          "environment-mercury", "formalisation", "supply-chains", "conflict"]
FORMATS = ["CSV", "XLSX", "PDF", "JSON", "GeoJSON", "SHP"]


def text(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.001:
        words.append(rng.choice(RARE))
    return " ".join(words)


def generate(n: int, seed: int = 7) -> None:
    """Insert N datasets with raw SQL (fast), as package_create would store them."""
    import sqlalchemy as sa

    from ckan import model
    rng = random.Random(seed)
    conn = model.Session.connection()
    orgs = []
    for i in range(40):
        oid = str(uuid.uuid4())
        orgs.append(oid)
        conn.execute(sa.text(
            "INSERT INTO \"group\" (id, name, title, type, is_organization, state, approval_status, "
            "created, image_url, description) VALUES (:id, :n, :t, 'organization', true, 'active', "
            "'approved', now(), '', '')"), {"id": oid, "n": f"bench-org-{i}", "t": f"Bench org {i}"})
    user = model.Session.execute(sa.text("SELECT id FROM \"user\" LIMIT 1")).scalar()
    packages, resources, tags, package_tags = [], [], {}, []
    for i in range(n):
        pid = str(uuid.uuid4())
        years = sorted(rng.sample(range(1995, 2025), 2))
        extras = {
            "minerals": json.dumps(rng.sample(MINERALS, rng.randint(1, 3))),
            "countries": json.dumps(rng.sample(COUNTRIES, rng.randint(1, 2))),
            "themes": json.dumps(rng.sample(THEMES, rng.randint(1, 3))),
            "data_confidence": rng.choice("ABC"),
            "temporal_start": str(years[0]), "temporal_end": str(years[1]),
            "estimates": json.dumps([{"indicator": "asm_miners", "central": str(rng.randint(1000, 10 ** 6)),
                                      "ref_year": str(years[1]), "source": "Bench source"}]),
        }
        if rng.random() < 0.3:
            x, y = rng.uniform(-20, 40), rng.uniform(-30, 30)
            extras["spatial"] = json.dumps({"type": "Polygon", "coordinates": [[
                [x, y], [x + 2, y], [x + 2, y + 2], [x, y + 2], [x, y]]]})
        packages.append({
            "id": pid, "name": f"bench-{i}", "title": text(rng, rng.randint(3, 9)).capitalize(),
            "notes": text(rng, rng.choice([20, 60, 200])), "owner_org": rng.choice(orgs),
            "private": rng.random() < 0.1, "state": "draft" if rng.random() < 0.02 else "active",
            "extras": json.dumps(extras), "creator": user, "license_id": rng.choice(["CC-BY-SA-4.0", "CC-BY-4.0"]),
        })
        for r in range(rng.randint(1, 3)):
            resources.append({"id": str(uuid.uuid4()), "pid": pid, "url": f"http://example.org/{i}/{r}",
                              "format": rng.choice(FORMATS), "name": text(rng, 3), "pos": r})
        for tag in rng.sample(WORDS, rng.randint(1, 5)):
            tags.setdefault(tag, str(uuid.uuid4()))
            package_tags.append({"id": str(uuid.uuid4()), "pid": pid, "tid": tags[tag]})
    conn.execute(sa.text(
        "INSERT INTO package (id, name, title, notes, owner_org, private, state, type, extras, "
        "creator_user_id, license_id, metadata_created, metadata_modified) VALUES (:id, :name, :title, "
        ":notes, :owner_org, :private, :state, 'dataset', CAST(:extras AS jsonb), :creator, :license_id, "
        "now() - random() * interval '3000 days', now())"), packages)
    conn.execute(sa.text(
        "INSERT INTO resource (id, package_id, url, format, name, position, state, extras, created) "
        "VALUES (:id, :pid, :url, :format, :name, :pos, 'active', '{}', now())"), resources)
    conn.execute(sa.text("INSERT INTO tag (id, name) VALUES (:id, :name)"),
                 [{"id": tid, "name": name} for name, tid in tags.items()])
    conn.execute(sa.text("INSERT INTO package_tag (id, package_id, tag_id, state) "
                         "VALUES (:id, :pid, :tid, 'active')"), package_tags)
    model.Session.commit()


CORE_FACETS = ["organization", "groups", "tags", "res_format", "license_id"]
QUERIES = {
    "empty query, 5 facets": dict(q="", **{"facet.field": ["organization", "tags", "res_format",
                                                           "license_id", "minerals"]}),
    "common word, ranked": dict(q="mining"),
    "common word, 5 default facets": dict(q="mining", **{"facet.field": CORE_FACETS}),
    "phrase of common words": dict(q='"artisanal mining"'),
    "bare exclusion": dict(q="-gold"),
    "rare word": dict(q="quillwort"),
    "two facet filters": dict(fq='minerals:"gold" countries:"TZA"'),
    "bbox": dict(ext_bbox="0,0,10,10"),
    "deep page": dict(q="", start=900, rows=20, sort="metadata_modified desc"),
}
# Planned with EXPLAIN (ANALYZE, BUFFERS) at each size by --explain.
EXPLAINED = ("common word, dataset page", "phrase of common words")


def page_params(q: str) -> dict:
    """What the dataset page (/dataset?q=...) asks package_search for: the site's
    facets as the page gathers them (``search.facets`` and every IFacets)."""
    from ckan import plugins
    from ckan.common import config
    from ckan.lib import helpers as h
    facets = {name: name for name in h.facets()}
    for plugin in plugins.PluginImplementations(plugins.IFacets):
        facets = plugin.dataset_facets(facets, "dataset")
    return {"q": q, "fq": "+dataset_type:dataset", "facet.field": list(facets),
            "rows": config.get("ckan.datasets_per_page"), "start": 0, "sort": None,
            "extras": {}, "include_private": config.get("ckan.search.default_include_private")}


def timed(fn, repeat: int) -> list[float]:
    """Times of ``repeat`` runs after a warm-up (plans, caches); a query slower
    than a second is run 5 times only, slower than 5 s 3 times, so a 1M run ends."""
    start = time.perf_counter()
    fn()
    warm_up = time.perf_counter() - start
    if warm_up > 1:
        repeat = min(repeat, 5 if warm_up < 5 else 3)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def p50_p95(times: list[float]) -> tuple[float, float]:
    """Median and 95th percentile (inclusive: never above the slowest run)."""
    return statistics.median(times), statistics.quantiles(times, n=20, method="inclusive")[18]


def captured_statement(statement, context, params):
    """The SQL that package_search ran for these parameters."""
    from ckan.tests.helpers import call_action
    captured = {}
    original = statement.build

    def capture(p):
        captured["stmt"] = original(p)
        return captured["stmt"]
    statement.build = capture
    try:
        call_action("package_search", context=dict(context), **dict(params))
    finally:
        statement.build = original
    return captured["stmt"]


def reset_database() -> None:
    """An empty database with every migration applied, as ``ckan db upgrade`` leaves it."""
    from ckan.cli.db import _run_migrations
    from ckan.tests.helpers import reset_db
    reset_db()
    for plugin in ("activity", "harvest", "asmhub", "asmhub_search"):  # reset_db dropped their tables too
        _run_migrations(plugin)


def build_index(n: int, jobs: int) -> dict:
    """Index every dataset with ``ckan asmhub search-index rebuild``'s code, then
    rebuild a sample the way core indexes one dataset at a time, as a baseline."""
    from ckan import model
    from ckanext.asmhub.search import rebuild
    t0 = time.perf_counter()
    counts = rebuild.rebuild_in_parallel(jobs, 500) if jobs > 1 else rebuild.rebuild(500)
    elapsed = time.perf_counter() - t0
    # With --jobs, the largest of the processes (each worker is a child).
    peak = max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    ours = counts["indexed"] / elapsed
    print(f"index build ({jobs} process{'es' if jobs > 1 else ''}): {counts['indexed']} datasets "
          f"in {elapsed:.1f} s = {ours:.0f} datasets/s, peak RSS {peak:.0f} MB "
          f"(load {os.getloadavg()[0]:.1f})")
    model.Session.remove()
    sample = min(n, 1000)
    core = core_path_rate(sample)
    print(f"baseline, core's path one dataset at a time (1 process, {sample} datasets): "
          f"{core:.0f} datasets/s; the rebuild is {ours / core:.1f}x that")
    return {"how": f"rebuild, {jobs} process{'es' if jobs > 1 else ''}", "rate": ours,
            "seconds": elapsed, "core_rate": core}


def core_path_rate(sample: int) -> float:
    """Datasets/s through core's own per-dataset steps (``package_show`` with both
    schemas, ``index_package``), written in batches of 500 as the rebuild writes."""
    import sqlalchemy as sa

    from ckan import logic, model
    from ckan.lib import search
    from ckanext.asmhub.search import connection
    ids = list(model.Session.execute(
        sa.select(model.Package.id).order_by(model.Package.id).limit(sample)).scalars())
    # Written fresh, as the rebuild wrote them: a rewrite of unchanged rows costs less.
    model.Session.execute(sa.text(f"DELETE FROM {connection.TABLE} WHERE id = ANY(:ids)"),
                          {"ids": ids})
    model.Session.commit()
    search_index = search.index_for(model.Package)
    t0 = time.perf_counter()
    with connection.deferred.holding():
        for start in range(0, len(ids), 500):
            for package_id in ids[start:start + 500]:
                both = logic.package_show_default_and_custom_schemas({"ignore_auth": True},
                                                                     package_id)
                search_index.update_dict(dict(both[0], with_custom_schema=both[1]),
                                         defer_commit=True)
            connection.write_batch(connection.deferred.take())
            model.Session.remove()
    return len(ids) / (time.perf_counter() - t0)


def prepare(n: int, keep: bool, jobs: int, replicate: bool) -> dict:
    """An index of N datasets: kept, replicated from the smaller one there, or
    generated and built. Returns how it was made and how fast."""
    import sqlalchemy as sa

    from ckan import model
    have = 0
    if model.Session.execute(sa.text("SELECT to_regclass('asmhub_search_doc')")).scalar():
        have = model.Session.execute(sa.text("SELECT count(*) FROM asmhub_search_doc")).scalar()
    if keep and have == n:
        print(f"\nN = {n}: reusing the {n} indexed datasets already in the database")
        return {"how": "kept"}
    if replicate and 0 < have < n:
        print(f"\nN = {n}: REPLICATED in SQL from the {have} rows indexed here "
              "(words and facet values repeat: selectivities are those of the smaller index)")
        made = search_scale.replicate(n)
        print(f"replicated {made['written']} rows in {made['seconds']:.0f} s = {made['rate']:.0f} "
              f"rows/s, indexes built again {made['index_seconds']:.0f} s, "
              f"VACUUM (ANALYZE) {made['vacuum_seconds']:.0f} s "
              f"(load {os.getloadavg()[0]:.1f})")
        return dict(made, how=f"replicated from {made['base']}")
    reset_database()
    t0 = time.perf_counter()
    generate(n)
    print(f"\nN = {n}: generated in {time.perf_counter() - t0:.1f} s")
    return build_index(n, jobs)


def measure(n: int, repeat: int, keep: bool, jobs: int, replicate: bool, explain: bool) -> dict:
    import sqlalchemy as sa

    from ckan import model
    from ckan.common import config
    from ckan.tests.helpers import call_action
    from ckanext.asmhub.search import connection, statement

    built = prepare(n, keep, jobs, replicate)
    replicated = model.Session.execute(sa.text(
        f"SELECT count(*) FROM asmhub_search_doc WHERE name ~ '{search_scale.REPLICA}[0-9]+$'")).scalar()
    sizes = search_scale.disk_sizes()
    search_scale.print_sizes(sizes, search_scale.largest_indexes())
    # The mix is timed in full even where a query takes seconds (the backend's
    # default timeout is 10 s): the distance to the target is what is measured.
    config["ckanext.asmhub.search.statement_timeout"] = 600000
    cache_seconds = config.get("ckanext.asmhub.search.cache_seconds")
    context = {"user": "", "ignore_auth": False}
    load_start = os.getloadavg()[0]
    baseline = timed(lambda: model.Session.execute(sa.text("SELECT 1")).all(), repeat)
    b50, b95 = p50_p95(baseline)
    print(f"load average {load_start:.1f}; baseline SELECT 1: p50 {b50:.2f} ms, p95 {b95:.2f} ms")
    print("action: package_search with the search cache (a repeated request, index unchanged);"
          "\nuncached: the same with ckanext.asmhub.search.cache_seconds = 0; bare SQL: its statements;"
          "\n/base: uncached p95 over the SELECT 1 p95")
    print(f"{'query':34} {'hits':>7} {'action p50':>10} {'p95':>8} {'uncached p50':>13} {'p95':>8} "
          f"{'bare SQL p50':>13} {'p95':>8} {'uncached/SQL':>12} {'/base':>7} {'runs':>4}")

    def with_and_without_cache(fn) -> tuple[list[float], list[float]]:
        cached = timed(fn, repeat)
        config["ckanext.asmhub.search.cache_seconds"] = 0
        try:
            return cached, timed(fn, repeat)
        finally:
            config["ckanext.asmhub.search.cache_seconds"] = cache_seconds

    results = {}
    mix = dict(QUERIES)
    mix["common word, dataset page"] = page_params("mining")
    plans = {}
    for label, params in mix.items():
        def action(p=params):
            return call_action("package_search", context=dict(context), **dict(p))
        hits = action()["count"]
        cached, uncached = with_and_without_cache(action)
        stmt = captured_statement(statement, context, params)
        sql = timed(lambda stmt=stmt: connection._execute(stmt), repeat)  # as the backend runs it
        (a50, a95), (u50, u95), (s50, s95) = p50_p95(cached), p50_p95(uncached), p50_p95(sql)
        print(f"{label:34} {hits:7} {a50:10.1f} {a95:8.1f} {u50:13.1f} {u95:8.1f} {s50:13.1f} "
              f"{s95:8.1f} {u50 / s50:12.2f} {u95 / b95:7.0f} {len(uncached):4}", flush=True)
        results[label] = {"hits": hits, "cached": [a50, a95], "uncached": [u50, u95],
                          "sql": [s50, s95], "runs": len(uncached)}
        if explain and label in EXPLAINED:
            plans[label] = search_scale.explain_analyze(stmt)

    def autocomplete():
        call_action("package_autocomplete", context=dict(context), q="gold")
    auto, auto_uncached = with_and_without_cache(autocomplete)
    (a50, a95), (u50, u95) = p50_p95(auto), p50_p95(auto_uncached)
    print(f"{'autocomplete':34} {'':7} {a50:10.1f} {a95:8.1f} {u50:13.1f} {u95:8.1f} {'':13} {'':8} "
          f"{'':12} {u95 / b95:7.0f} {len(auto_uncached):4}")
    results["autocomplete"] = {"cached": [a50, a95], "uncached": [u50, u95], "runs": len(auto_uncached)}
    load_end = os.getloadavg()[0]
    print(f"load average at the end {load_end:.1f}")
    for label, lines in plans.items():
        print(f"\nEXPLAIN (ANALYZE, BUFFERS) at N = {n}: {label}")
        print("\n".join(lines))
    return {"n": n, "replicated": replicated, "built": built, "sizes": sizes,
            "load": [load_start, load_end], "baseline": [b50, b95], "queries": results,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ini", default="test.ini")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", action="store_true",
                        help="measure the datasets already indexed when there are N of them")
    parser.add_argument("--jobs", type=int, default=1,
                        help="processes building the index (rebuild --jobs)")
    parser.add_argument("--replicate", action="store_true",
                        help="reach N by copying the smaller index already there in SQL "
                             "(labelled 'replicated': its words and facets repeat)")
    parser.add_argument("--explain", action="store_true",
                        help="print EXPLAIN (ANALYZE, BUFFERS) of the dataset page's common-word "
                             "search and the phrase at each size")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--compare", nargs="+", metavar="JSON",
                        help="only print the growth table of runs saved with --json")
    args = parser.parse_args()
    if args.compare:
        search_scale.print_growth(search_scale.load(args.compare))
        return
    from ckan.cli import load_config
    from ckan.config.middleware import make_app
    app = make_app(load_config(args.ini))
    results = []
    with app._wsgi_app.test_request_context():
        import ckan.plugins as p
        for plugin in ("asmhub", "asmhub_search", "scheming_datasets", "spatial_metadata", "activity"):
            if not p.plugin_loaded(plugin):
                p.load(plugin)
        for n in args.sizes:
            results.append(measure(n, args.repeat, args.keep, args.jobs, args.replicate,
                                   args.explain))
            if args.json:
                search_scale.save(results, args.json)
    search_scale.print_growth(results)


if __name__ == "__main__":
    main()
