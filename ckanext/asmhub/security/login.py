"""Failed logins are throttled per account.

After ``MAX_FAILURES`` wrong passwords for one account within ``WINDOW``
seconds, CKAN's login form refuses that account (even with the right password)
with a 429 until the window has passed since the last failure; a successful
login clears the count. Counts live in Redis under ``asmhub:login-failures:``.
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.lib.redis import connect_to_redis
from flask import Response, request

MAX_FAILURES = 10
WINDOW = 15 * 60
PREFIX = "asmhub:login-failures:"


def _login_post() -> str | None:
    """The account name of a login form post, or None for any other request."""
    if request.method != "POST" or request.endpoint != "user.login":
        return None
    return (request.form.get("login") or "").strip().lower() or None


def refuse_when_throttled() -> None:
    """A before_request hook."""
    account = _login_post()
    if account and int(connect_to_redis().get(PREFIX + account) or 0) >= MAX_FAILURES:
        tk.abort(429, tk._("Too many failed logins for this account: try again in {minutes} minutes.")
                 .format(minutes=WINDOW // 60))


def count(response: Response) -> Response:
    """An after_request hook: the form shown again is a failure; a redirect, a success."""
    account = _login_post()
    if account:
        redis = connect_to_redis()
        if response.status_code == 200:
            redis.incr(PREFIX + account)
            redis.expire(PREFIX + account, WINDOW)
        elif response.status_code in (301, 302, 303):
            redis.delete(PREFIX + account)
    return response
