"""Helpers for the metadata tests: an editor who calls the API and posts the forms."""
from __future__ import annotations

import re
from typing import Any

import pytest

from ckan.tests import factories


@pytest.fixture
def editor() -> dict[str, Any]:
    """A user who edits for an organisation, with an API token."""
    user = factories.UserWithToken()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    return {**user, "org": org, "headers": {"Authorization": user["token"]}}


@pytest.fixture
def api(app, editor):
    """POST an action as the editor; returns the response JSON (success or error)."""
    def call(action: str, status: int = 200, **data: Any) -> dict[str, Any]:
        response = app.post(f"/api/action/{action}", json=data, headers=editor["headers"], status=status)
        return response.json
    return call


@pytest.fixture
def submit_form(app, editor):
    """Fill the new-dataset form as the editor and submit it; returns the response."""
    def submit(fields: dict[str, Any], dataset_type: str = "dataset"):
        page = app.get(f"/{dataset_type}/new", headers=editor["headers"])
        token = re.search(r'name="_csrf_token" value="([^"]+)"', page.body).group(1)
        data = {"_csrf_token": token, "owner_org": editor["org"]["id"], "save": "", **fields}
        return app.post(f"/{dataset_type}/new", data=data, headers=editor["headers"])
    return submit
