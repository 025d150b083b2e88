"""Load the hub as visitors and contributors do, on the served stack and the dev server.

For ``--duration`` seconds (default 60), ``--readers`` clients (default 20) read the
home page, ``/dataset`` searches with a facet filter, the Countries table, a country
profile, dataset pages and the search API, back to back (``--think`` seconds between
two requests of a client, default 0); ``--contributors`` clients (default 5) each
register through the sign-up form, get an API token, create a dataset, upload a small
CSV to it and submit it for review, again and again; one moderator reads the review
queue and decides every submission (approves most, asks revisions of every fifth).
Everything goes through HTTP. The same load runs first against the served stack
(``scripts/serve.sh``: gunicorn with ``--workers`` workers, the jobs worker, the harvest
consumers and the mail sink), then against CKAN's development server (``ckan run``,
threaded, no reloader, no debugger) as the baseline, on the same database. Each phase
starts with ``--warmup`` seconds of readers (not counted) and ``--alone`` requests of
each reader page by a single client (its service time without queueing). For each
stack it prints the load average; the CPU taken by the web processes, the stack's other
processes, the database's PostgreSQL backends, the load generator and anything else;
requests/s; and per page: count, p50/p95/p99 ms, errors and the first error. Then the
served/dev ratios. Run on demand, never in CI:

    .venv/bin/python bench/load.py --ini ckan.ini \\
        --db-url postgresql://asmhub:asmhub@127.0.0.1:5432/asmhub_load \\
        --redis-url redis://127.0.0.1:6379/5

It writes into the database it is given (users, datasets, reviews) and empties the Redis
database it is given before each phase: point both at scratch copies (``createdb -T
asmhub asmhub_load``, then ``scripts/datastore.sh .venv/bin/ckan ckan.ini asmhub_load``
for its DataStore database), never at the hub's own (the script refuses the ini's). Uploads go
to a temporary storage path (removed at the end; the servers' logs are kept there), mail
to the served stack's sink on a free port.

``--prepare N`` adds N generated datasets to the database with ``bench/search.py``'s
generator, rebuilds the search index and exits (100,000: 2 + 12 minutes here).
"""
from __future__ import annotations

import argparse
import configparser
import json
import math
import os
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlencode, urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
TIMEOUT = 60
CRITERIA = ("data_quality", "errors_omissions", "reliability", "commercial_confidentiality",
            "risk_of_harm", "inappropriate_content")
QUERY_WORDS = ("gold", "mining", "women", "mercury", "miners", "tin", "diamonds", "")
FACET_FIELDS = ["minerals", "countries", "themes", "res_format", "organization", "license_id"]
PASSWORD = "bench-load-password-1"
CSV = b"country,indicator,central,ref_year\nTZA,asm_miners,1500000,2019\nGHA,asm_miners,1100000,2018\n"


# --- measurements -------------------------------------------------------------------------

@dataclass
class Page:
    times: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""


class Stats:
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.lock = threading.Lock()
        self.last = 0.0

    def record(self, name: str, ms: float, error: str | None) -> None:
        with self.lock:
            page = self.pages.setdefault(name, Page())
            page.times.append(ms)
            if error:
                page.errors += 1
                page.first_error = page.first_error or error
            self.last = time.monotonic()

    def total(self) -> tuple[int, int]:
        return (sum(len(p.times) for p in self.pages.values()),
                sum(p.errors for p in self.pages.values()))


def percentile(times: list[float], p: float) -> float:
    """Nearest rank: the smallest value with at least p% of the values at or below it."""
    ordered = sorted(times)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


class Client:
    """One simulated person: a requests session whose every request is timed."""

    def __init__(self, base: str, stats: Stats | None, token: str | None = None) -> None:
        self.base, self.stats = base, stats
        self.http = requests.Session()
        if token:
            self.http.headers["Authorization"] = token

    def request(self, name: str, method: str, path: str, ok: Callable[[requests.Response], bool] | None = None,
                **kwargs: Any) -> requests.Response | None:
        start = time.perf_counter()
        error = None
        response = None
        try:
            response = self.http.request(method, self.base + path, timeout=TIMEOUT,
                                         allow_redirects=False, **kwargs)
            if response.status_code >= 400 or (ok and not ok(response)):
                error = f"{method} {path} -> {response.status_code}: {response.text[:300]!r}"
        except requests.RequestException as exc:
            error = f"{method} {path} -> {type(exc).__name__}: {exc}"
        ms = (time.perf_counter() - start) * 1000
        if self.stats is not None:
            self.stats.record(name, ms, error)
        return None if error else response

    def action(self, name: str, action: str, data: dict[str, Any] | None = None,
               files: dict[str, Any] | None = None) -> Any:
        if files:
            response = self.request(name, "POST", f"/api/3/action/{action}", data=data, files=files)
        else:
            response = self.request(name, "POST", f"/api/3/action/{action}", json=data or {})
        return response.json()["result"] if response is not None else None


# --- the people -------------------------------------------------------------------------------

@dataclass
class Catalogue:
    datasets: list[str]
    countries: list[str]
    minerals: list[str]


READER_PAGES = ("home /", "search /dataset?q=&facet", "countries /country", "profile /country/<code>",
                "dataset /dataset/<name>", "API package_search+facets")


def read(client: Client, rng: random.Random, catalogue: Catalogue, kind: int) -> None:
    """One page of READER_PAGES[kind], with real names picked at random."""
    word = rng.choice(QUERY_WORDS)
    name = READER_PAGES[kind]
    if kind == 0:
        client.request(name, "GET", "/")
    elif kind == 1:
        facet = rng.choice([("minerals", rng.choice(catalogue.minerals)),
                            ("countries", rng.choice(catalogue.countries))])
        client.request(name, "GET", "/dataset/?" + urlencode({"q": word, facet[0]: facet[1]}))
    elif kind == 2:
        client.request(name, "GET", "/country")
    elif kind == 3:
        client.request(name, "GET", f"/country/{rng.choice(catalogue.countries)}")
    elif kind == 4:
        client.request(name, "GET", f"/dataset/{rng.choice(catalogue.datasets)}")
    else:
        client.request(name, "GET", "/api/3/action/package_search?" + urlencode(
            {"q": word, "facet.field": json.dumps(FACET_FIELDS), "rows": 10}))


def reader(base: str, stats: Stats, catalogue: Catalogue, until: float, think: float, seed: int) -> None:
    rng = random.Random(seed)
    client = Client(base, stats)
    while time.monotonic() < until:
        read(client, rng, catalogue, rng.randrange(len(READER_PAGES)))
        if think:
            time.sleep(think)


def alone(base: str, catalogue: Catalogue, repeat: int) -> Stats:
    """Each reader page requested by one client at a time: the service time without queueing."""
    stats, rng = Stats(), random.Random(0)
    client = Client(base, stats)
    for kind in range(len(READER_PAGES)):
        for _ in range(repeat):
            read(client, rng, catalogue, kind)
    return stats


CSRF = re.compile(r'name="_csrf_token"\s+value="([^"]+)"')


def contributor(base: str, stats: Stats, admin_token: str, until: float, number: int) -> None:
    """Register, get a token, create, upload, submit; again with a new account until the end."""
    rng = random.Random(1000 + number)
    admin = Client(base, stats, admin_token)
    while time.monotonic() < until:
        name = f"bench-c{number}-{uuid.uuid4().hex[:8]}"
        web = Client(base, stats)
        form = web.request("register form GET", "GET", "/user/register")
        token = CSRF.search(form.text) if form is not None else None
        if token is None:
            if form is not None:
                stats.record("register form GET", 0, "no CSRF token in /user/register")
            time.sleep(1)
            continue
        registered = web.request("register POST", "POST", "/user/register", ok=lambda r: r.status_code in (302, 303), data={
            "_csrf_token": token.group(1), "name": name, "fullname": f"Load contributor {number}",
            "email": f"{name}@example.org", "password1": PASSWORD, "password2": PASSWORD, "save": ""})
        if registered is None or time.monotonic() >= until:
            continue
        api_token = admin.action("token (sysadmin API)", "api_token_create", {"user": name, "name": "bench"})
        if api_token is None:
            continue
        me = Client(base, stats, api_token["token"])
        dataset = me.action("package_create (API)", "package_create", {
            "name": f"load-{name}", "title": f"Artisanal gold miners, load test {name}",
            "notes": "Miners counted in a district survey (generated by bench/load.py).",
            "minerals": ["gold"], "countries": [rng.choice(["TZA", "GHA", "PER", "IDN"])],
            "themes": ["livelihoods"], "temporal_start": "2018", "temporal_end": "2019"})
        if dataset is None or time.monotonic() >= until:
            continue
        uploaded = me.action("resource_create upload (API)", "resource_create",
                             {"package_id": dataset["id"], "name": "Miners by district", "format": "CSV"},
                             files={"upload": ("miners.csv", CSV, "text/csv")})
        if uploaded is None or time.monotonic() >= until:
            continue
        me.action("asmhub_review_submit (API)", "asmhub_review_submit",
                  {"id": dataset["id"], "comment": "Please review."})
        if time.monotonic() < until:
            me.request("contributions page", "GET", "/contributions")


def moderator(base: str, stats: Stats, token: str, until: float) -> None:
    """Read the queue page, open each submission, decide it through the API."""
    me = Client(base, stats, token)
    decided = 0
    while time.monotonic() < until:
        me.request("review queue /review", "GET", "/review")
        queue = me.action("asmhub_review_queue_list (API)", "asmhub_review_queue_list", {"limit": 20})
        if not queue or not queue["results"]:
            time.sleep(1)
            continue
        for item in queue["results"]:
            if time.monotonic() >= until:
                break
            me.request("review page /review/<id>", "GET", f"/review/{item['id']}")
            decided += 1
            if decided % 5:
                decision = {"decision": "approved", "criteria": {c: "met" for c in CRITERIA}}
            else:
                decision = {"decision": "revisions_requested", "criteria": {c: "met" for c in CRITERIA},
                            "comment": "Name the survey.", "required_changes": ["Cite the survey"]}
            me.action("asmhub_review_decide (API)", "asmhub_review_decide", {"id": item["id"], **decision})


# --- servers --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Proc:
    parent: int
    cpu: float  # seconds: its own and its reaped children's, user and system
    command: str


def process_table() -> dict[int, Proc]:
    tick = os.sysconf("SC_CLK_TCK")
    table = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        table[int(stat.parent.name)] = Proc(int(fields[1]), sum(int(v) for v in fields[11:15]) / tick, command)
    return table


def descendants(table: dict[int, Proc], root: int) -> list[int]:
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in table:
            found.append(pid)
            todo += [child for child, proc in table.items() if proc.parent == pid]
    return found


def cpu_by_part(table: dict[int, Proc], root: int, database: str) -> dict[str, float]:
    """CPU seconds so far of the stack's web processes, its other processes (jobs worker,
    harvest, mail sink, supervisor) and the PostgreSQL backends of the database."""
    parts = {"web": 0.0, "other": 0.0, "postgres": 0.0}
    for pid in descendants(table, root):
        web = "gunicorn" in table[pid].command or " run --host" in table[pid].command
        parts["web" if web else "other"] += table[pid].cpu
    parts["postgres"] = sum(p.cpu for p in table.values()
                            if p.command.startswith("postgres: ") and f" {database} " in p.command)
    return parts


class Server:
    """A stack serving the hub on a free port, with the benchmark's environment."""

    def __init__(self, kind: str, args: argparse.Namespace, workdir: Path) -> None:
        self.kind, self.args, self.port = kind, args, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.run_dir, self.log_dir = workdir / kind / "run", workdir / kind / "log"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.env = {**server_env(args, workdir), "CKAN_SITE_URL": self.base,
                    "ASMHUB_RUN_DIR": str(self.run_dir), "ASMHUB_LOG_DIR": str(self.log_dir),
                    "ASMHUB_WORKERS": str(args.workers)}
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        ini = str(Path(self.args.ini).resolve())
        if self.kind == "served":
            return ["bash", "scripts/serve.sh", str(VENV_BIN / "ckan"), ini, "127.0.0.1", str(self.port)]
        return [str(VENV_BIN / "ckan"), "-c", ini, "run", "--host", "127.0.0.1", "--port", str(self.port),
                "--disable-reloader", "--disable-debugger"] + (["--threaded"] if self.args.dev_threaded else [])

    def start(self) -> None:
        output = open(self.log_dir / "server.log", "ab")
        self.process = subprocess.Popen(self.command(), cwd=ROOT, env=self.env, stdout=output,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        for _ in range(240):
            if self.process.poll() is not None:
                break
            try:
                if requests.get(self.base + "/api/3/action/status_show", timeout=5).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.stop()
        sys.exit(f"the {self.kind} stack did not start; see {self.log_dir / 'server.log'}")

    def processes(self) -> str:
        if self.kind == "dev":
            return "1 process, " + ("a thread per request" if self.args.dev_threaded else "one request at a time")
        table = process_table()
        workers = [pid for pid in descendants(table, self.process.pid) if "gunicorn" in table[pid].command
                   and "gunicorn" in table[table[pid].parent].command]
        return f"gunicorn workers: {len(workers)}"

    def stop(self) -> None:
        if self.process is None:
            return
        if self.kind == "served":
            subprocess.run(["bash", "scripts/serve.sh", "--stop"], cwd=ROOT, env=self.env, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # the group this script started
            self.process.wait()
        self.process = None


def server_env(args: argparse.Namespace, workdir: Path) -> dict[str, str]:
    datastore = urlsplit(args.db_url)._replace(path=urlsplit(args.db_url).path + "_datastore")
    reader_ = datastore._replace(netloc=f"asmhub_datastore_ro:asmhub_datastore_ro@{datastore.hostname}:"
                                        f"{datastore.port or 5432}")
    return {**os.environ, "CKAN_SQLALCHEMY_URL": args.db_url, "CKAN_REDIS_URL": args.redis_url,
            # The DataStore database scripts/datastore.sh makes beside the CKAN one.
            "CKAN_DATASTORE_WRITE_URL": args.datastore_write_url or datastore.geturl(),
            "CKAN_DATASTORE_READ_URL": args.datastore_read_url or reader_.geturl(),
            "CKAN_STORAGE_PATH": str(workdir / "storage"), "CKAN_SMTP_SERVER": f"127.0.0.1:{args.smtp_port}",
            "ASMHUB_MAIL_DIR": str(workdir / "mail")}


def mails(workdir: Path) -> int:
    """Messages the served stack's mail sink has kept."""
    return len(list((workdir / "mail" / "new").glob("*")))


# --- the run ----------------------------------------------------------------------------------

def ckan_cli(args: argparse.Namespace, workdir: Path, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(VENV_BIN / "ckan"), "-c", args.ini, *command], cwd=ROOT, env=server_env(args, workdir),
                          capture_output=True, text=True)


def sysadmin_token(args: argparse.Namespace, workdir: Path) -> str:
    """A sysadmin of the scratch database and a fresh API token (CLI, once per run)."""
    name = "bench-load-admin"
    ckan_cli(args, workdir, "user", "add", name, f"email={name}@example.org", f"password={PASSWORD}")
    ckan_cli(args, workdir, "sysadmin", "add", name)
    result = ckan_cli(args, workdir, "user", "token", "add", name, "bench")
    token = result.stdout.strip().splitlines()[-1].strip() if result.stdout.strip() else ""
    if result.returncode or not token:
        sys.exit(f"could not make a sysadmin token: {result.stderr[-2000:]}")
    return token


def moderator_token(base: str, admin_token: str) -> str:
    """The benchmark's moderator (one per database: every moderator gets each submission's
    notice) and a fresh API token."""
    admin = Client(base, None, admin_token)
    name = "bench-load-moderator"
    if admin.request("setup", "GET", f"/api/3/action/user_show?id={name}") is None:
        if admin.action("setup", "user_create", {"name": name, "email": f"{name}@example.org",
                                                 "password": PASSWORD}) is None:
            sys.exit("could not create the moderator")
    admin.action("setup", "asmhub_moderator_grant", {"id": name})
    return admin.action("setup", "api_token_create", {"user": name, "name": "bench"})["token"]


def discover(base: str) -> Catalogue:
    """Real names from the catalogue: datasets, countries and minerals with datasets."""
    client = Client(base, None)
    found = client.action("setup", "package_search", {
        "q": "", "rows": 200, "fl": "name", "facet.field": ["countries", "minerals"], "facet.limit": 50})
    if not found or not found["results"]:
        sys.exit("the catalogue is empty: seed the database first")
    facets = found["search_facets"]
    return Catalogue(datasets=[d["name"] for d in found["results"]],
                     countries=[i["name"] for i in facets["countries"]["items"]] or ["TZA"],
                     minerals=[i["name"] for i in facets["minerals"]["items"]] or ["gold"])


def flush_redis(url: str) -> None:
    import redis
    redis.Redis.from_url(url).flushdb()


def phase(server: Server, args: argparse.Namespace, admin: str, moderator_tok: str,
          catalogue: Catalogue, workdir: Path) -> dict[str, Any]:
    load = os.getloadavg()
    warning = "  (above 1.0: the machine is busy with other work)" if load[0] > 1.0 else ""
    print(f"\n== {server.kind} stack at {server.base}: {server.processes()}")
    print(f"load average before the phase: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}{warning}")
    if args.warmup:
        warm = Stats()
        until = time.monotonic() + args.warmup
        threads = [threading.Thread(target=reader, args=(server.base, warm, catalogue, until, 0, i))
                   for i in range(args.readers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    single = alone(server.base, catalogue, args.alone) if args.alone else Stats()
    stats = Stats()
    mail_before = mails(workdir)
    database = urlsplit(args.db_url).path.lstrip("/")
    cpu_before, usage_before = cpu_times(), resource.getrusage(resource.RUSAGE_SELF)
    parts_before = cpu_by_part(process_table(), server.process.pid, database)
    start = time.monotonic()
    until = start + args.duration
    threads = [threading.Thread(target=reader, args=(server.base, stats, catalogue, until, args.think, i))
               for i in range(args.readers)]
    threads += [threading.Thread(target=contributor, args=(server.base, stats, admin, until, i))
                for i in range(args.contributors)]
    if args.contributors:
        threads.append(threading.Thread(target=moderator, args=(server.base, stats, moderator_tok, until)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    parts_after = cpu_by_part(process_table(), server.process.pid, database)
    cpu_after, usage_after = cpu_times(), resource.getrusage(resource.RUSAGE_SELF)
    capacity = (os.cpu_count() or 1) * elapsed
    busy = (cpu_after[0] - cpu_before[0]) / max(1, cpu_after[1] - cpu_before[1])
    shares = {part: (parts_after[part] - parts_before[part]) / capacity for part in parts_after}
    shares["load generator"] = sum(getattr(usage_after, f) - getattr(usage_before, f)
                                   for f in ("ru_utime", "ru_stime")) / capacity
    shares["anything else"] = busy - sum(shares.values())
    elapsed = max(stats.last, until) - start
    requests_done, errors = stats.total()
    print(f"{requests_done} requests in {elapsed:.1f} s = {requests_done / elapsed:.1f} requests/s, "
          f"{errors} errors; review mails delivered {mails(workdir) - mail_before}; "
          f"load average after {os.getloadavg()[0]:.2f}")
    stack_cpu = (shares["web"] + shares["other"] + shares["postgres"]) * capacity
    print(f"CPU, share of {os.cpu_count()} cores: {busy * 100:.0f}% busy = "
          + ", ".join(f"{name} {share * 100:.0f}%" for name, share in shares.items())
          + f"; {requests_done / stack_cpu:.1f} requests per CPU-second of the stack (web, other, postgres)")
    print(f"{'page':32} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'alone p50':>10}")
    readers = [t for name, p in stats.pages.items() if not is_contributing(name) for t in p.times]
    for name, page in sorted(stats.pages.items(), key=lambda item: (is_contributing(item[0]), item[0])):
        by_itself = single.pages.get(name)
        print(f"{name:32} {len(page.times):6} {percentile(page.times, 50):8.0f} "
              f"{percentile(page.times, 95):8.0f} {percentile(page.times, 99):8.0f} {page.errors:7} "
              f"{percentile(by_itself.times, 50) if by_itself else float('nan'):10.0f}")
    if readers:
        print(f"{'all reader pages':32} {len(readers):6} {percentile(readers, 50):8.0f} "
              f"{percentile(readers, 95):8.0f} {percentile(readers, 99):8.0f}")
    print("(alone p50: the same page requested by one client at a time, before the load)")
    for name, page in {**single.pages, **stats.pages}.items():
        if page.errors:
            print(f"first error of {name}: {page.first_error}")
    return {"rps": requests_done / elapsed, "per_cpu": requests_done / stack_cpu, "pages": stats.pages,
            "readers": readers}


def is_contributing(name: str) -> bool:
    return name not in READER_PAGES


def compare(served: dict[str, Any], dev: dict[str, Any]) -> None:
    print(f"\n== served / dev: throughput {served['rps'] / dev['rps']:.2f}x, requests per CPU-second "
          f"{served['per_cpu'] / dev['per_cpu']:.2f}x; p95 per page (below 1: the served stack is faster)")
    for name in sorted(served["pages"], key=lambda n: (is_contributing(n), n)):
        if name in dev["pages"]:
            s, d = percentile(served["pages"][name].times, 95), percentile(dev["pages"][name].times, 95)
            print(f"{name:32} {s / d if d else float('nan'):6.2f}")
    if served["readers"] and dev["readers"]:
        print(f"{'all reader pages':32} {percentile(served['readers'], 95) / percentile(dev['readers'], 95):6.2f}")


def prepare(args: argparse.Namespace, workdir: Path) -> None:
    """Add N datasets with bench/search.py's generator, then rebuild the index."""
    os.environ.update(server_env(args, workdir))
    sys.path.insert(0, str(ROOT / "bench"))
    import search as search_bench  # bench/search.py

    from ckan.cli import load_config
    from ckan.config.middleware import make_app
    app = make_app(load_config(args.ini))
    with app._wsgi_app.test_request_context():
        start = time.perf_counter()
        search_bench.generate(args.prepare)
        print(f"generated {args.prepare} datasets in {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    result = subprocess.run([str(VENV_BIN / "ckan"), "-c", args.ini, "asmhub", "search-index", "rebuild",
                             "--jobs", "2"], cwd=ROOT, env=server_env(args, workdir), check=False)
    print(f"index rebuilt in {time.perf_counter() - start:.0f} s (exit {result.returncode})")


def ini_setting(ini: str, key: str) -> str:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read(ini)
    return parser.get("app:main", key, fallback="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ini", default="ckan.ini")
    parser.add_argument("--db-url", required=True, help="a scratch database (a copy of the hub's)")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/5", help="a scratch Redis database")
    parser.add_argument("--datastore-write-url", help="default: the --db-url database + _datastore")
    parser.add_argument("--datastore-read-url", help="default: the same, as asmhub_datastore_ro")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=10, help="seconds of readers before each phase, not counted")
    parser.add_argument("--alone", type=int, default=10,
                        help="requests of each reader page by a single client before the load")
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--contributors", type=int, default=5)
    parser.add_argument("--think", type=float, default=0, help="seconds a reader waits between two pages")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("ASMHUB_WORKERS", 4)),
                        help="gunicorn workers of the served stack")
    parser.add_argument("--stacks", default="served,dev", help="which stacks to load, in order")
    parser.add_argument("--dev-threaded", action=argparse.BooleanOptionalAction, default=True,
                        help="the dev server handles each request in a thread (ckan run --threaded)")
    parser.add_argument("--prepare", type=int, default=0, metavar="N",
                        help="add N generated datasets and rebuild the index, then exit")
    args = parser.parse_args()
    if args.db_url.rstrip("/") == ini_setting(args.ini, "sqlalchemy.url").rstrip("/"):
        sys.exit("--db-url is the hub's own database: give a scratch copy")
    if args.redis_url.rstrip("/") == ini_setting(args.ini, "ckan.redis.url").rstrip("/"):
        sys.exit("--redis-url is the hub's own Redis database: give a scratch one")
    args.smtp_port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="asmhub-load-"))
    (workdir / "storage").mkdir()
    try:
        if args.prepare:
            prepare(args, workdir)
            return
        print(f"bench/load.py {time.strftime('%Y-%m-%d %H:%M')}: {args.readers} readers, "
              f"{args.contributors} contributors, {1 if args.contributors else 0} moderator, {args.duration:.0f} s per stack "
              f"(+{args.warmup:.0f} s warm-up), think time {args.think} s; {os.cpu_count()} CPUs; "
              f"database {urlsplit(args.db_url).path.lstrip('/')}")
        admin = sysadmin_token(args, workdir)
        results, moderator_tok, catalogue = {}, "", None
        for kind in args.stacks.split(","):
            flush_redis(args.redis_url)
            server = Server(kind, args, workdir)
            server.start()
            try:
                if catalogue is None:
                    catalogue = discover(server.base)
                    moderator_tok = moderator_token(server.base, admin)
                    print(f"catalogue: {len(catalogue.datasets)} dataset pages, "
                          f"{len(catalogue.countries)} countries, {len(catalogue.minerals)} minerals to pick from")
                results[kind] = phase(server, args, admin, moderator_tok, catalogue, workdir)
            finally:
                server.stop()
        if "served" in results and "dev" in results:
            compare(results["served"], results["dev"])
    finally:
        shutil.rmtree(workdir / "storage", ignore_errors=True)
        if not args.prepare:
            print(f"\nserver logs: {workdir}/<stack>/log")


if __name__ == "__main__":
    main()
