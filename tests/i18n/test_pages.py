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
