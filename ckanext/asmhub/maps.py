"""Places on maps: country extents, the map settings templates need, and the basemap.

Country extents are the bounding boxes of each country's home part in Natural
Earth's 1:50m "admin 0 map subunits" (public domain), shipped in
``data/country_bboxes.csv`` (see ``data/README.md``).

The Leaflet maps draw Natural Earth's land and borders (``atlas.basemap``, served at
``/asmhub/basemap/<scale>.geojson``) unless a tile server is configured.
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from flask import Blueprint, Response, request

import ckan.plugins.toolkit as tk

from . import atlas

Box = tuple[float, float, float, float]


@lru_cache(maxsize=1)
def country_boxes() -> dict[str, Box]:
    """ISO 3166-1 alpha-3 code to (min_lon, min_lat, max_lon, max_lat)."""
    path = files("ckanext.asmhub").joinpath("data", "country_bboxes.csv")
    with path.open(encoding="utf-8") as f:
        return {row["iso3"]: (float(row["min_lon"]), float(row["min_lat"]),
                              float(row["max_lon"]), float(row["max_lat"]))
                for row in csv.DictReader(f)}


def box_polygon(box: Box) -> dict[str, Any]:
    """A GeoJSON polygon for a bounding box (counter-clockwise, closed)."""
    minx, miny, maxx, maxy = box
    ring = [[minx, miny], [maxx, miny], [maxx, maxy], [minx, maxy], [minx, miny]]
    return {"type": "Polygon", "coordinates": [ring]}


def countries_extent(codes: list[str]) -> str | None:
    """The GeoJSON (as stored in ``spatial``) of the box around some countries."""
    boxes = [country_boxes()[c] for c in codes if c in country_boxes()]
    if not boxes:
        return None
    union = (min(b[0] for b in boxes), min(b[1] for b in boxes),
             max(b[2] for b in boxes), max(b[3] for b in boxes))
    return json.dumps(box_polygon(union))


def tiles_url() -> str:
    """The tile server's URL template: ours, else ckanext-spatial's custom common map."""
    url = tk.config.get("ckanext.asmhub.map.tiles_url") or ""
    if not url and tk.config.get("ckanext.spatial.common_map.type") == "custom":
        url = (tk.config.get("ckanext.spatial.common_map.custom_url")
               or tk.config.get("ckanext.spatial.common_map.custom.url") or "")
    return url


def asmhub_map_config() -> dict[str, str]:
    """Tile source and attribution for the hub's maps; with no tile server (the default)
    the maps draw the hub's own basemap, whose URLs are given too."""
    url = tiles_url()
    attribution = tk.config.get("ckanext.asmhub.map.attribution") or ""
    if url and not attribution and not tk.config.get("ckanext.asmhub.map.tiles_url"):
        attribution = tk.config.get("ckanext.spatial.common_map.attribution") or ""
    return {
        "tiles_url": url,
        "attribution": attribution,
        "basemap_url": tk.url_for("asmhub_basemap.geojson", scale="110m"),
        "basemap_detail_url": tk.url_for("asmhub_basemap.geojson", scale="50m"),
        "basemap_attribution": tk._("Land and borders: Natural Earth"),
    }


basemap = Blueprint("asmhub_basemap", __name__)


@basemap.route("/asmhub/basemap/<scale>.geojson")
def geojson(scale: str) -> Response:
    """Land and borders as GeoJSON, the same for every visitor: cached by browsers."""
    if scale not in atlas.SCALES:
        return tk.abort(404)
    response = Response(atlas.basemap(scale), mimetype="application/geo+json")
    response.headers["Cache-Control"] = "public, max-age=86400"
    response.add_etag()
    return response.make_conditional(request)
