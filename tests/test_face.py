"""The hub's own face: logo, icon, sections, About page, a home page with no empty box,
and no picture fetched from an avatar service."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from ckan.tests import factories

pytestmark = pytest.mark.usefixtures("seeded", "with_plugins")


def soup_of(app, url: str, **kwargs) -> BeautifulSoup:
    return BeautifulSoup(app.get(url, **kwargs).body, "html.parser")


def test_header_has_the_hubs_logo_icon_and_sections(app):
    soup = soup_of(app, "/")
    assert soup.select_one("header .logo img")["src"].endswith("/asmhub/logo.svg")
    assert soup.select_one('link[rel="icon"]')["href"].endswith("/asmhub/favicon.svg")
    sections = [a.get_text(strip=True) for a in soup.select("header .main-navbar ul.navbar-nav a")]
    assert sections == ["Countries", "Themes", "Library", "Datasets", "Organisations", "Contribute", "About"]


@pytest.mark.parametrize("path", ["/asmhub/logo.svg", "/asmhub/favicon.svg"])
def test_logo_and_icon_are_served_from_the_hub(app, path):
    response = app.get(path)
    assert response.status_code == 200 and "svg" in response.mimetype


def test_home_page_offers_minerals_and_themes_when_no_dataset_has_tags(app):
    soup = soup_of(app, "/")
    boxes = {box.h3.get_text(strip=True): [a.get_text(" ", strip=True) for a in box.select("a.tag")]
             for box in soup.select(".module-search .tags")}
    assert "Popular tags" not in boxes
    assert boxes["Most covered minerals"][0].startswith("Gold")
    assert boxes["Most covered themes"]
    assert all(links for links in boxes.values())  # no empty box


def test_home_page_opens_on_the_world_map_with_its_layers(app):
    soup = soup_of(app, "/")
    assert soup.select_one("#asmhub-worldmap svg.asmhub-worldmap a[data-iso3='TZA']")
    layers = [a.get_text(strip=True) for a in soup.select(".asmhub-worldmap-layers a")]
    assert layers == ["People in ASM", "Women's share", "Share in gold", "Data solidity"]
    assert soup.select_one(".asmhub-worldmap-figure a[href='/country']")  # the table, as text


def test_countries_page_switches_the_map_to_the_share_in_gold(app):
    soup = soup_of(app, "/country", query_string={"map": "gold", "region": "002"})
    assert soup.select_one(".asmhub-worldmap-layers a[aria-current]").get_text(strip=True) == "Share in gold"
    legend = [li.get_text(" ", strip=True) for li in soup.select(".asmhub-worldmap-legend li")]
    assert legend[0] == "under 20%" and legend[-1] == "No figure"
    assert "describing" in soup.select_one(".asmhub-worldmap-sources").get_text()
    assert soup.select_one("svg.asmhub-worldmap")["data-layer"] == "gold"
    assert soup.select_one(".asmhub-worldmap-figure a[href='#countries-table']")
    assert soup.select("table.asmhub-table tbody tr")  # the region filter still applies to the table


def test_about_page_is_in_the_hubs_own_words(app):
    soup = soup_of(app, "/about")
    assert soup.h1.get_text(strip=True) == "About ASM Hub"
    assert "Natural Earth" in soup.get_text()


def test_people_without_a_picture_get_their_initials_not_an_avatar_service(app):
    user = factories.UserWithToken(fullname="Amina Mwakyusa")
    body = app.get("/dataset/", headers={"Authorization": user["token"]}).body
    soup = BeautifulSoup(body, "html.parser")
    assert soup.select_one(".account .asmhub-initials").get_text(strip=True) == "AM"
    assert "gravatar" not in body
    page = app.get(f"/user/{user['name']}").body
    assert "asmhub-initials" in page and "gravatar" not in page
