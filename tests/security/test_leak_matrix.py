"""The leak matrix: every role asks every endpoint about a contribution in every state.

A contribution is made, for each review state, through the hub's real actions
(``package_create`` by its contributor, ``asmhub_review_submit`` /
``_withdraw`` / ``_decide``, ``package_delete``), with a marker of its own in
its name, title, notes, tag, resource, table rows, view, estimates and mail.
Each endpoint is then asked by each role, and each answer is searched for each
marker. What every role must see is stated once per endpoint as an
*audience*: the roles that see a dataset in a given state. Any marker seen by
a role outside the audience is a leak; any marker the audience does not see
is a miss, so the matrix cannot pass by refusing everybody.

Adding an endpoint is one line of ``ENDPOINTS``: a URL (a template filled
with the dataset's ``id``, ``rid``, ``view``, ``activity``, ``marker``,
``state``; without any it is asked once per role and every marker is looked
for in the one answer) and its audience.

Everything is built once for the module and one test app answers every request,
from two to four processes forked once the contributions exist (the matrix is
thousands of page renders and API calls, CPU-bound). Edit forms are in
test_action_authz.py: they are refusals, not things one sees.
"""
from __future__ import annotations

import json
import re
import secrets
import string
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Callable, Iterable

import pytest

from ckan.tests.helpers import call_action

from ckanext.asmhub.review import CRITERIA

from .roles import (EDITORS, EVERYONE, GROUP, INSIDERS, MODERATORS, NOBODY, ORG, ORGANISATION,
                    REGISTERED, ROLES, as_user, make_people)

STATES = ("draft", "submitted", "revisions_requested", "denied", "withdrawn", "approved", "deleted")

Audience = Callable[[str], frozenset]


def shown(under_review: frozenset, approved: frozenset, deleted: frozenset) -> Audience:
    def audience(state: str) -> frozenset:
        return approved if state == "approved" else deleted if state == "deleted" else under_review
    return audience


# What one sees of a dataset itself: the review's labels, and CKAN's for a deleted one
# (its organisation's members read it).
READ = shown(INSIDERS, EVERYONE, ORGANISATION)
# Searches and lists: deleted datasets are not found.
FOUND = shown(INSIDERS, EVERYONE, NOBODY)
# What the hub publishes reads the catalogue as an anonymous visitor.
PUBLISHED = shown(NOBODY, EVERYONE, NOBODY)
# Core's lists read from the database leave private datasets out (but for sysadmins).
PUBLIC_ROWS = shown(frozenset({"sysadmin"}), EVERYONE, NOBODY)
# Core lists an organisation's private datasets to its members; a user's to themselves.
MEMBERS_FIND = shown(INSIDERS - {"moderator"}, EVERYONE, NOBODY)
THEMSELVES_FIND = shown(frozenset({"sysadmin", "contributor"}), EVERYONE, NOBODY)
# Activities keep the labels they were recorded with: those of a contribution under
# review stay with its readers, the change made once it was public is public for good,
# even after the dataset is deleted, and the deletion is its organisation's (CKAN's labels).
ACTIVITIES = shown(INSIDERS, EVERYONE, EVERYONE)
MY_ACTIVITIES = shown(INSIDERS, INSIDERS, INSIDERS | ORGANISATION)  # the contributor's own
GROUP_ACTIVITIES = shown(NOBODY, EVERYONE, EVERYONE)  # core leaves private datasets out
DASHBOARDS = shown(INSIDERS, REGISTERED, REGISTERED)
# An activity's data: readers of the activity who may also edit the dataset (CKAN's
# rule: the organisation's editors and the contributor, not moderators).
ACTIVITY_DATA = shown(EDITORS, EDITORS, EDITORS)
# The review queue: moderators.
QUEUE = shown(MODERATORS, MODERATORS, NOBODY)
# My contributions: the contributor alone.
OWN = shown(frozenset({"contributor"}), frozenset({"contributor"}), NOBODY)
# The outbox: sysadmins read every mail; a draft has sent none.
OUTBOX = lambda state: NOBODY if state == "draft" else frozenset({"sysadmin"})  # noqa: E731


def mailed(state: str) -> frozenset:
    """Who is mailed about a contribution: moderators of each submission, the contributor of
    each decision (sysadmins are moderators)."""
    if state == "draft":
        return NOBODY
    return MODERATORS if state in ("submitted", "withdrawn") else MODERATORS | {"contributor"}


def get(world, role: str, url: str) -> Any:
    return world.app.get(url, headers=world.headers[role])


def shows(response, dataset: dict[str, Any]) -> bool:
    """A page or answer shows the dataset: its marker in a 200's body, or in a redirect."""
    redirects = [r.headers.get("Location", "") for r in getattr(response, "history", ())]
    return (response.status_code == 200 and dataset["marker"] in response.body) or \
        any(dataset["marker"] in location for location in redirects)


@dataclass(frozen=True)
class Endpoint:
    """``url``, asked by ``ask`` (a GET with the role's API token unless told otherwise);
    ``seen`` decides from the response whether a dataset shows (default: ``shows``).
    A URL with a ``{field}`` of the dataset is asked once per dataset."""
    name: str
    url: str
    audience: Audience
    seen: Callable[[Any, dict[str, Any]], bool] = shows
    ask: Callable[[Any, str, str], Any] = get
    per_dataset: bool = field(init=False)

    def __post_init__(self) -> None:
        fields = {f for _, f, _, _ in string.Formatter().parse(self.url) if f}
        object.__setattr__(self, "per_dataset", bool(fields))


def api(action: str, **params: Any) -> str:
    """An action API URL (GET; lists and dicts as JSON, as CKAN reads them)."""
    from urllib.parse import urlencode
    query = {k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in params.items()}
    return f"/api/3/action/{action}?" + urlencode(query, safe="{}")


def ok(response, dataset) -> bool:
    """Answers that do not repeat the dataset's words: allowed or not."""
    return response.status_code == 200


def counted(response, dataset) -> bool:
    return response.status_code == 200 and response.json["result"]["count"] > 0


def listed_name(response, dataset) -> bool:
    """Autocompletes: the dataset's name among the results (the query itself is not echoed)."""
    return response.status_code == 200 and dataset["name"] in response.body


SEARCH = "leakmatrix"
DCAT_FORMATS = ("ttl", "rdf", "xml", "n3", "jsonld")

ENDPOINTS: list[Endpoint] = [
    # The dataset, its resource, its table.
    Endpoint("package_show", api("package_show", id="{id}"), READ),
    Endpoint("resource_show", api("resource_show", id="{rid}"), READ),
    Endpoint("resource_view_list", api("resource_view_list", id="{rid}"), READ),
    Endpoint("resource_view_show", api("resource_view_show", id="{view}"), READ),
    Endpoint("dataset page", "/dataset/{id}", READ),
    Endpoint("resource page", "/dataset/{id}/resource/{rid}", READ),
    Endpoint("resource view page", "/dataset/{id}/resource/{rid}/view/{view}", READ),
    Endpoint("download", "/dataset/{id}/resource/{rid}/download", READ),
    Endpoint("citation (BibTeX)", "/dataset/{id}/cite.bib", READ),
    Endpoint("datastore_search", api("datastore_search", resource_id="{rid}"), READ),
    Endpoint("datastore_info", api("datastore_info", id="{rid}"), READ),
    Endpoint("datastore_search_sql", api("datastore_search_sql", sql='SELECT * FROM "{rid}"'), READ),
    Endpoint("dump (CSV)", "/datastore/dump/{rid}", READ),
    # Search, counts, facets and autocomplete.
    Endpoint("package_search", api("package_search", q=SEARCH, include_private="true", rows=100), FOUND),
    Endpoint("package_search fq", api("package_search", fq=f"tags:{SEARCH}", include_private="true",
                                      rows=100), FOUND),
    Endpoint("package_search drafts and deleted", api(
        "package_search", q=SEARCH, include_private="true", include_drafts="true",
        include_deleted="true", rows=100), FOUND),
    Endpoint("package_search count", api("package_search", q="{marker}", include_private="true", rows=0),
             FOUND, seen=counted),
    Endpoint("package_search facets", api("package_search", q=SEARCH, include_private="true", rows=0,
                                          **{"facet.field": ["tags", "asmhub_figure"],
                                             "facet.limit": -1}), FOUND),
    Endpoint("search page", f"/dataset/?q={SEARCH}", FOUND),
    Endpoint("search page by tag", f"/dataset/?tags={SEARCH}", FOUND),
    Endpoint("package_autocomplete", api("package_autocomplete", q=SEARCH, limit=50), FOUND),
    Endpoint("util autocomplete", f"/api/2/util/dataset/autocomplete?incomplete={SEARCH}&limit=50", FOUND),
    Endpoint("tag_list", api("tag_list"), FOUND),
    Endpoint("tag_search", api("tag_search", query="zq", limit=100), FOUND),
    Endpoint("tag autocomplete", "/api/2/util/tag/autocomplete?incomplete=zq&limit=100", FOUND),
    Endpoint("tag_show", api("tag_show", id="{marker}"), FOUND, seen=ok),
    Endpoint("tag_show with datasets", api("tag_show", id=SEARCH, include_datasets="true"), PUBLISHED),
    # Organisation, group, user.
    Endpoint("organization_show", api("organization_show", id=ORG, include_datasets="true"),
             MEMBERS_FIND),
    Endpoint("organisation page", f"/organization/{ORG}", FOUND),
    Endpoint("group_show", api("group_show", id=GROUP, include_datasets="true"), PUBLISHED),
    Endpoint("group page", f"/group/{GROUP}", FOUND),
    Endpoint("member_list", api("member_list", id=ORG, object_type="package"), FOUND,
             seen=lambda r, d: r.status_code == 200 and d["id"] in r.body),
    Endpoint("user_show", api("user_show", id="contributor", include_datasets="true"), THEMSELVES_FIND),
    Endpoint("user page", "/user/contributor", THEMSELVES_FIND),
    Endpoint("dashboard datasets", "/dashboard/datasets", OWN),
    # Lists core reads from the database.
    Endpoint("package_list", api("package_list"), PUBLISHED, seen=listed_name),
    Endpoint("current_package_list_with_resources", api("current_package_list_with_resources", limit=100),
             PUBLIC_ROWS),
    Endpoint("resource_search", api("resource_search", query=f"name:{SEARCH}"), PUBLISHED),
    # Activity streams and dashboards.
    Endpoint("package_activity_list", api("package_activity_list", id="{id}"), READ),
    Endpoint("activity_show", api("activity_show", id="{activity}", include_data=""), READ),
    Endpoint("activity_data_show", api("activity_data_show", id="{activity}"), ACTIVITY_DATA),
    Endpoint("activity_diff", api("activity_diff", id="{activity}", object_type="package"), ACTIVITY_DATA),
    Endpoint("dataset activity page", "/dataset/activity/{id}", READ),
    Endpoint("dataset history page", "/dataset/{id}/history/{activity}", READ),
    Endpoint("recently_changed_packages_activity_list",
             api("recently_changed_packages_activity_list", limit=100), ACTIVITIES),
    Endpoint("user_activity_list", api("user_activity_list", id="contributor", limit=100), MY_ACTIVITIES),
    Endpoint("user activity page", "/user/activity/contributor", MY_ACTIVITIES),
    Endpoint("organization_activity_list", api("organization_activity_list", id=ORG,
                                               limit=100), GROUP_ACTIVITIES),
    Endpoint("organisation activity page", f"/organization/activity/{ORG}", GROUP_ACTIVITIES),
    Endpoint("group_activity_list", api("group_activity_list", id=GROUP, limit=100),
             GROUP_ACTIVITIES),
    Endpoint("group activity page", f"/group/activity/{GROUP}", GROUP_ACTIVITIES),
    # Feeds.
    Endpoint("feed", "/feeds/dataset.atom", PUBLISHED),
    Endpoint("organisation feed", f"/feeds/organization/{ORG}.atom", PUBLISHED),
    Endpoint("group feed", f"/feeds/group/{GROUP}.atom", PUBLISHED),
    Endpoint("tag feed", f"/feeds/tag/{SEARCH}.atom", PUBLISHED),
    Endpoint("custom feed", f"/feeds/custom.atom?q={SEARCH}", PUBLISHED),
    # DCAT: the catalogue and each dataset, in every format ckanext-dcat serves.
    *[Endpoint(f"catalogue ({fmt})", f"/catalog.{fmt}", PUBLISHED) for fmt in DCAT_FORMATS],
    *[Endpoint(f"dataset RDF ({fmt})", f"/dataset/{{id}}.{fmt}", PUBLISHED) for fmt in DCAT_FORMATS],
    Endpoint("dataset series RDF", "/dataset_series/{id}.ttl", PUBLISHED),
    Endpoint("dcat_catalog_show", api("dcat_catalog_show", format="ttl"), PUBLISHED),
    Endpoint("dcat_catalog_search", api("dcat_catalog_search", format="ttl", q=SEARCH), PUBLISHED),
    Endpoint("dcat_dataset_show", api("dcat_dataset_show", id="{id}", format="ttl"), PUBLISHED),
    # Countries, themes and the home page.
    Endpoint("home page", "/", PUBLISHED),
    Endpoint("countries page", "/country", PUBLISHED),
    Endpoint("countries CSV", "/country.csv", PUBLISHED),
    Endpoint("countries JSON", "/country.json", PUBLISHED),
    Endpoint("sources page", "/country/sources", PUBLISHED),
    Endpoint("country page", "/country/TZA", PUBLISHED),
    Endpoint("theme page", "/theme/livelihoods", PUBLISHED),
    # Review.
    Endpoint("review page", "/review/{id}", shown(INSIDERS, INSIDERS, NOBODY)),
    Endpoint("asmhub_review_history_show", api("asmhub_review_history_show", id="{id}"),
             shown(INSIDERS, INSIDERS, NOBODY)),
    Endpoint("review queue page", "/review?state={state}", QUEUE),
    Endpoint("asmhub_review_queue_list", api("asmhub_review_queue_list", state="{state}"), QUEUE),
    Endpoint("contributions page", "/contributions", OWN),
    Endpoint("asmhub_contribution_list", api("asmhub_contribution_list"), OWN),
    Endpoint("asmhub_datastore_summary", api("asmhub_datastore_summary", id="{rid}"),
             shown(INSIDERS, INSIDERS, EDITORS), seen=ok),
    Endpoint("xloader status page", "/dataset/{id}/resource_data/{rid}", shown(INSIDERS, INSIDERS, EDITORS)),
    # Mail.
    Endpoint("outbox page", "/ckan-admin/outbox", OUTBOX),
    Endpoint("asmhub_mail_list", api("asmhub_mail_list", limit=500), OUTBOX),
]


def post_preview(world, role: str, url: str) -> Any:
    """The table preview asks for rows with a POST (and the session's CSRF token when anonymous)."""
    data = {"draw": "1", "start": "0", "length": "10", "search[value]": "",
            "order[0][column]": "0", "order[0][dir]": "asc"}
    if role == "anonymous":
        data["_csrf_token"] = world.anonymous_csrf_token
    return world.app.post(url, headers=world.headers[role], data=data)


def following(world, role: str, url: str) -> Any:
    """A dashboard, listing every activity, whose owner follows the contributor, the
    organisation and the group.

    (Only meanwhile: every page's header counts the new activities on its visitor's
    dashboard, which would make each page of the matrix several times slower.)"""
    from ckan.common import config

    if role == "anonymous":
        return get(world, role, url)
    context = as_user(world.users[role])
    follows = [("user", "contributor")] * (role != "contributor") + \
        [("group", ORG), ("group", GROUP)]
    for kind, name in follows:
        call_action(f"follow_{kind}", context=dict(context), id=name)
    limit = config.get("ckan.activity_list_limit")
    config["ckan.activity_list_limit"] = 100
    try:
        return get(world, role, url)
    finally:
        config["ckan.activity_list_limit"] = limit
        for kind, name in follows:
            call_action(f"unfollow_{kind}", context=dict(context), id=name)


def mailbox(world, role: str, url: str) -> Any:
    """Every mail sent to the role (the outbox holds every mail the hub sends)."""
    email = world.users[role]["email"] if role != "anonymous" else None
    return SimpleNamespace(status_code=200, body="\n".join(
        m["subject"] + "\n" + m["body"] for m in world.mail if m["recipient_email"] == email))


ENDPOINTS += [
    Endpoint("table preview data", "/datatables/ajax/{view}", READ, ask=post_preview),
    Endpoint("dashboard_activity_list", api("dashboard_activity_list", limit=100), DASHBOARDS,
             ask=following),
    Endpoint("dashboard", "/dashboard/", DASHBOARDS, ask=following),
    Endpoint("mail received", "", mailed, ask=mailbox),
]


# The world ---------------------------------------------------------------------------

def _estimate(marker: str, **fields: Any) -> dict[str, Any]:
    return {"indicator": "asm_miners", "central": "1500000", "unit": "people", "ref_year": "2023",
            "pub_year": "2024", "confidence": "B", "curation": "as reported",
            "source": f"Census of miners {marker}", **fields}


def _contribution(world, state: str, create_with_upload) -> dict[str, Any]:
    """A contribution taken to ``state`` through the hub's actions, its marker everywhere."""
    users = world.users
    marker = "zq" + secrets.token_hex(4)
    dataset = call_action(
        "package_create", context=as_user(users["contributor"]), name=f"{SEARCH}-{marker}",
        title=f"Leakmatrix {marker} gold miners", notes=f"Figures of {marker}.",
        owner_org=world.org["id"], groups=[{"name": world.group["name"]}],
        tags=[{"name": SEARCH}, {"name": marker}], countries=["TZA"], minerals=["gold"],
        themes=["livelihoods"],
        estimates=[_estimate(marker), _estimate(marker, indicator="asm_miners_global", central="45000000")])
    resource = create_with_upload(f"district,miners\n{marker},12000\n", "data.csv",
                                  context=as_user(users["contributor"]), package_id=dataset["id"],
                                  name=f"{SEARCH} {marker} table")
    site = {"user": users["sysadmin"]["name"]}
    view = call_action("resource_view_create", context=dict(site), resource_id=resource["id"],
                       view_type="datatables_view", title=f"Table {marker}")
    call_action("datastore_create", context=dict(site), resource_id=resource["id"], force=True,
                fields=[{"id": "district", "type": "text", "info": {"notes": f"District {marker}"}},
                        {"id": "miners", "type": "int"}],
                records=[{"district": marker, "miners": 12000}])
    review = dict(criteria={k: "met" for k in CRITERIA})
    contributor, moderator = as_user(users["contributor"]), as_user(users["moderator"])
    call_action("package_patch", context=dict(contributor), id=dataset["id"],
                notes=f"Figures of {marker}, under review.")
    if state != "draft":
        call_action("asmhub_review_submit", context=dict(contributor), id=dataset["id"])
    if state == "withdrawn":
        call_action("asmhub_review_withdraw", context=dict(contributor), id=dataset["id"])
    if state == "revisions_requested":
        call_action("asmhub_review_decide", context=dict(moderator), id=dataset["id"], decision=state,
                    comment=f"Cite {marker}", required_changes=["Cite the census"], **review)
    if state == "denied":
        call_action("asmhub_review_decide", context=dict(moderator), id=dataset["id"], decision=state,
                    comment="Not ASM data", **review)
    if state in ("approved", "deleted"):
        call_action("asmhub_review_decide", context=dict(moderator), id=dataset["id"],
                    decision="approved", **review)
        # A change made once it is public: an activity everyone may read.
        call_action("package_patch", context=dict(site), id=dataset["id"], notes=f"Figures of {marker}, reviewed.")
    if state == "deleted":
        call_action("package_delete", context=dict(contributor), id=dataset["id"])
    # Its latest change (a resource view's activity is the sysadmins' alone, whatever the dataset).
    activity = next(a for a in call_action("package_activity_list", context=dict(site), id=dataset["id"])
                    if a["activity_type"].endswith(" package"))
    return {"id": dataset["id"], "name": dataset["name"], "rid": resource["id"], "view": view["id"],
            "activity": activity["id"], "marker": marker, "state": state}


@pytest.fixture(scope="module")
def world(reset_db, create_with_upload):
    """The people, their organisations, one contribution per state, one test app."""
    from sqlalchemy import orm

    import ckan.plugins as plugins
    from ckan.lib import search
    from ckan.lib.redis import connect_to_redis
    from ckan.tests.helpers import _get_test_app
    from ckanext.datastore.tests import helpers as datastore_helpers

    plugins.load_all()
    try:
        reset_db()
        search.clear_all()
        connect_to_redis().flushdb()
        datastore_helpers.rebuild_all_dbs(orm.scoped_session(orm.sessionmaker(
            bind=datastore_helpers.db.get_write_engine())))
        world = make_people()
        world.datasets = [_contribution(world, state, create_with_upload) for state in STATES]
        world.mail = call_action("asmhub_mail_list", context={"user": "sysadmin"}, limit=500)["results"]
        world.app = _get_test_app()
        page = world.app.get("/dataset/")
        world.anonymous_csrf_token = re.search(r'name="_csrf_token" content="([^"]+)"', page.body).group(1)
        yield world
    finally:
        plugins.unload_all()


# Asking: a few processes forked from this one, each with its own database connections.

WORLD: SimpleNamespace | None = None  # the world, for the forked processes


def _answers(task: tuple[int, str, str | None]) -> list[tuple[str, bool]]:
    """In a forked process: whether ``role`` sees each dataset through an endpoint."""
    index, role, state = task
    endpoint = ENDPOINTS[index]
    if state is None:
        response = endpoint.ask(WORLD, role, endpoint.url)
        return [(d["state"], endpoint.seen(response, d)) for d in WORLD.datasets]
    dataset = next(d for d in WORLD.datasets if d["state"] == state)
    return [(state, endpoint.seen(endpoint.ask(WORLD, role, endpoint.url.format(**dataset)), dataset))]


def close_database_connections() -> None:
    """Forked processes must not share a connection: close them all before forking
    (each process then opens its own; redis-py does the same for Redis by itself)."""
    import gc

    import sqlalchemy as sa
    from ckan import model

    model.Session.remove()
    for engine in [o for o in gc.get_objects() if isinstance(o, sa.engine.Engine)]:
        engine.dispose()


def _as_a_plain_process() -> None:
    """In a forked process: the default ending on SIGTERM (a job worker run earlier in the
    session may have left its warm-shutdown handler, and the pool could never end it) and
    Ctrl-C left to pytest."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.fixture(scope="module")
def asker(world):
    """Processes that ask the endpoints (the matrix's thousands of requests are CPU-bound)."""
    import multiprocessing
    import os

    global WORLD
    WORLD = world
    close_database_connections()
    processes = max(2, min(4, os.cpu_count() or 2))
    with multiprocessing.get_context("fork").Pool(processes, initializer=_as_a_plain_process) as pool:
        yield pool
    WORLD = None


def observe(pool, endpoint: Endpoint) -> dict[tuple[str, str], bool]:
    """Whether each role sees each state's dataset through ``endpoint``. Those allowed to see
    contributions ask first, so that no cache could hand their answers on unnoticed."""
    index = ENDPOINTS.index(endpoint)
    states: Iterable[str | None] = STATES if endpoint.per_dataset else [None]
    seen = {}
    for wave in ([r for r in ROLES if r in INSIDERS], [r for r in ROLES if r not in INSIDERS]):
        tasks = [(index, role, state) for role in wave for state in states]
        for role_task, answers in zip(tasks, pool.map(_answers, tasks), strict=True):
            seen.update(((role_task[1], state), shown_) for state, shown_ in answers)
    return seen


def grid(seen: dict[tuple[str, str], bool], audience: Audience) -> str:
    """The matrix of one endpoint: + seen as it should, L leak, m miss, . hidden as it should."""
    lines = [" " * 14 + " ".join(f"{s[:9]:>9}" for s in STATES)]
    for role in ROLES:
        marks = []
        for state in STATES:
            expected, got = role in audience(state), seen[role, state]
            marks.append("+" if expected and got else "L" if got else "m" if expected else ".")
        lines.append(f"{role:>14}" + " ".join(f"{m:>9}" for m in marks))
    return "\n".join(lines)


CHECKED: dict[str, int] = {}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def test_each_role_sees_each_state_as_it_should(asker, endpoint):
    seen = observe(asker, endpoint)
    CHECKED[endpoint.name] = len(seen)
    leaks = sorted(f"{role} sees {state}" for (role, state), s in seen.items()
                   if s and role not in endpoint.audience(state))
    misses = sorted(f"{role} does not see {state}" for (role, state), s in seen.items()
                    if not s and role in endpoint.audience(state))
    assert (leaks, misses) == ([], []), "\n" + grid(seen, endpoint.audience)


def test_the_public_counts_count_the_approved_contribution_alone(world):
    """Aggregates that name no dataset: for every role, the themes page and the Countries
    table count one dataset on the theme and the country, the approved one."""
    from bs4 import BeautifulSoup

    counted = {}
    for role in ROLES:
        themes = BeautifulSoup(get(world, role, "/theme").body, "html.parser")
        theme = themes.select_one('[data-theme="livelihoods"] .text-muted').get_text(" ", strip=True)
        country = next(c for c in get(world, role, "/country.json").json["countries"] if c["iso3"] == "TZA")
        counted[role] = (theme.split(" · ")[0], country["datasets"])
    assert counted == {role: ("1 dataset", 1) for role in ROLES}


def test_the_matrix_asked_everything(capsys):
    checks = sum(CHECKED.values())
    with capsys.disabled():
        print(f"\nLeak matrix: {len(ROLES)} roles x {len(STATES)} states x {len(ENDPOINTS)} endpoints "
              f"= {checks} checks")
    assert checks == len(ROLES) * len(STATES) * len(ENDPOINTS)
