"""Maps in a real browser: extents drawn with no outside server, and an area drawn to search."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from ckan.tests.helpers import call_action


@pytest.fixture
def local_only(browser_page, live_server):
    """The page may only talk to the hub: any other request is recorded and refused."""
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    browser_page.route("**/*", guard)
    return browser_page, outside


def test_map_draws_the_extent_without_any_outside_request(seeded, local_only):
    page, outside = local_only
    page.goto("/dataset/asm-people-tza")
    page.wait_for_selector('.asmhub-map[data-asmhub-drawn="1"]', timeout=15000)
    assert page.locator(".asmhub-map path.leaflet-interactive").count() == 1
    assert outside == []


@pytest.mark.ckan_config("ckanext.asmhub.map.tiles_url", "https://tiles.example.invalid/{z}/{x}/{y}.png")
def test_map_still_draws_the_extent_when_tiles_fail(seeded, local_only):
    page, outside = local_only
    page.goto("/dataset/asm-people-tza")
    page.wait_for_selector('.asmhub-map[data-asmhub-drawn="1"]', timeout=15000)
    assert page.locator(".asmhub-map path.leaflet-interactive").count() == 1
    assert outside and all(u.startswith("https://tiles.example.invalid/") for u in outside)


def test_drawing_a_box_on_the_search_page_filters_by_area(seeded, local_only):
    page, outside = local_only
    page.goto("/dataset/")
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
    assert expected > 0
    assert page.locator(".dataset-item").count() == min(expected, 20)
    assert outside == []
