"""The seeded catalogue is published: the site's own datasets need no review."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.tests.helpers import call_action

from ckanext.asmhub.evidence import seed

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def test_seeded_datasets_are_approved_and_public():
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    seed.seed({"user": site_user["name"], "ignore_auth": True})
    seeded = {name for (name,) in model.Session.query(model.Package.name).filter_by(state="active")}
    public = call_action("package_search", context={"user": "", "ignore_auth": False},
                         rows=1000, fq="*:*", include_private=False)
    assert seeded and {d["name"] for d in public["results"]} == seeded
    assert public["count"] == len(seeded) and isinstance(public["count"], int)
    states = {call_action("asmhub_review_history_show", id=name)["state"] for name in seeded}
    assert states == {"approved"}
