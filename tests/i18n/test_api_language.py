"""The API answers in the client's language: Accept-Language or a /<locale>/ prefix."""
from __future__ import annotations

import pytest

from ckan.tests import factories

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _create(app, path="/api/3/action/package_create", **headers):
    user = factories.User()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    token = factories.APIToken(user=user["name"])["token"]
    return app.post(path, json={"title": "No name yet", "owner_org": org["id"], "minerals": ["unobtainium"]},
                    headers={"Authorization": token, **headers}, status=409)


@pytest.mark.parametrize("header, missing, choice", [
    ("fr-FR,fr;q=0.9,en;q=0.5", "Valeur manquante", "Valeur inconnue « unobtainium » : utilisez l'une des valeurs"),
    ("es", "Falta el valor", "Valor desconocido «unobtainium»: use uno de"),
    ("pt-BR", "Faltando valor", 'Valor desconhecido "unobtainium": use um de'),
    ("sw", "Thamani haipo", 'Thamani isiyojulikana "unobtainium": tumia mojawapo ya'),
])
def test_validation_errors_follow_accept_language(app, header, missing, choice):
    response = _create(app, **{"Accept-Language": header})
    error = response.json["error"]
    assert error["__type"] == "Validation Error"
    assert missing in error["name"]
    assert error["minerals"][0].startswith(choice)
    assert response.headers["Content-Language"] == header.split(",")[0].split("-")[0] + (
        "-BR" if header == "pt-BR" else "")
    assert "Accept-Language" in ", ".join(response.headers.getlist("Vary"))


def test_a_locale_prefix_works_without_a_header(app):
    error = _create(app, path="/fr/api/3/action/package_create").json["error"]
    assert "Valeur manquante" in error["name"]


def test_english_or_an_unoffered_language_gets_english(app):
    error = _create(app, **{"Accept-Language": "de-DE,de;q=0.9"}).json["error"]
    assert "Missing value" in error["name"]
    assert _create(app).headers["Content-Language"] == "en"


def test_search_facets_come_back_with_labels_in_the_language(app, make_dataset):
    make_dataset(minerals=["gold"], countries=["CIV"])
    response = app.get("/api/3/action/package_search", query_string={"facet.field": '["minerals","countries"]'},
                       headers={"Accept-Language": "fr"})
    facets = response.json["result"]["search_facets"]
    assert facets["minerals"]["items"][0]["display_name"] == "Or"
    assert facets["countries"]["items"][0]["display_name"] == "Côte d’Ivoire"
