"""``/asmhub/basemap/<scale>.geojson``: Natural Earth's land and borders
(``atlas.basemap``) for the Leaflet maps when no tile server is configured."""
from __future__ import annotations

from flask import Blueprint, Response, request

import ckan.plugins.toolkit as tk

from . import atlas

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
