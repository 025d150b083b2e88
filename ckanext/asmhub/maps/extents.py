"""Country extents: the bounding boxes of each country's home part in Natural
Earth's 1:50m "admin 0 map subunits" (public domain), shipped in
``data/country_bboxes.csv`` (see ``data/README.md``).
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

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
