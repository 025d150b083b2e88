"""Property-based requests to search and to every page that takes parameters (issue 22).

Whatever a client sends (malformed Lucene, Solr local parameters, very long text, NUL
bytes, lone surrogates and bytes that are not UTF-8, negative and huge numbers, JSON of
any shape), the hub answers without a 5xx. The API refuses with a 409 and a message (a
400 when the body is not a JSON object at all, as core answers); a page refuses with a
400 and a message; and no request takes a second on the seeded catalogue.

CI runs a fixed sample (the ``ci`` profile derandomizes, ``FUZZ_EXAMPLES`` each);
``bench/fuzz.py`` runs thousands of new ones and prints what it saw (``SEEN``).
"""
from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import ckan.plugins as plugins
from ckan.tests import factories

from ckanext.asmhub.metadata import vocabularies as v

pytestmark = pytest.mark.usefixtures("seeded", "with_plugins")

FUZZ_EXAMPLES = int(os.environ.get("ASMHUB_FUZZ_EXAMPLES", "60"))
SLOW = 1.0  # seconds: no request may take longer on the seeded catalogue

FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))


@dataclass
class Seen:
    """Every request the properties sent: counts by status and the slowest one."""
    statuses: Counter = field(default_factory=Counter)
    slowest: tuple[float, str] = (0.0, "")
    over: int = 0  # requests that took SLOW or more (the first time)

    def add(self, status: int | str, seconds: float, request: str) -> None:
        self.statuses[status] += 1
        self.over += seconds >= SLOW
        if seconds > self.slowest[0]:
            self.slowest = (seconds, request)


SEEN = Seen()


# -- what a client may send ---------------------------------------------------------
NASTY = [
    "", " ", "\x00", "gold\x00", "\ud800", "gold\udfff", "é", "中文", "🙂", "\u202e", "\ufeff", "\t\n",
    "{!lucene}gold", "{!frange l=0 u=1}title", "{!func}sum(1,1)", "{!join from=id to=id}*:*",
    "{!knn f=vector topK=1}[1,2]", "gold {!lucene}", "{!", "*:*", "*", "?", "\\", '"', "(", ")",
    "[", "]", "{", "}", "[* TO *]", "[a TO", "{1 TO 2]", "title:", ":", "::", "a:b:c", "gold~",
    "gold~2", '"gold mining"~5', "/reg.x/", "gold^", "gold^abc", "gold^1e400", " AND ", " OR ",
    " NOT ", "&&", "||", "!", "+", "-", "NOT", "AND OR", "title:(gold OR", "*:gold", "gold:*",
    "metadata_modified:[NOW-1YEAR/DAY TO NOW]", "metadata_modified:[NOW-99999999999YEARS TO *]",
    "metadata_modified:NOW+1000000000DAY", "metadata_modified:[2020-13-45 TO *]",
    "metadata_created:[* TO 99999-01-01T00:00:00Z]", "ref_year:[2000 TO *]",
    "ref_year:[-1e309 TO 1e309]", "ref_year:[1e400 TO *]", "ref_year:[nan TO inf]",
    'bbox:"1,2,3,4"', 'bbox:"nan,nan,nan,nan"', 'bbox:"-inf,0,inf,1"', 'bbox:"1e400,0,0,1"',
    "num_resources:[* TO 99999999999999999999999]", "num_tags:-1", "id:*", "name:gold*",
    "title:*gold", "tags:g?ld", "minerals:gold", "countries:TZA", "-minerals:gold",
    "_val_:\"sum(1)\"", "text:*", "notes:gold*", "res_format:*", "x" * 1999, "x" * 2001,
    "(" * 17 + "a" + ")" * 17, "a " * 65, "9" * 400, "-" + "9" * 400, "'", ";", "--", "/*",
    "%", "_", "%_\\", "1 OR 1=1", "'; DROP TABLE package; --", "$1", ":p0", "E'\\x00'",
]
NUMBERS = st.one_of(
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.sampled_from(["-1", "0", "1e9", "1e400", "-0", "nan", "inf", "0x10", "1.5", "9" * 50,
                     " 3", "3 ", "½", "٣", "[]", "{}", "null", "true"]),
)
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.lists(st.sampled_from(NASTY + ["gold", "mining", "TZA", "tags:", "title:", "minerals:"]),
             min_size=1, max_size=6).map(" ".join),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=4).map("".join),
    st.text(st.characters(exclude_categories=()), max_size=40),
)
VALUE = st.one_of(TEXT, NUMBERS)
SEARCH_KEYS = [
    "q", "fq", "fq_list", "sort", "rows", "start", "facet", "facet.field", "facet.limit",
    "facet.mincount", "facet.query", "fl", "include_private", "include_drafts", "include_deleted",
    "ext_bbox", "defType", "q.op", "df", "qf", "bf", "mm", "wt", "extras", "use_default_schema",
    "callback", "hl", "group", "spatial", "id",
]
JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**40, max_value=10**40),
              st.floats(), VALUE),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.one_of(st.sampled_from(SEARCH_KEYS), TEXT),
                                               children, max_size=4)),
    max_leaves=12,
)
FACETS = sorted({"minerals", "countries", "themes", "data_confidence", "ref_year", "dataset_type",
                 "organization", "res_format", "license_id", "tags", "groups"})


def pairs(keys: Iterable[str], values: st.SearchStrategy = VALUE, max_size: int = 6):
    """Query parameters: known keys and made-up ones, repeated or not."""
    return st.lists(st.tuples(st.one_of(st.sampled_from(list(keys)), TEXT), values), max_size=max_size)


def raw_bytes(text: str | bytes) -> bytes:
    """What a client puts on the wire, lone surrogates included (as the bytes of their code)."""
    return text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")


def query_string(params: list[tuple[Any, Any]]) -> str:
    return urlencode([(raw_bytes(k), raw_bytes(v)) for k, v in params])


def segment(text: str | bytes) -> str:
    return quote(raw_bytes(text), safe="")


WIRE = st.one_of(VALUE, st.binary(max_size=20))  # also bytes that are not UTF-8


# -- sending and judging ------------------------------------------------------------
def _timed(app, method: str, url: str, **kwargs: Any):
    started = time.perf_counter()
    try:
        response = getattr(app, method)(url, **kwargs)
    except Exception:
        SEEN.add("exception", time.perf_counter() - started, f"{method.upper()} {url[:300]}")
        raise
    return response, time.perf_counter() - started


def send(app, method: str, url: str, **kwargs: Any):
    """One request: never a 5xx, and answered within a second. A request slower than that
    is sent again (twice at most, a second apart) and fails if it is never fast: the suite
    shares its machine (two pytest processes on two cores), and a busy moment of the
    machine is not a slow request. ``SEEN`` keeps the first time."""
    response, seconds = _timed(app, method, url, **kwargs)
    request = f"{method.upper()} {url[:300]}"
    SEEN.add(response.status_code, seconds, request)
    assert response.status_code < 500, (response.status_code, url[:300], response.body[:500])
    times = [seconds]
    while times[-1] >= SLOW and len(times) < 3:
        time.sleep(1)
        times.append(_timed(app, method, url, **kwargs)[1])
    assert times[-1] < SLOW, f"{request} took " + ", then ".join(f"{t:.2f} s" for t in times)
    return response


def judge_api(response) -> None:
    """200 with a result, or a refusal that says what is wrong."""
    status = response.status_code
    assert status in (200, 400, 403, 404, 409, 415), (status, response.body[:300])
    body = response.json
    if status == 415:  # core (werkzeug): a body that is neither JSON nor a form
        assert "Content-Type was not" in response.body
    elif body is None:  # JSONP: ?callback=name wraps the answer
        assert status == 200 and response.mimetype == "application/javascript"
    elif status == 200:
        assert body["success"] is True
    elif isinstance(body, str):  # core: the body is not a JSON object
        assert status == 400 and body.startswith("Bad request: ") and len(body) > 20, body
    else:
        assert body["success"] is False
        assert any(text for key, text in body["error"].items() if key != "__type"), body["error"]


def judge(path: str, response) -> None:
    """Each kind of endpoint by its own contract: the action API, core's ``/api/2/util``
    (its own JSON; refusals 400, or 409 naming the field), pages."""
    if path.startswith("/api/3/"):
        judge_api(response)
    elif path.startswith("/api/"):
        assert response.status_code in (200, 400, 409), (response.status_code, response.body[:300])
        if response.status_code != 200:
            assert "error" in response.body or "Bad request" in response.body, response.body[:300]
    else:
        judge_page(response)


def judge_page(response) -> None:
    """A page, a redirect, a "not found" for a made-up path, or a refusal that says why:
    a 400, or ckanext-dcat's 409 for the RDF endpoints (``?modified_since=not a date``)."""
    status = response.status_code
    assert status in (200, 301, 302, 400, 403, 404, 409), (status, response.body[:300])
    if status in (400, 409):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", response.body))
        reason = re.search(rf"{status} [A-Z][a-z]+(?: [A-Z][a-z]+)* (.+?) (?:About ASM Hub|$)", text)
        assert reason and len(reason[1]) > 10, text[-500:]


# -- package_search through the API ---------------------------------------------------
@FUZZ
@given(params=pairs(SEARCH_KEYS, WIRE))
@example(params=[("q", "{!frange l=0}title")])
@example(params=[("q", "gold\x00")])
@example(params=[("fq", "\ud800")])
@example(params=[("rows", "-1"), ("start", "1e400")])
@example(params=[("sort", "title_string asc, \x00 desc")])
@example(params=[("facet.field", '["minerals", {"a": 1}]'), ("facet.limit", "-99999999999999999999")])
@example(params=[("ext_bbox", "nan,nan,nan,nan")])
def test_package_search_get_never_fails(app, params):
    judge_api(send(app, "get", "/api/3/action/package_search?" + query_string(params)))


@FUZZ
@given(body=st.dictionaries(st.one_of(st.sampled_from(SEARCH_KEYS), TEXT), JSON, max_size=6))
@example(body={"q": {"a": 1}})
@example(body={"rows": float("nan")})
@example(body={"start": 10**40, "rows": 10**40})
@example(body={"facet.field": [None, 1, []], "facet.limit": 1e308})
@example(body={"fq_list": ["{!lucene}x"], "extras": {"ext_bbox": [1, 2]}})
@example(body={"q": "\ud800", "sort": ["a"]})
def test_package_search_post_never_fails(app, body):
    judge_api(send(app, "post", "/api/3/action/package_search", data=json.dumps(body),
                   content_type="application/json"))


@FUZZ
@given(body=st.one_of(JSON.map(json.dumps), st.binary(max_size=60),
                      st.text(st.characters(exclude_categories=()), max_size=60).map(raw_bytes)),
       content_type=st.sampled_from(["application/json", "text/plain",
                                     "application/x-www-form-urlencoded"]))
@example(body="[1, 2]", content_type="application/json")
@example(body=b"\xff\xfe{", content_type="application/json")
@example(body='{"q": NaN}', content_type="application/json")
@example(body="q=%00&rows=-1", content_type="application/x-www-form-urlencoded")
def test_package_search_garbage_bodies_never_fail(app, body, content_type):
    judge_api(send(app, "post", "/api/3/action/package_search", data=body, content_type=content_type))


@pytest.fixture(scope="module")
def sysadmin(seeded) -> dict[str, str]:
    """A sysadmin's API token, for searches that include drafts and the moderators' pages."""
    plugins.load_all()
    try:
        user = factories.Sysadmin()
        return {"Authorization": factories.APIToken(user=user["name"])["token"]}
    finally:
        plugins.unload_all()


@FUZZ
@given(params=pairs(SEARCH_KEYS, WIRE))
@example(params=[("include_drafts", "true"), ("include_private", "yes"), ("q", "{!")])
@example(params=[("include_deleted", "\x00")])
def test_package_search_as_a_sysadmin_never_fails(app, sysadmin, params):
    judge_api(send(app, "get", "/api/3/action/package_search?" + query_string(params),
                   headers=sysadmin))


# -- pages that take parameters ----------------------------------------------------
DATASET_KEYS = ["q", "sort", "page", "ext_bbox", "fq", "ext_prev_extent", "_minerals_limit",
                "_tags_limit", "_countries_limit", "ext_x", *FACETS]
PAGES = {
    "/dataset/": DATASET_KEYS,
    "/library/": DATASET_KEYS,
    "/organization/": ["q", "sort", "page"],
    "/group/": ["q", "sort", "page"],
    "/country": ["region", "mineral", "solidity", "sort", "dir", "map"],
    "/country.csv": ["region", "mineral", "solidity", "sort", "dir"],
    "/country.json": ["region", "mineral", "solidity", "sort", "dir"],
    "/country/sources": ["sort", "page"],
    "/country/TZA": ["map", "sort", "indicator"],
    "/theme": ["sort", "page"],
    "/theme/livelihoods": ["sort", "page", "map"],
    "/": ["map", "q"],
    "/catalog.ttl": ["q", "fq", "page", "modified_since", "profiles", "sort"],
    "/catalog.jsonld": ["q", "fq", "page", "modified_since"],
    "/feeds/dataset.atom": ["q", "page", "sort"],
    "/feeds/custom.atom": ["q", "fq", "page", "sort", "region", "minerals", "tags"],
    "/api/2/util/dataset/autocomplete": ["incomplete", "limit"],
    "/api/3/action/package_autocomplete": ["q", "limit"],
    "/api/3/action/package_list": ["limit", "offset"],
    "/api/3/action/organization_list": ["q", "sort", "limit", "offset", "all_fields"],
    "/api/3/action/tag_list": ["query", "vocabulary_id", "all_fields"],
    "/user/": ["q", "order_by", "page", "limit"],
}
PAGE_VALUES = st.one_of(VALUE, st.sampled_from(["gold", "TZA", "people", "desc", "asc", "women",
                                                "ECA", "002", "A", "title_string asc", "0,0,1,1",
                                                "-180,-90,180,90", "170,-10,-170,10"]),
                        st.binary(max_size=12))


def warmed(app, paths: Iterable[str], headers: dict[str, str] | None = None):
    """The test app after one request to each page: a new app compiles its templates and
    ckanext-dcat its profiles on first use, as each served worker does once."""
    for path in paths:
        app.get(path, headers=headers)
    return app


@pytest.fixture
def pages_app(app):
    return warmed(app, PAGES)


@FUZZ
@given(path=st.sampled_from(sorted(PAGES)), data=st.data())
@example(path="/dataset/", data=None)
def test_pages_with_parameters_never_fail(pages_app, path, data):
    params = data.draw(pairs(PAGES[path], PAGE_VALUES)) if data else [
        ("q", "{!frange l=0}x"), ("sort", "\x00"), ("page", "99999999999999999999"),
        ("ext_bbox", "1e400,0,0,1"), ("minerals", "\ud800")]
    judge(path, send(pages_app, "get", path + "?" + query_string(params)))


PATHS = [
    "/country/{}", "/country.{}", "/theme/{}", "/vocab/{}", "/vocab/minerals/{}",
    "/vocab/minerals/{}.ttl", "/dataset/{}", "/dataset/{}.ttl", "/organization/{}",
    "/dataset/{}/cite.bib", "/asmhub/basemap/{}.geojson", "/feeds/tag/{}.atom",
]


@FUZZ
@given(template=st.sampled_from(PATHS), value=st.one_of(TEXT, st.binary(min_size=1, max_size=12)),
       params=pairs(["q", "page", "map", "sort"], PAGE_VALUES, max_size=3))
@example(template="/country/{}", value="tza", params=[])
@example(template="/country/{}", value="\udfff", params=[])
@example(template="/theme/{}", value="\x00", params=[])
def test_paths_that_name_a_thing_never_fail(pages_app, template, value, params):
    url = template.format(segment(value) or "x")
    response = send(pages_app, "get", url + ("?" + query_string(params) if params else ""))
    judge_page(response)


MODERATOR_PAGES = {
    "/review": ["state", "organization", "min_age_days", "page"],
    "/ckan-admin/outbox": ["status", "page"],
    "/contributions": ["page", "state"],
    "/dataset/": DATASET_KEYS,
    "/api/3/action/asmhub_review_queue_list": ["state", "organization", "min_age_days", "limit", "offset"],
    "/api/3/action/asmhub_mail_list": ["status", "unsent", "limit", "offset"],
}


@pytest.fixture
def moderators_app(app, sysadmin):
    return warmed(app, MODERATOR_PAGES, sysadmin)


@FUZZ
@given(path=st.sampled_from(sorted(MODERATOR_PAGES)), data=st.data())
def test_moderators_pages_with_parameters_never_fail(moderators_app, sysadmin, path, data):
    params = data.draw(pairs(MODERATOR_PAGES[path], PAGE_VALUES))
    judge(path, send(moderators_app, "get", path + "?" + query_string(params), headers=sysadmin))


# -- known refusals say what is wrong -----------------------------------------------
SEARCH_REFUSALS = [
    ({"q": "{!frange l=0}title"}, 409, "Local parameters are not supported"),
    ({"q": "gold~2"}, 409, "Fuzzy queries"),
    ({"q": "metadata_modified:[NOW-99999999999YEARS TO *]"}, 409, "Date out of range"),
    ({"fq": "gold\x00"}, 409, "NUL"),
    ({"rows": "-1"}, 409, "whole number"),
    ({"facet.mincount": ""}, 409, "whole number"),
    ({"use_default_schema": ""}, 409, "true or false"),
    ({"extras": "ext_bbox"}, 409, "ext_"),
    ({"ext_bbox": "1e400,0,0,1"}, 409, "bounding box"),
    ({"sort": "title_string sideways"}, 400, 'Invalid \\"sort\\" parameter'),
]


def test_a_refused_api_request_says_why(app):
    """Each shape the properties found a 500 or an unclear answer for, as the API answers it."""
    for params, status, words in SEARCH_REFUSALS:
        response = send(app, "get", "/api/3/action/package_search?" + query_string(list(params.items())))
        assert (response.status_code, response.json["success"]) == (status, False), params
        assert words in json.dumps(response.json["error"]), (params, response.json["error"])
    response = send(app, "post", "/api/3/action/package_search", json={"ext_bbox": 1})
    assert response.status_code == 409 and "bounding box" in response.json["error"]["message"]
    response = send(app, "post", "/api/3/action/package_search", json={"fl": [None]})
    assert response.status_code == 409 and "field names" in response.json["error"]["fl"][0]
    response = send(app, "get", "/api/3/action/organization_list?q=gold&q=tin")
    assert response.status_code == 409 and "not a list" in response.json["error"]["q"][0]
    response = send(app, "get", "/api/3/action/organization_list?offset=99999999999999999999")
    assert response.status_code == 409 and "whole number" in response.json["error"]["offset"][0]
    response = send(app, "post", "/api/3/action/package_search", json={"fq_list": None})
    assert response.status_code == 409 and "filter queries" in response.json["error"]["fq_list"][0]
    for limit in ("x", ""):
        response = send(app, "get", f"/api/2/util/dataset/autocomplete?incomplete=gold&limit={limit}")
        assert response.status_code == 409 and "whole number" in response.json["error"]["limit"][0]
    response = send(app, "get", "/api/3/action/tag_list?query=gold&query=tin")
    assert response.status_code == 409 and "not a list" in response.json["error"]["query"][0]
    response = send(app, "get", "/api/3/action/organization_list?sort=%20")
    assert response.status_code == 409 and "name asc" in response.json["error"]["sort"][0]


def test_the_moderators_lists_refuse_what_they_cannot_use(app, sysadmin):
    response = send(app, "get", "/api/3/action/asmhub_review_queue_list?organization=a&organization=b",
                    headers=sysadmin)
    assert response.status_code == 409 and "Organisation not found" in response.json["error"]["organization"][0]
    for params in ("limit=%20", "offset=99999999999999999999"):
        response = send(app, "get", f"/api/3/action/asmhub_mail_list?{params}", headers=sysadmin)
        assert response.status_code == 409 and "whole number" in json.dumps(response.json["error"])
    for params in ("offset=99999999999999999999", "min_age_days=99999999999"):
        response = send(app, "get", f"/api/3/action/asmhub_review_queue_list?{params}", headers=sysadmin)
        assert response.status_code == 409 and "smaller number" in json.dumps(response.json["error"])


def test_a_refused_page_is_a_400_that_says_why(app):
    for url, words in [("/dataset/?sort=%00", "control characters"),
                       ("/library/?=&=%00", "control characters"),
                       ("/user/?page=99999999999999999999", "at most 1000000"),
                       ("/organization/?page=99999999999999999999", "at most 1000000"),
                       ("/feeds/tag/%1F.atom", "control characters"),
                       ("/feeds/tag/%22%7B0.atom", "This search cannot be run")]:
        response = send(app, "get", url)
        assert response.status_code == 400 and words in response.body, url


def test_a_catalogue_page_of_a_search_links_its_pages_as_iris(app):
    """ckanext-dcat wrote ``?q=gold mining`` into its paging links as it came: a 500."""
    response = send(app, "get", "/catalog.ttl?q=gold%20mining&page=2")
    assert response.status_code == 200
    assert "catalog.ttl?q=gold+mining&page=3" in response.body


def test_every_theme_page_answers(app):
    """A theme whose only figures cover part of a country (no national best) once gave a 500."""
    for slug in v.THEMES:
        assert send(app, "get", f"/theme/{slug}").status_code == 200


def test_the_seeded_catalogue_is_searched(app):
    """The properties above run against real data: a plain search finds it."""
    assert send(app, "get", "/api/3/action/package_search?q=gold&rows=1").json["result"]["count"] > 10
