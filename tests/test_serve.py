"""The hub as `make run` serves it (scripts/serve.sh): supervisord keeping gunicorn
workers, the jobs worker, the harvest consumers and the mail sink running; no
debugger console, no software versions (issue 23); mail really delivered; and
`make stop` leaving nothing behind (issue 18). One served hub for the module."""
from __future__ import annotations

import mailbox
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
import requests

from ckan.tests import factories
from ckan.tests.helpers import call_action

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = {"web", "worker", "harvest-gather", "harvest-fetch", "harvest-run", "mail-sink"}


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


def _running(pid: int) -> bool:
    """Alive and not a zombie (an exited child its parent has not reaped yet)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _started_by(served: "Served") -> list[int]:
    """Live processes that carry this served hub's run directory in their environment."""
    marker = f"ASMHUB_RUN_DIR={served.env['ASMHUB_RUN_DIR']}".encode()
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if marker in (proc / "environ").read_bytes().split(b"\0") and _running(int(proc.name)):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def _wait(check, seconds: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"waited {seconds} s for {what}")


@dataclass
class Served:
    url: str
    headers: dict[str, str]
    env: dict[str, str]
    dirs: Path

    def ctl(self, *args: str) -> str:
        return subprocess.run([str(ROOT / ".venv/bin/supervisorctl"), "-c", "config/supervisord.conf", *args],
                              cwd=ROOT, env=self.env, capture_output=True, text=True).stdout

    def pid(self, program: str) -> int:
        return int(self.ctl("pid", program).strip() or 0)

    def stop(self) -> None:
        subprocess.run(["bash", "scripts/serve.sh", "--stop"], cwd=ROOT, env=self.env, check=False)


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    """scripts/serve.sh on free ports beside any running hub, with its own mail sink."""
    dirs = tmp_path_factory.mktemp("served")
    port = _free_port()
    env = {**os.environ, "ASMHUB_RUN_DIR": str(dirs / "run"), "ASMHUB_LOG_DIR": str(dirs / "log"),
           "ASMHUB_MAIL_DIR": str(dirs / "mail"), "ASMHUB_WORKERS": "3",
           "CKAN_SMTP_SERVER": f"127.0.0.1:{_free_port()}", "CKAN_SITE_URL": f"http://127.0.0.1:{port}"}
    server = subprocess.Popen(["bash", "scripts/serve.sh", str(ROOT / ".venv/bin/ckan"), "test.ini", "127.0.0.1",
                               str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    hub = None
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/api/3/action/status_show", timeout=5) as response:
                    hub = Served(base, dict(response.headers), env, dirs)
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError(f"the hub did not start; see {dirs / 'log'}")
        _wait(lambda: all(f"{p} RUNNING" in " ".join(hub.ctl("status").split()) for p in PROGRAMS),
              what="every program to run")
        yield hub
    finally:
        subprocess.run(["bash", "scripts/serve.sh", "--stop"], cwd=ROOT, env=env, check=False)
        server.wait(timeout=60)


def test_the_served_hub_has_no_debugger_console(served):
    assert _status(f"{served.url}/console") == 404
    with urllib.request.urlopen(f"{served.url}/?__debugger__=yes&cmd=resource&f=debugger.js") as page:
        assert b"Werkzeug" not in page.read()


def test_the_served_hub_runs_several_workers_and_names_no_versions(served):
    assert not any(ch.isdigit() for ch in served.headers.get("Server", "")), served.headers.get("Server")
    workers = subprocess.run(["pgrep", "-P", str(served.pid("web"))], capture_output=True, text=True).stdout.split()
    assert len(workers) == 3


@pytest.mark.usefixtures("with_plugins")
def test_a_password_reset_reaches_the_mail_sink_and_the_outbox(served):
    user = factories.User(email=f"reset-{time.time_ns()}@example.org")
    browser = requests.Session()
    form = browser.get(f"{served.url}/user/reset", timeout=30).text
    token = re.search(r'name="_csrf_token" value="([^"]+)"', form).group(1)
    done = browser.post(f"{served.url}/user/reset", data={"user": user["email"], "_csrf_token": token},
                        timeout=30)
    assert done.status_code == 200 and done.url.startswith(served.url)
    maildir = mailbox.Maildir(served.dirs / "mail", create=True)
    _wait(lambda: any(user["email"] in (m["To"] or "") for m in maildir), what="the mail in the sink")
    mine = [m for m in call_action("asmhub_mail_list", limit=500)["results"]
            if m["recipient_email"] == user["email"]]
    assert [(m["status"], m["attempts"]) for m in mine] == [("sent", 1)]


def test_a_process_that_dies_is_started_again(served):
    before = served.pid("worker")
    # The whole process group (supervisord makes each program a group leader): killing
    # the worker alone orphans a work horse forked for a job, which keeps the dead
    # worker's Redis connections and its pending BLMOVE, so the next job queued on
    # that Redis database would be taken and never run.
    os.killpg(before, signal.SIGKILL)
    _wait(lambda: served.pid("worker") not in (0, before) and "RUNNING" in served.ctl("status", "worker"),
          what="the worker to be restarted")


def test_stop_leaves_no_process_behind(served):
    pids = [served.pid(p) for p in PROGRAMS] + [int((served.dirs / "run" / "supervisord.pid").read_text())]
    served.stop()
    assert [pid for pid in pids if _running(pid)] == []
    assert _started_by(served) == []  # nor any process they forked (a work horse)
    host, port = served.url.rsplit("/", 1)[-1].split(":")
    with socket.socket() as probe:
        assert probe.connect_ex((host, int(port))) != 0  # nothing listens any more
