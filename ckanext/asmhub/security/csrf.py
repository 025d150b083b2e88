"""CSRF for cookie sessions, always.

CKAN 2.12 (``ckan_before_request``, checked against 2.12.0) exempts a request
that carries an API token from CSRF by adding its *view* to Flask-WTF's exempt
list, and never takes it off: after one token request to ``/review/<id>`` or to
the action API, a cookie session's POST to the same view needs no token any
more, so a foreign page could make a logged-in moderator decide, or call any
action. This guard runs after core's and Flask-WTF's checks and protects every
state-changing request that did not log in through the Authorization header,
whatever the exempt list says. Token requests stay exempt, as core intends.

CSRF protection covers POSTs only, yet ckanext-harvest (1.6) reharvests, clears,
deletes a source and aborts a job on a GET: a link or a redirect from any site,
followed by a moderator (the ``Lax`` cookies go with a top-level navigation),
would do it. Those views take a POST, with its token, and nothing else; their
buttons post (``confirm-action``; the Stop button: ``templates/source/admin_base.html``).
"""
from __future__ import annotations

from typing import Any

from flask import current_app, g, request
from werkzeug.exceptions import MethodNotAllowed

from ckan.config.middleware.flask_app import csrf

# Views of other extensions that change something when asked with a GET.
POST_ONLY = ("harvester.refresh", "harvester.clear", "harvester.delete", "harvester.job_abort")


def protect_cookie_requests() -> None:
    """A before_request hook: raises Flask-WTF's CSRFError (400) on a bad or missing token."""
    if g.get("login_via_auth_header") or not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if request.method not in current_app.config.get("WTF_CSRF_METHODS", ()):
        return
    view = current_app.view_functions.get(request.endpoint or "")
    if view is not None and f"{view.__module__}.{view.__name__}" in csrf._exempt_views:
        csrf.protect()


def refuse_gets_that_change_state() -> None:
    """A before_request hook: a ``POST_ONLY`` view asked any other way answers 405."""
    if request.endpoint in POST_ONLY and request.method != "POST":
        raise MethodNotAllowed(["POST"])


def install(app: Any) -> None:
    """The hooks, and a POST route for the one ``POST_ONLY`` view core routes for GET only."""
    app.before_request(protect_cookie_requests)
    app.before_request(refuse_gets_that_change_state)
    if "harvester.job_abort" in app.view_functions:
        app.add_url_rule("/harvest/<source>/job/<id>/abort", endpoint="harvester.job_abort",
                         methods=["POST"])
