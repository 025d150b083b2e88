"""Security headers on every response, and uploads served so they can never run.

- Every response: ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY``
  (and ``frame-ancestors 'none'``), ``Referrer-Policy: strict-origin-when-cross-origin``,
  and no ``Server`` header naming the software.
- A resource view (``resource.view``: the table, text and image previews CKAN shows
  in an iframe of the resource page) may be framed by the hub's own pages only
  (``SAMEORIGIN``, ``frame-ancestors 'self'``); nothing else may be framed at all.
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

from ..maps import settings as map_settings

PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:{tiles}; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
               "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
UPLOAD_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'"


def _tiles_origin() -> str:
    """A configured map tile server's origin, which the maps' images come from."""
    parts = urlsplit(map_settings.tiles_url())
    return f" {parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""


def _is_upload(response: Response) -> bool:
    return (request.endpoint or "").endswith("resource.download") and response.status_code == 200


def _is_view(response: Response) -> bool:
    return (request.endpoint or "").endswith("resource.view") and response.mimetype == "text/html"


def add(response: Response) -> Response:
    """An after_request hook."""
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    frameable = _is_view(response)
    headers.setdefault("X-Frame-Options", "SAMEORIGIN" if frameable else "DENY")
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
        policy = PAGE_POLICY.format(tiles=_tiles_origin())
        if frameable:
            policy = policy.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
        headers.setdefault("Content-Security-Policy", policy)
    return response
