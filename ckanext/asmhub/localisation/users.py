"""Each user's language, so that mail reaches them in it.

CKAN users have no language setting. The hub records the language of the
interface a person registers or logs in with (``/fr/user/login`` → ``fr``) in
the user's ``plugin_extras`` (``{"asmhub": {"locale": "fr"}}``), and mail is
composed in it::

    with in_locale(user_locale(user)):
        subject = tk._("...")
"""
from __future__ import annotations

from typing import Any

from flask import has_request_context

from ckan import model

from . import current_locale, default_locale, offered_locales


def _user(user: model.User | dict[str, Any] | str | None) -> model.User | None:
    if isinstance(user, model.User) or user is None:
        return user
    return model.User.get(user["id"] if isinstance(user, dict) else user)


def user_locale(user: model.User | dict[str, Any] | str | None) -> str:
    """The language to write to ``user`` in (a user object, dict, id or name);
    the site's default when the hub does not know it."""
    user_obj = _user(user)
    locale = ((user_obj.plugin_extras or {}).get("asmhub") or {}).get("locale") if user_obj else None
    return locale if locale in offered_locales() else default_locale()


def remember_locale(user: model.User | dict[str, Any] | str, locale: str, commit: bool = True) -> None:
    """Record ``locale`` as ``user``'s language (ignored if the hub does not offer it)."""
    user_obj = _user(user)
    if user_obj is None or locale not in offered_locales():
        return
    extras = dict(user_obj.plugin_extras or {})
    if (extras.get("asmhub") or {}).get("locale") == locale:
        return
    extras["asmhub"] = {**(extras.get("asmhub") or {}), "locale": locale}
    user_obj.plugin_extras = extras
    if commit:
        model.Session.commit()


def on_login(sender: Any, user: model.User, **kwargs: Any) -> None:
    """``user_logged_in`` signal: the interface language becomes the user's."""
    if has_request_context():
        remember_locale(user, current_locale())


def on_user_created(sender: str, user: model.User, **kwargs: Any) -> None:
    """``user_created`` signal: register at ``/sw/user/register``, get mail in
    Swahili. ``user_create`` commits the change with the new account."""
    if has_request_context():
        remember_locale(user, current_locale(), commit=False)
