"""Natural Earth's countries, land and borders: the hub's own basemap, no tile server needed.

The geography is Natural Earth 4.1.0 (public domain) as packaged by the npm module
``world-atlas`` 2.0.2 (ISC), shipped unchanged in ``public/asmhub/atlas/`` (see the
README there). TopoJSON stores each border once as an "arc"; a country is a list of
rings made of arcs, and its ``id`` is its ISO 3166-1 numeric code.

Three things are made from it here, each computed once per process:

- ``countries()``: every country's rings in longitude/latitude, with its alpha-3 code,
  cut at the antimeridian so that they can be drawn on a flat map;
- ``world_paths()``: the same projected with Equal Earth (an equal-area projection, so
  that a choropleth does not exaggerate the far north) as SVG path data;
- ``basemap()``: land and borders as GeoJSON for the Leaflet maps.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from itertools import pairwise
from importlib.resources import files
from typing import Any, Iterable, NamedTuple

import pycountry

SCALES = ("110m", "50m")
Point = tuple[float, float]
Ring = list[Point]

# Shapes Natural Earth draws without an ISO code of their own, shown with the country
# the United Nations counts them in. Kosovo has no ISO 3166-1 code and stays unlinked.
WITHOUT_CODE = {"Somaliland": "SOM", "N. Cyprus": "CYP"}
# Left off the thematic maps: no ASM, and it would take a fifth of the height.
NOT_ON_WORLD_MAPS = ("ATA",)


class Shape(NamedTuple):
    iso3: str | None
    name: str
    rings: list[Ring]  # outer rings and holes alike; draw with the even-odd rule

    def bounds(self) -> tuple[float, float, float, float]:
        xs = [x for ring in self.rings for x, _ in ring]
        ys = [y for ring in self.rings for _, y in ring]
        return min(xs), min(ys), max(xs), max(ys)


def data_path(scale: str) -> Any:
    if scale not in SCALES:
        raise ValueError(scale)
    return files("ckanext.asmhub").joinpath("public", "asmhub", "atlas", f"countries-{scale}.json")


@lru_cache(maxsize=len(SCALES))
def topology(scale: str) -> dict[str, Any]:
    with data_path(scale).open(encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=len(SCALES))
def _arcs(scale: str) -> list[list[Point]]:
    """The arcs in degrees (TopoJSON stores them quantised and delta-encoded)."""
    topo = topology(scale)
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _line(arcs: list[list[Point]], indexes: Iterable[int]) -> Ring:
    """Arcs joined into one line; a negative index ``~i`` is arc ``i`` reversed."""
    points: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


def _unwrap(ring: Ring) -> Ring:
    """Longitudes made continuous: a step across the antimeridian goes past ±180."""
    out = [ring[0]]
    shift = 0.0
    for (x0, _), (x1, y1) in pairwise(ring):
        if x1 - x0 > 180:
            shift -= 360
        elif x0 - x1 > 180:
            shift += 360
        out.append((x1 + shift, y1))
    return out


def _crossing(a: Point, b: Point, edge: float) -> Point:
    t = (edge - a[0]) / (b[0] - a[0])
    return edge, a[1] + t * (b[1] - a[1])


def _clip(ring: Ring, edge: float, keep_west: bool) -> Ring:
    """The part of a ring on one side of the meridian ``edge`` (Sutherland-Hodgman)."""
    def inside(p: Point) -> bool:
        return p[0] <= edge if keep_west else p[0] >= edge
    out: Ring = []
    for a, b in pairwise(ring + ring[:1]):
        if inside(b):
            if not inside(a):
                out.append(_crossing(a, b, edge))
            out.append(b)
        elif inside(a):
            out.append(_crossing(a, b, edge))
    return out


def split_ring(ring: Ring) -> list[Ring]:
    """A ring as a flat map can draw it: cut where it crosses the antimeridian, and a ring
    round a pole (Antarctica) closed along that pole."""
    flat = _unwrap(ring)
    if abs(flat[-1][0] - flat[0][0]) > 180:
        pole = -90.0 if sum(y for _, y in flat) < 0 else 90.0
        flat = flat + [(flat[-1][0], pole), (flat[0][0], pole)]
    low, high = min(x for x, _ in flat), max(x for x, _ in flat)
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        if high + shift <= -180 or low + shift >= 180:
            continue
        moved = [(x + shift, y) for x, y in flat]
        piece = _clip(_clip(moved, 180.0, True), -180.0, False)
        if len(piece) >= 3:
            pieces.append(piece + [piece[0]])
    return pieces


@lru_cache(maxsize=len(SCALES))
def countries(scale: str = "110m") -> tuple[Shape, ...]:
    """Every country of the atlas, with its ISO 3166-1 alpha-3 code where it has one."""
    numeric = {c.numeric: c.alpha_3 for c in pycountry.countries}
    arcs = _arcs(scale)
    shapes = []
    for geometry in topology(scale)["objects"]["countries"]["geometries"]:
        name = (geometry.get("properties") or {}).get("name", "")
        rings = [piece for polygon in _polygons(geometry) for ring in polygon
                 for piece in split_ring(_line(arcs, ring))]
        if rings:
            shapes.append(Shape(numeric.get(geometry.get("id", "")) or WITHOUT_CODE.get(name), name, rings))
    return tuple(shapes)


# Equal Earth (Šavrič, Patterson and Jenny, 2018) ---------------------------------

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> Point:
    """Projected x, y (north up, in units of the Earth's radius)."""
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = math.radians(lon) * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def path_data(rings: Iterable[Iterable[Point]]) -> str:
    """SVG path data of rings already in pixels: relative moves, 0.1 px precision,
    points that round onto the previous one left out."""
    parts = []
    for ring in rings:
        tenths = []
        for x, y in ring:
            p = (round(x * 10), round(y * 10))
            if not tenths or p != tenths[-1]:
                tenths.append(p)
        if len(tenths) < 4:
            continue
        x0, y0 = tenths[0]
        steps = "".join(f"l{(b[0] - a[0]) / 10:g} {(b[1] - a[1]) / 10:g}" for a, b in pairwise(tenths[:-1]))
        parts.append(f"M{x0 / 10:g} {y0 / 10:g}{steps}z")
    return "".join(parts)


class WorldPaths(NamedTuple):
    width: int
    height: int
    sphere: str                                 # the outline of the world (the sea)
    graticule: str                              # every 30 degrees
    countries: tuple[tuple[str | None, str, str], ...]   # (iso3, Natural Earth name, path data)
    origin: tuple[float, float, float]          # left, top (projected) and pixels per unit

    def locate(self, lon: float, lat: float) -> Point:
        """Where a place is on the map, in pixels."""
        x, y = equal_earth(lon, lat)
        left, top, k = self.origin
        return (x - left) * k, (top - y) * k + _MARGIN


_MARGIN = 4


@lru_cache(maxsize=2)
def world_paths(width: int = 960, scale: str = "110m") -> WorldPaths:
    """The countries projected with Equal Earth and fitted to ``width`` pixels
    (Antarctica left out, the height cropped to the land drawn)."""
    shapes = [s for s in countries(scale) if s.iso3 not in NOT_ON_WORLD_MAPS]
    projected = [[[equal_earth(x, y) for x, y in ring] for ring in s.rings] for s in shapes]
    ys = [y for rings in projected for ring in rings for _, y in ring]
    left, right = equal_earth(-180, 0)[0], equal_earth(180, 0)[0]
    top, bottom = max(ys), min(ys)
    k = width / (right - left)

    def px(p: Point) -> Point:
        return (p[0] - left) * k, (top - p[1]) * k + _MARGIN

    height = math.ceil((top - bottom) * k) + 2 * _MARGIN
    edge = [equal_earth(180, lat / 2) for lat in range(-180, 181)]
    sphere = path_data([[px(p) for p in edge + [(-x, y) for x, y in reversed(edge)] + edge[:1]]])
    lines = [[equal_earth(lon, lat) for lat in range(-90, 91, 5)] for lon in range(-150, 180, 30)]
    # Parallels are straight in Equal Earth: their two ends are enough.
    lines += [[equal_earth(lon, lat) for lon in (-180, 180)] for lat in range(-60, 61, 30)]
    graticule = "".join(
        "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in (px(p) for p in line)) for line in lines)
    paths = tuple((s.iso3, s.name, path_data([[px(p) for p in ring] for ring in rings]))
                  for s, rings in zip(shapes, projected, strict=True))
    return WorldPaths(width, height, sphere, graticule, paths, (left, top, k))


# Land and borders for Leaflet --------------------------------------------------

# Leaflet draws 110m when zoomed out and 50m closer in; 0.03 degree (about 3 km) is
# about a pixel at zoom 6, the closest the hub's maps go.
_SIMPLIFY = {"110m": 0.0, "50m": 0.03}


def _simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the points needed to stay within ``tolerance`` of the line."""
    if tolerance <= 0 or len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        far, index = 0.0, 0
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else math.hypot(x - x1, y - y1)
            if d > far:
                far, index = d, i
        if far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _rounded(ring: Ring) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(x, 2), round(y, 2)]
        if not out or p != out[-1]:
            out.append(p)
    return out


@lru_cache(maxsize=len(SCALES))
def basemap(scale: str = "110m") -> bytes:
    """GeoJSON of the land (coastlines as its outline) and of the borders between countries."""
    arcs = [_simplify(arc, _SIMPLIFY[scale]) for arc in _arcs(scale)]
    objects = topology(scale)["objects"]
    land = []
    for geometry in objects["land"]["geometries"]:
        for polygon in _polygons(geometry):
            rings = [_rounded(piece) for ring in polygon for piece in split_ring(_line(arcs, ring))]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                land.append(rings)
    # An arc that two countries use is a border between them.
    users: dict[int, set[int]] = {}
    for n, geometry in enumerate(objects["countries"]["geometries"]):
        for polygon in _polygons(geometry):
            for ring in polygon:
                for i in ring:
                    users.setdefault(i if i >= 0 else ~i, set()).add(n)
    borders = []
    for i in sorted(i for i, who in users.items() if len(who) > 1):
        line = [arcs[i][0]]
        for a, b in pairwise(arcs[i]):
            if abs(b[0] - a[0]) > 180:  # across the antimeridian: start a new line
                borders.append(_rounded(line))
                line = []
            line.append(b)
        borders.append(_rounded(line))
    features = [
        {"type": "Feature", "properties": {"kind": "land"},
         "geometry": {"type": "MultiPolygon", "coordinates": land}},
        {"type": "Feature", "properties": {"kind": "borders"},
         "geometry": {"type": "MultiLineString", "coordinates": [b for b in borders if len(b) > 1]}},
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()
