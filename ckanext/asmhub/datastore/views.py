"""The table preview's data endpoint (ckanext/datatablesview) asks
``datastore_search`` without catching a refusal: a visitor who may not see the
rows would get a 500. Here they get a 403 (or a 404), like every other page."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import current_app, request
from werkzeug.exceptions import Forbidden, NotFound

PREVIEW_BLUEPRINTS = ("datatablesview",)


def refusal(error: Exception) -> Any:
    if request.blueprint not in PREVIEW_BLUEPRINTS:
        raise error
    http_error = Forbidden() if isinstance(error, tk.NotAuthorized) else NotFound()
    return current_app.handle_http_exception(http_error)


def install(app: Any) -> None:
    app.register_error_handler(tk.NotAuthorized, refusal)
    app.register_error_handler(tk.ObjectNotFound, refusal)
