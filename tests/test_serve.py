"""The hub as `make run` serves it (scripts/serve.sh): gunicorn workers, no debugger console,
no software versions (issue 23)."""
from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@contextmanager
def served(tmp_path: Path, **env: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Run scripts/serve.sh on a free port beside any running hub; yield its URL and first headers."""
    port = _free_port()
    env = {**os.environ, "ASMHUB_RUN_DIR": str(tmp_path / "run"), "ASMHUB_LOG_DIR": str(tmp_path / "log"), **env}
    server = subprocess.Popen(["bash", "scripts/serve.sh", str(ROOT / ".venv/bin/ckan"), "test.ini", "127.0.0.1",
                               str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/api/3/action/status_show", timeout=5) as response:
                    yield base, dict(response.headers)
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError(f"the hub did not start; see {tmp_path / 'log'}")
    finally:
        subprocess.run(["bash", "scripts/serve.sh", "--stop"], cwd=ROOT, env=env, check=False)
        server.wait(timeout=30)


def test_the_served_hub_has_no_debugger_console(tmp_path):
    with served(tmp_path) as (base, _):
        assert _status(f"{base}/console") == 404
        with urllib.request.urlopen(f"{base}/?__debugger__=yes&cmd=resource&f=debugger.js") as page:
            assert b"Werkzeug" not in page.read()


def test_the_served_hub_runs_several_workers_and_names_no_versions(tmp_path):
    with served(tmp_path, ASMHUB_WORKERS="3") as (_, headers):
        assert not any(ch.isdigit() for ch in headers.get("Server", "")), headers.get("Server")
        master = int((tmp_path / "run" / "web.pid").read_text())
        workers = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
        assert len(workers) == 3
