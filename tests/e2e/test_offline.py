"""No page asks another site for anything: maps, fonts, scripts and pictures all come from the hub.

Every request the page makes in Debian's chromium is recorded (``page.on("request")``)
while the five pages a new visitor meets load and draw their maps.
"""
from __future__ import annotations

from urllib.parse import urlsplit


PAGES = [
    ("home", "/", "svg.asmhub-worldmap"),
    ("dataset search", "/dataset/", '.asmhub-map--search[data-asmhub-basemap="110m"]'),
    ("countries", "/country", "svg.asmhub-worldmap"),
    ("country profile", "/country/TZA", "svg.asmhub-extent-map path"),
    ("dataset page", "/dataset/asm-people-tza", '.asmhub-map[data-asmhub-basemap]'),
]


def test_pages_load_nothing_from_another_host(seeded, browser_page, live_server):
    page = browser_page
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    own = urlsplit(live_server.url).netloc
    for name, path, drawn in PAGES:
        requests.clear()
        response = page.goto(path)
        assert response.status == 200, f"{name}: HTTP {response.status}"
        page.wait_for_selector(drawn, state="attached")
        page.wait_for_load_state("networkidle")
        outside = [url for url in requests
                   if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own]
        assert outside == [], f"{name} asked other hosts: {outside}"
        assert len(requests) > 1, name  # the page, its styles, scripts and map data were seen


def test_dataset_map_draws_natural_earth_land_and_borders(seeded, browser_page):
    page = browser_page
    page.goto("/dataset/asm-people-tza")
    # The extent (Tanzania) is zoomed in, so the 1:50m land and borders replace the 1:110m ones.
    page.wait_for_selector('.asmhub-map[data-asmhub-basemap="50m"]')
    basemap = page.locator(".asmhub-map .leaflet-asmhub-basemap-pane path")
    assert basemap.count() == 2  # the land and the borders, neither of them clickable
    assert page.locator(".asmhub-map path.leaflet-interactive").count() == 1  # the extent
    assert "Natural Earth" in page.locator(".asmhub-map .leaflet-control-attribution").inner_text()


def test_world_map_links_countries_to_their_profiles_by_keyboard(seeded, browser_page):
    page = browser_page
    page.goto("/country?map=women")
    assert page.locator(".asmhub-worldmap-layers a[aria-current]").inner_text() == "Women's share"
    tanzania = page.locator('svg.asmhub-worldmap a[data-iso3="TZA"]')
    tanzania.focus()
    assert page.locator(".asmhub-worldmap-info").inner_text().startswith("Tanzania:")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/country/TZA")
