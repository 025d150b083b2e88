"""Security headers on every response, and uploads served so they can never run.

- Every response: ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY``
  (and ``frame-ancestors 'none'``), ``Referrer-Policy: strict-origin-when-cross-origin``,
  and no ``Server`` header naming the software.
- HTML pages: a Content-Security-Policy the hub's own pages satisfy: scripts,
  styles, fonts and images from the site itself (images also from a configured
  map tile server) (inline styles are allowed,
  since CKAN's templates set ``style`` attributes; inline scripts are not),
  no plugins, forms posting only to the site.
- An uploaded file (``resource.download``) is sent as an attachment with a
  sandboxing policy, so an uploaded ``.html`` or ``.svg`` opened by a moderator
  is downloaded, never rendered as a page of the hub's origin.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Response, request

from .. import maps

PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:{tiles}; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
               "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
UPLOAD_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'"


def _tiles_origin() -> str:
    """A configured map tile server's origin, which the maps' images come from."""
    parts = urlsplit(maps.tiles_url())
    return f" {parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""


def _is_upload(response: Response) -> bool:
    return (request.endpoint or "").endswith("resource.download") and response.status_code == 200


def add(response: Response) -> Response:
    """An after_request hook."""
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.remove("Server")
    if _is_upload(response):
        headers["Content-Security-Policy"] = UPLOAD_POLICY
        disposition = headers.get("Content-Disposition", "")
        if not disposition.startswith("attachment"):
            filename = (request.view_args or {}).get("filename")
            if filename:
                headers.set("Content-Disposition", "attachment", filename=filename)
            else:
                headers["Content-Disposition"] = "attachment"
    elif response.mimetype == "text/html":
        headers.setdefault("Content-Security-Policy", PAGE_POLICY.format(tiles=_tiles_origin()))
    return response
