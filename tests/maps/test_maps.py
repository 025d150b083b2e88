"""Maps: country extents in the seed, the dataset map, drawing a search box in a browser."""
from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from ckan.tests.helpers import call_action
from ckanext.asmhub import maps

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def test_country_boxes_cover_every_seeded_country():
    from ckanext.asmhub import seed
    codes = {c for d in seed.country_datasets() for c in d["countries"]}
    assert codes <= set(maps.country_boxes())
    minx, miny, maxx, maxy = maps.country_boxes()["TZA"]
    assert 29 < minx < maxx < 41 and -12 < miny < maxy < 0


def test_seeded_country_datasets_carry_their_extent(seeded):
    tza = call_action("package_show", id="asm-people-tza")
    ring = json.loads(tza["spatial"])["coordinates"][0]
    assert ring[0] == [29.3234, -11.7162] and ring[2] == [40.4636, -0.9949]
    found = call_action("package_search", ext_bbox="35,-5,36,-4", rows=100)["results"]
    assert [d["name"] for d in found] == ["asm-people-tza"]


def test_dataset_page_has_a_map_of_its_extent(app, seeded):
    html = app.get("/dataset/asm-people-tza").get_data(as_text=True)
    assert 'data-module="asmhub-map"' in html
    assert "40.4636" in html


def test_dataset_page_has_schema_org_json_ld(app, seeded):
    html = app.get("/dataset/asm-people-tza").get_data(as_text=True)
    script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    graph = Graph().parse(data=script, format="json-ld")
    schema = Namespace("http://schema.org/")
    [dataset] = list(graph.subjects(RDF.type, schema.Dataset))
    assert str(graph.value(dataset, schema.name)) == "Artisanal and small-scale mining in Tanzania: how many people"


def test_search_page_offers_an_area_and_keeps_the_drawn_one(app, seeded):
    html = app.get("/dataset/", query_string={"ext_bbox": "35,-5,36,-4"}).get_data(as_text=True)
    assert 'data-module="asmhub-bbox"' in html
    assert "35,-5,36,-4" in html and "Clear area" in html
    assert "asm-people-tza" in html and "asm-people-gha" not in html


@pytest.fixture
def browser_page(served_hub):
    """A headless chromium page that may only talk to the local hub; other requests are recorded and refused."""
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})

        def guard(route):
            if route.request.url.startswith(served_hub):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()
        page.route("**/*", guard)
        yield page, served_hub, outside
        browser.close()


def test_map_draws_the_extent_without_any_outside_request(seeded, browser_page):
    page, base, outside = browser_page
    page.goto(f"{base}/dataset/asm-people-tza")
    page.wait_for_selector('.asmhub-map[data-asmhub-drawn="1"]', timeout=15000)
    assert page.locator(".asmhub-map path.leaflet-interactive").count() == 1
    assert outside == []


@pytest.mark.ckan_config("ckanext.asmhub.map.tiles_url", "https://tiles.example.invalid/{z}/{x}/{y}.png")
def test_map_still_draws_the_extent_when_tiles_fail(seeded, browser_page):
    page, base, outside = browser_page
    page.goto(f"{base}/dataset/asm-people-tza")
    page.wait_for_selector('.asmhub-map[data-asmhub-drawn="1"]', timeout=15000)
    assert page.locator(".asmhub-map path.leaflet-interactive").count() == 1
    assert outside and all(u.startswith("https://tiles.example.invalid/") for u in outside)


def test_drawing_a_box_on_the_search_page_filters_by_area(seeded, browser_page):
    page, base, outside = browser_page
    page.goto(f"{base}/dataset/")
    box = page.locator(".asmhub-map--search")
    box.wait_for()
    page.wait_for_selector(".asmhub-map--search.leaflet-container")
    area = box.bounding_box()
    # From the middle of the map towards its lower right: somewhere east and south of (10, 10).
    x, y = area["x"] + area["width"] / 2, area["y"] + area["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y + 30, steps=5)
    with page.expect_navigation():
        page.mouse.up()
    bbox = parse_qs(urlparse(page.url).query)["ext_bbox"][0]
    minx, miny, maxx, maxy = map(float, bbox.split(","))
    assert minx < maxx and miny < maxy
    expected = call_action("package_search", ext_bbox=bbox, rows=100)["count"]
    assert page.locator(".dataset-item").count() == min(expected, 20)
    assert outside == []
