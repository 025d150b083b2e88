"""The hub's basemap: Natural Earth countries, land and borders, with no tile server."""
from __future__ import annotations

import json
from importlib.resources import files
from itertools import pairwise
from pathlib import Path

import pycountry
import pytest

from ckanext.asmhub.maps import atlas


def test_countries_carry_their_iso_alpha3_code():
    shapes = atlas.countries("110m")
    codes = {s.iso3 for s in shapes}
    assert {"TZA", "GHA", "COD", "BRA", "IDN", "SOM"} <= codes
    assert codes - {None} <= {c.alpha_3 for c in pycountry.countries}
    assert [s.name for s in shapes if s.iso3 is None] == ["Kosovo"]  # no ISO 3166-1 code


@pytest.mark.parametrize("code", ["RUS", "FJI", "ATA"])
def test_shapes_across_the_antimeridian_are_cut_for_flat_maps(code):
    [shape] = [s for s in atlas.countries("110m") if s.iso3 == code]
    for ring in shape.rings:
        assert all(-180 <= x <= 180 for x, _ in ring)
        # No step across the map, but along a pole (Antarctica's ring closes along it).
        assert all(abs(b[0] - a[0]) <= 180 or a[1] == b[1] == -90 for a, b in pairwise(ring))
    west, _, east, _ = shape.bounds()
    assert west == -180 and east == 180  # drawn on both edges of the map


def test_antarctica_is_closed_along_the_south_pole():
    [antarctica] = [s for s in atlas.countries("110m") if s.iso3 == "ATA"]
    assert any(y == -90 for ring in antarctica.rings for _, y in ring)


def test_equal_earth_is_symmetric_and_equal_area_at_the_equator():
    assert atlas.equal_earth(0, 0) == (0, 0)
    x, y = atlas.equal_earth(180, 0)
    assert y == 0 and x == pytest.approx(2.7066, abs=1e-3)
    assert atlas.equal_earth(-30, -45) == pytest.approx(tuple(-c for c in atlas.equal_earth(30, 45)))


def test_world_paths_fit_the_width_and_leave_antarctica_out():
    world = atlas.world_paths()
    assert world.width == 960 and 380 < world.height < 460
    assert "ATA" not in {iso3 for iso3, _, _ in world.countries}
    x, y = world.locate(35, -6)  # Tanzania is in the east of Africa, south of the equator
    assert world.width / 2 < x < world.width * 0.65 and world.height / 2 < y < world.height * 0.7


@pytest.mark.parametrize("scale, limit", [("110m", 150_000), ("50m", 600_000)])
def test_basemap_is_land_and_borders_small_enough_to_load(scale, limit):
    body = atlas.basemap(scale)
    assert len(body) < limit
    land, borders = json.loads(body)["features"]
    assert land["geometry"]["type"] == "MultiPolygon" and borders["geometry"]["type"] == "MultiLineString"
    points = [p for polygon in land["geometry"]["coordinates"] for ring in polygon for p in ring]
    assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in points)
    assert len(borders["geometry"]["coordinates"]) > 200


@pytest.mark.usefixtures("with_plugins")
def test_basemap_is_served_cached_and_nothing_else_is(app):
    response = app.get("/asmhub/basemap/110m.geojson")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    assert "max-age" in response.headers["Cache-Control"] and response.headers["ETag"]
    again = app.get("/asmhub/basemap/110m.geojson", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert app.get("/asmhub/basemap/10m.geojson").status_code == 404


def test_shipped_atlas_is_the_pinned_npm_package():
    """The files served are world-atlas's, unchanged (``make atlas`` copies them again)."""
    module = Path(__file__).resolve().parents[2] / "node_modules" / "world-atlas"
    if not module.is_dir():
        pytest.skip("npm packages not installed")
    shipped = files("ckanext.asmhub").joinpath("public", "asmhub", "atlas")
    for name in ("countries-110m.json", "countries-50m.json", "LICENSE"):
        assert shipped.joinpath(name).read_bytes() == (module / name).read_bytes(), name
