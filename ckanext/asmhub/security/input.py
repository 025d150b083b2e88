"""Input CKAN would choke on, refused with a clear error before it gets there.

PostgreSQL refuses text with NUL characters or lone UTF-16 surrogates, and
core turns a dict where it expects a string, a huge text or a non-number in
``start`` into a 500. The action guards here (chained ``package_*``,
``resource_*`` and ``package_search``, see ``logic/action.py``) answer those
with a ``ValidationError`` naming the field; the request guard answers a page
parameter such as ``?limit=abc`` with a 400.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

import ckan.plugins.toolkit as tk
from flask import current_app, jsonify, request
from werkzeug.exceptions import BadRequest

MAX_TEXT = 100_000          # characters in any one text value (a description of 60 pages)
MAX_TITLE = 500
# Fields core stores as plain text: a list or a dict there is a client's mistake.
STRING_FIELDS = ("name", "title", "notes", "owner_org", "url", "type", "license_id", "version",
                 "author", "author_email", "maintainer", "maintainer_email", "state", "description",
                 "format", "package_id")
SEARCH_NUMBERS = ("start", "rows", "facet.mincount")
SEARCH_FLAGS = ("include_drafts", "include_private", "include_deleted", "use_default_schema")
PAGE_NUMBERS = ("page", "limit")
MAX_PAGE_NUMBER = 1_000_000      # a page or limit beyond it overflowed core's SQL OFFSET (a 500)
MAX_OFFSET = 2**31 - 1           # offset and limit of the list actions


def _text_problem(value: Any) -> str | None:
    if isinstance(value, dict):
        return next(filter(None, map(_text_problem, value.values())), None)
    if isinstance(value, list):
        return next(filter(None, map(_text_problem, value)), None)
    if not isinstance(value, str):
        return None
    if "\x00" in value:
        return tk._("Text cannot contain NUL (0x00) characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return tk._("Text must be valid Unicode (it holds a lone surrogate).")
    if len(value) > MAX_TEXT:
        return tk._("Text can be at most {n} characters long.").format(n=MAX_TEXT)
    return None


def _record_problems(record: dict[str, Any], resource: bool = False) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for key, value in record.items():
        if key in STRING_FIELDS and value is not None and not isinstance(value, str):
            errors[key] = [tk._("Enter text, not a list or an object.")]
        elif problem := _text_problem(value):
            errors[key] = [problem]
    if "spatial" not in errors and (problem := _spatial_problem(record.get("spatial"))):
        errors["spatial"] = [problem]
    if resource and "url" not in errors and (problem := _url_problem(record.get("url"))):
        errors["url"] = [problem]
    if isinstance(record.get("title"), str) and len(record["title"]) > MAX_TITLE:
        errors["title"] = [tk._("A title can be at most {n} characters long.").format(n=MAX_TITLE)]
    return errors


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def _spatial_problem(value: Any) -> str | None:
    """GeoJSON whose numbers do not fit a float (1e400) or are not numbers (NaN, Infinity)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        json.loads(value, parse_float=_finite, parse_constant=_finite)
    except ValueError:
        return tk._("Enter GeoJSON whose coordinates are finite numbers.")
    return None


def _url_problem(value: Any) -> str | None:
    """A link a browser would run (javascript:, data:, vbscript:) instead of fetch."""
    if not isinstance(value, str) or ":" not in value.split("/", 1)[0]:
        return None  # no scheme: an uploaded file's name
    if value.split(":", 1)[0].strip().lower() not in ("http", "https", "ftp"):
        return tk._("Enter a link starting with http://, https:// or ftp://, or upload a file.")
    return None


def check_dataset(data_dict: dict[str, Any]) -> None:
    """Refuse a dataset dict with unstorable text or links (``ValidationError``)."""
    errors = _record_problems(data_dict)
    if "type" in data_dict and "type" not in errors and data_dict["type"] not in _dataset_types():
        errors["type"] = [tk._('Unknown dataset type "{type}".').format(type=data_dict["type"])]
    resources = data_dict.get("resources")
    if isinstance(resources, list):
        nested = [_record_problems(r, resource=True) if isinstance(r, dict)
                  else {"url": [tk._("Enter a resource as an object.")]} for r in resources]
        if any(nested):
            errors["resources"] = nested
    if errors:
        raise tk.ValidationError(errors)


def check_resource(data_dict: dict[str, Any]) -> None:
    """Refuse a resource dict with unstorable text or a link a browser would run."""
    errors = _record_problems(data_dict, resource=True)
    if errors:
        raise tk.ValidationError(errors)


def _dataset_types() -> set[str]:
    """The dataset types a plugin registered (core keeps them in ``_package_plugins``)."""
    from ckan.lib.plugins import _package_plugins
    return {"dataset", *_package_plugins}


def _whole_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 0
    return isinstance(value, str) and value.strip().isdigit()


def check_search(data_dict: dict[str, Any]) -> None:
    """Refuse search parameters core would fail on (``ValidationError``)."""
    errors: dict[str, list[str]] = {}
    for key in SEARCH_NUMBERS:
        if key in data_dict and not _whole_number(data_dict[key]):
            errors[key] = [tk._("Enter a whole number of zero or more.")]
    errors.update(_flag_problems(data_dict, SEARCH_FLAGS))
    for key in ("q", "fq", "sort"):
        if key in data_dict and (problem := _text_problem(data_dict[key])):
            errors[key] = [problem]
    fq_list = data_dict.get("fq_list", [])
    if not (isinstance(fq_list, list) and all(isinstance(fq, str) for fq in fq_list)):
        errors["fq_list"] = [tk._("Enter a list of filter queries (text).")]
    elif problem := _text_problem(fq_list):
        errors["fq_list"] = [problem]
    fl = data_dict.get("fl")
    if fl is not None and not isinstance(fl, str) and not (
            isinstance(fl, list) and all(isinstance(name, str) for name in fl)):
        errors["fl"] = [tk._("Enter field names as text or a list of text.")]
    extras = data_dict.get("extras")
    if extras is not None and not isinstance(extras, dict):
        errors["extras"] = [tk._('Enter an object of "ext_" parameters.')]
    elif extras and (problem := _text_problem(extras)):
        errors["extras"] = [problem]
    if errors:
        raise tk.ValidationError(errors)


GROUP_LIST_TEXT = ("q", "sort", "type", "order_by")
GROUP_LIST_FLAGS = ("all_fields", "include_dataset_count", "include_extras", "include_users",
                    "include_groups", "include_tags", "include_member_count")


def _list_problems(data_dict: dict[str, Any], texts: tuple[str, ...],
                   flags: tuple[str, ...]) -> dict[str, list[str]]:
    """A list action's text parameters that are not text (``?q=a&q=b`` makes a list) or
    cannot be stored, and its flags that are not true or false."""
    errors: dict[str, list[str]] = {}
    for key in texts:
        value = data_dict.get(key)
        if value is not None and not isinstance(value, str):
            errors[key] = [tk._("Enter text, not a list or an object.")]
        elif problem := _text_problem(value):
            errors[key] = [problem]
    return {**errors, **_flag_problems(data_dict, flags)}


def _flag_problems(data_dict: dict[str, Any], flags: tuple[str, ...]) -> dict[str, list[str]]:
    """The flags in ``data_dict`` that are neither true nor false."""
    errors: dict[str, list[str]] = {}
    for key in flags:
        if key in data_dict and not isinstance(data_dict[key], bool):
            try:
                tk.asbool(data_dict[key])
            except ValueError:
                errors[key] = [tk._("Enter true or false.")]
    return errors


def check_group_list(data_dict: dict[str, Any]) -> None:
    """Refuse ``organization_list``/``group_list`` parameters core fails on (a 500)."""
    errors = _list_problems(data_dict, GROUP_LIST_TEXT, GROUP_LIST_FLAGS)
    sort = data_dict.get("sort")
    if "sort" not in errors and sort and any(not part.split() for part in sort.split(",")):
        errors["sort"] = [tk._('Enter a sort such as "name asc".')]
    errors.update(_limit_problems(data_dict, ("limit", "offset")))
    if errors:
        raise tk.ValidationError(errors)


def check_tag_list(data_dict: dict[str, Any]) -> None:
    """Refuse ``tag_list`` parameters core fails on (a 500)."""
    errors = _list_problems(data_dict, ("query", "vocabulary_id"), ("all_fields",))
    if errors:
        raise tk.ValidationError(errors)


def _limit_problems(data_dict: dict[str, Any], keys: tuple[str, ...]) -> dict[str, list[str]]:
    return {key: [tk._("Enter a whole number from 0 to {n}.").format(n=MAX_OFFSET)]
            for key in keys if data_dict.get(key) is not None
            and not (_whole_number(data_dict[key]) and int(data_dict[key]) <= MAX_OFFSET)}


def check_autocomplete(data_dict: dict[str, Any]) -> None:
    """``package_autocomplete``: ``?limit=`` empty or not a number was a 500 in core."""
    errors = {**_list_problems(data_dict, ("q", "incomplete"), ()),
              **_limit_problems(data_dict, ("limit",))}
    if errors:
        raise tk.ValidationError(errors)


# Control characters no page parameter or path has a use for (tab and newlines aside):
# PostgreSQL refuses NUL and XML (the feeds) refuses them all.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def check_page_parameters() -> None:
    """A before_request hook: ``?page=`` and ``?limit=`` must be whole numbers, and a page's
    parameters and path hold no control characters (else 400). The action API names
    the field itself (``check_search``, 409)."""
    if request.path.startswith("/api/"):
        return
    for key in PAGE_NUMBERS:
        value = request.args.get(key)
        if value is not None and value != "" and not (
                value.strip().isdigit() and int(value) <= MAX_PAGE_NUMBER):
            tk.abort(400, tk._('"{key}" must be a whole number, at most {n}.').format(
                key=key, n=MAX_PAGE_NUMBER))
    texts = [request.path, *(text for pair in request.args.items(multi=True) for text in pair)]
    if any(_CONTROL.search(text) for text in texts):
        tk.abort(400, tk._("The address cannot contain control characters such as NUL (0x00)."))


def refuse_validation_error(error: tk.ValidationError) -> Any:
    """Input an action refused outside the action API's own handling (a page, or core's
    ``/api/2/util`` endpoints such as ``?limit=x`` on the dataset autocomplete): a 409
    naming the field for the API, a 400 saying why for a page, not a 500."""
    if request.path.startswith("/api/"):
        return jsonify({"success": False,
                        "error": {"__type": "Validation Error", **error.error_dict}}), 409
    reasons = "; ".join(f"{field}: {message}" for field, message in error.error_summary.items())
    return current_app.handle_http_exception(BadRequest(reasons))


def refuse_search_error(error: Exception) -> Any:
    """A page whose search cannot be run (the feed of a tag ``"{0``): a 400 that says
    so, not a 500. The action API answers these itself (409); core's search pages
    show them in the page."""
    return current_app.handle_http_exception(BadRequest(
        tk._("This search cannot be run: its query or filters are not valid.")))
