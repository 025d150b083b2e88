"""The table preview's data endpoint (ckanext/datatablesview) asks
``datastore_search`` without catching a refusal: a visitor who may not see the
rows would get a 500. Here they get a 403 (or a 404), like every other page.

A table downloaded as CSV or TSV (``/datastore/dump/<id>``: the country tables,
uploaded tables, the preview's download button) never holds a cell a
spreadsheet would run as a formula (``security/spreadsheet.py``)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import Response, current_app, request
from werkzeug.exceptions import Forbidden, NotFound

from ..security import spreadsheet

PREVIEW_BLUEPRINTS = ("datatablesview",)
DUMP_DELIMITERS = {"csv": ",", "tsv": "\t"}


def refusal(error: Exception) -> Any:
    if request.blueprint not in PREVIEW_BLUEPRINTS:
        raise error
    http_error = Forbidden() if isinstance(error, tk.NotAuthorized) else NotFound()
    return current_app.handle_http_exception(http_error)


def safe_dump(response: Response) -> Response:
    """An after_request hook: a CSV or TSV dump is streamed through ``safe_csv``."""
    delimiter = DUMP_DELIMITERS.get(request.args.get("format") or "csv")
    if request.endpoint == "datastore.dump" and response.status_code == 200 and delimiter:
        response.response = spreadsheet.safe_csv(response.response, delimiter)
    return response


def install(app: Any) -> None:
    app.register_error_handler(tk.NotAuthorized, refusal)
    app.register_error_handler(tk.ObjectNotFound, refusal)
    app.after_request(safe_dump)
