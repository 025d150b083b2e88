"""The hub as `make run` serves it (scripts/serve.sh): no debugger console, ever (issue 23)."""
from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

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


def test_the_served_hub_has_no_debugger_console(tmp_path):
    port = _free_port()
    env = {**os.environ, "ASMHUB_RUN_DIR": str(tmp_path / "run"), "ASMHUB_LOG_DIR": str(tmp_path / "log")}
    server = subprocess.Popen(["bash", "scripts/serve.sh", str(ROOT / ".venv/bin/ckan"), "test.ini", "127.0.0.1",
                               str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                if _status(f"{base}/api/3/action/status_show") == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError(f"the hub did not start; see {tmp_path / 'log'}")
        assert _status(f"{base}/console") == 404
        assert _status(f"{base}/?__debugger__=yes&cmd=resource&f=debugger.js") in (200, 404)
        with urllib.request.urlopen(f"{base}/?__debugger__=yes&cmd=resource&f=debugger.js") as page:
            assert b"Werkzeug" not in page.read()
    finally:
        subprocess.run(["bash", "scripts/serve.sh", "--stop"], cwd=ROOT, env=env, check=False)
        server.wait(timeout=30)


def test_the_served_hub_runs_several_workers_and_names_no_versions(tmp_path):
    port = _free_port()
    env = {**os.environ, "ASMHUB_RUN_DIR": str(tmp_path / "run"), "ASMHUB_LOG_DIR": str(tmp_path / "log"),
           "ASMHUB_WORKERS": "3"}
    server = subprocess.Popen(["bash", "scripts/serve.sh", str(ROOT / ".venv/bin/ckan"), "test.ini", "127.0.0.1",
                               str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/api/3/action/status_show", timeout=5) as response:
                    server_header = response.headers.get("Server", "")
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("the hub did not start")
        assert not any(ch.isdigit() for ch in server_header), server_header  # no version numbers
        master = int((tmp_path / "run" / "web.pid").read_text())
        workers = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
        assert len(workers) == 3
    finally:
        subprocess.run(["bash", "scripts/serve.sh", "--stop"], cwd=ROOT, env=env, check=False)
        server.wait(timeout=30)
