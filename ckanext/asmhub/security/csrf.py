"""CSRF for cookie sessions, always.

CKAN 2.12 (``ckan_before_request``, checked against 2.12.0) exempts a request
that carries an API token from CSRF by adding its *view* to Flask-WTF's exempt
list, and never takes it off: after one token request to ``/review/<id>`` or to
the action API, a cookie session's POST to the same view needs no token any
more, so a foreign page could make a logged-in moderator decide, or call any
action. This guard runs after core's and Flask-WTF's checks and protects every
state-changing request that did not log in through the Authorization header,
whatever the exempt list says. Token requests stay exempt, as core intends.
"""
from __future__ import annotations

from flask import current_app, g, request

from ckan.config.middleware.flask_app import csrf


def protect_cookie_requests() -> None:
    """A before_request hook: raises Flask-WTF's CSRFError (400) on a bad or missing token."""
    if g.get("login_via_auth_header") or not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if request.method not in current_app.config.get("WTF_CSRF_METHODS", ()):
        return
    view = current_app.view_functions.get(request.endpoint or "")
    if view is not None and f"{view.__module__}.{view.__name__}" in csrf._exempt_views:
        csrf.protect()
