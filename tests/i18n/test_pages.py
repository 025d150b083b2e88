"""Hub pages in each offered language: headings, facets and vocabulary labels."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

# Per locale: CKAN's heading for the search page (its own catalogue, or ours for
# Swahili, which CKAN does not ship), then our facet title, mineral and country.
EXPECTED = {
    "fr": ("Jeux de données", "Minerais", "Or", "Tanzanie"),
    "es": ("Conjuntos de datos", "Minerales", "Oro", "Tanzania"),
    "pt_BR": ("Conjuntos de dados", "Minerais", "Ouro", "Tanzânia"),
    "sw": ("Seti za data", "Madini", "Dhahabu", "Tanzania"),
}


def _text(response) -> str:
    return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text(" ").split())


@pytest.mark.parametrize("locale", sorted(EXPECTED))
def test_dataset_search_page_is_in_the_readers_language(app, make_dataset, locale):
    make_dataset(title="Gold in Tanzania", minerals=["gold"], countries=["TZA"], themes=["gender"])
    response = app.get(f"/{locale}/dataset/")
    assert response.status_code == 200
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    heading, facet, mineral, country = EXPECTED[locale]
    assert page.html["lang"].replace("-", "_") == locale
    facet_titles = [" ".join(h.get_text(" ").split()) for h in page.select("section.module h2")]
    assert facet in facet_titles, facet_titles
    items = " ".join(a.get_text(" ") for a in page.select("section.module li a"))
    assert mineral in items and country in items
    print(_text(response)[:3000])
    assert heading in _text(response)


FIGURES = {
    "en": ("Figures", "People working in ASM", "1.0–1.7 million people (2019, confidence B)"),
    "fr": ("Chiffres", "Personnes travaillant dans l'EMAPE", "1,0–1,7 million de personnes (2019, confiance B)"),
    "es": ("Cifras", "Personas que trabajan en la MAPE", "1,0–1,7 millones de personas (2019, confianza B)"),
    "pt_BR": ("Números", "Pessoas que trabalham na MAPE", "1,0–1,7 milhão de pessoas (2019, confiança B)"),
    "sw": ("Takwimu", "Watu wanaofanya kazi katika uchimbaji mdogo wa madini", "watu milioni 1.0–1.7 (2019, kuaminika B)"),
}


@pytest.mark.parametrize("locale", sorted(FIGURES))
def test_a_datasets_figures_read_in_the_readers_language(app, make_dataset, locale):
    dataset = make_dataset(countries=["TZA"], estimates=[{
        "indicator": "asm_miners", "low": "1000000", "central": "1500000", "high": "1700000",
        "unit": "people", "ref_year": "2019", "confidence": "B", "source": "ASM Inventory"}])
    prefix = "" if locale == "en" else f"/{locale}"
    text = _text(app.get(f"{prefix}/dataset/{dataset['name']}"))
    heading, indicator, figure = FIGURES[locale]
    assert heading in text and indicator in text
    assert figure in text


@pytest.mark.parametrize("locale, summary", [
    ("fr", "Le formulaire contient des entrées invalides"),
    ("sw", "Fomu ina maingizo yasiyo sahihi"),
])
def test_a_forms_error_summary_is_an_alert_in_the_readers_language(app, locale, summary):
    response = app.post(f"/{locale}/user/register", data={
        "name": "amina", "fullname": "Amina", "email": "not-an-email",
        "password1": "correct-horse-42", "password2": "correct-horse-43"})
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    alert = page.select_one("[data-asmhub-error-summary]")
    assert alert is not None and alert["role"] == "alert"
    assert summary in alert.get_text()


@pytest.mark.parametrize("words", ["orpaillage", "garimpo", "Tanzanie", "dhahabu", "minería artesanal"])
def test_search_finds_datasets_in_the_hubs_languages(search, make_dataset, words):
    make_dataset(name="tz-gold", minerals=["gold"], countries=["TZA"], estimates=[{
        "indicator": "asgm_miners", "central": "1500000", "unit": "people", "ref_year": "2019",
        "source": "ASM Inventory"}])
    make_dataset(name="bo-tin", minerals=["tin"], countries=["BOL"])
    assert [d["name"] for d in search(q=words)["results"]] == ["tz-gold"]


@pytest.mark.parametrize("locale, search, nav", [
    ("en", "Search the library...", "Library"),
    ("fr", "Rechercher dans la bibliothèque...", "Bibliothèque"),
    ("sw", "Tafuta katika maktaba...", "Maktaba"),
])
def test_the_library_has_names_in_the_readers_language(app, locale, search, nav):
    prefix = "" if locale == "en" else f"/{locale}"
    page = BeautifulSoup(app.get(f"{prefix}/library/").get_data(as_text=True), "html.parser")
    assert nav in page.select_one(".breadcrumb").get_text()
    assert page.title.get_text().startswith(nav)
    assert page.select_one("#field-giant-search")["placeholder"] == search
    assert "Librarys" not in _text_of(page)


def _text_of(page) -> str:
    return " ".join(page.get_text(" ").split())


def test_the_type_facet_names_the_hubs_types(app, make_dataset):
    make_dataset(type="library", title="Global Trends in ASM")
    make_dataset(title="Gold in Ghana")
    page = BeautifulSoup(app.get("/fr/dataset/").get_data(as_text=True), "html.parser")
    items = _text_of(page)
    assert "Jeu de données" in items and "Document de bibliothèque" in items


@pytest.mark.parametrize("locale, country, heading, table", [
    ("fr", "Tanzanie", "Solidité des données", "Personnes dans l'EMAPE"),
    ("es", "Tanzania", "Solidez de los datos", "Personas en la MAPE"),
    ("pt_BR", "Tanzânia", "Solidez dos dados", "Pessoas na MAPE"),
    ("sw", "Tanzania", "Uimara wa data", "Watu katika uchimbaji mdogo"),
])
def test_country_pages_are_in_the_readers_language(app, make_dataset, locale, country, heading, table):
    make_dataset(countries=["TZA"], estimates=[{
        "indicator": "asm_miners", "low": "1000000", "high": "1700000", "unit": "people",
        "ref_year": "2019", "confidence": "B", "source": "ASM Inventory"}])
    profile = _text(app.get(f"/{locale}/country/TZA"))
    assert country in profile and heading in profile
    assert FIGURES[locale][2].split(" (")[0] in profile
    assert table in _text(app.get(f"/{locale}/country"))
