"""A local SMTP server that keeps every message it receives in a Maildir.

For machines without a mail server (``make run`` starts it on the address of
``smtp.server``): the hub's mail is really delivered, over SMTP, and a person
can read it with any mail reader that opens a Maildir, or as plain files in
``<maildir>/new``. It relays nothing.
"""
from __future__ import annotations

import mailbox
import signal
import threading
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class MaildirHandler:
    def __init__(self, path: Path) -> None:
        self.maildir = mailbox.Maildir(path, create=True)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's hook
        message = mailbox.MaildirMessage(envelope.original_content or envelope.content)
        message["X-Asmhub-Sink-Rcpt"] = ", ".join(envelope.rcpt_tos)
        self.maildir.add(message)
        return "250 Message accepted for delivery"


def local_address(smtp_server: str) -> tuple[str, int] | None:
    """Where a sink for ``smtp.server`` listens; None when the server is another machine."""
    host, _, port = smtp_server.rpartition(":") if ":" in smtp_server else (smtp_server, "", "25")
    host = host or "127.0.0.1"
    return (host, int(port)) if host in LOCAL_HOSTS else None


def serve(host: str, port: int, path: Path, stop: threading.Event,
          started: threading.Event | None = None) -> None:
    """Receive mail until ``stop`` is set; set ``started`` once listening."""
    controller = Controller(MaildirHandler(path), hostname=host, port=port)
    controller.start()
    if started:
        started.set()
    try:
        stop.wait()
    finally:
        controller.stop()


def serve_until_signalled(host: str, port: int, path: Path) -> None:
    """Receive mail until SIGTERM or SIGINT (the process supervisor stops it so)."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    serve(host, port, path, stop)
