"""The settings the hub's Leaflet maps need: a tile server when one is configured,
else the hub's own basemap (``views.py``)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


def tiles_url() -> str:
    """The tile server's URL template: ours, else ckanext-spatial's custom common map."""
    url = tk.config.get("ckanext.asmhub.map.tiles_url") or ""
    if not url and tk.config.get("ckanext.spatial.common_map.type") == "custom":
        url = (tk.config.get("ckanext.spatial.common_map.custom_url")
               or tk.config.get("ckanext.spatial.common_map.custom.url") or "")
    return url


def map_config() -> dict[str, str]:
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
