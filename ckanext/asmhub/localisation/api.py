"""The API answers in the language the client asks for.

CKAN picks the language from the URL only (``/fr/api/3/action/...``). API
clients rarely add a locale prefix but do send ``Accept-Language``, so for
``/api/`` requests without a prefix this middleware finds the best offered
locale for the header and adds the prefix CKAN understands. Validation errors
and labels then come back in that language, with ``Content-Language`` set.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header


class ApiLanguage:
    def __init__(self, app: Callable[..., Iterable[bytes]], offered: list[str], default: str):
        self.app = app
        self.offered = offered
        self.default = default

    def negotiate(self, header: str) -> str | None:
        """The offered locale that best matches an ``Accept-Language`` header."""
        return parse_accept_header(header, LanguageAccept).best_match(self.offered)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not path.startswith("/api/"):
            return self.app(environ, start_response)
        locale = self.negotiate(environ.get("HTTP_ACCEPT_LANGUAGE", "")) or self.default
        if locale != self.default:
            environ["PATH_INFO"] = f"/{locale}{path}"

        def start(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            headers = [*headers, ("Content-Language", locale.replace("_", "-")), ("Vary", "Accept-Language")]
            return start_response(status, headers, *args)
        return self.app(environ, start)
