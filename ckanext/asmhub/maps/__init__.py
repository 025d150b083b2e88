"""Places on maps, for the core plugin's pages and for the rooms that draw maps.

- ``atlas``: Natural Earth's countries, land and borders (the hub's own basemap);
- ``extents``: each country's bounding box, and a dataset's extent from its countries;
- ``settings``: the tile source and attribution the map templates need;
- ``views``: the basemap as GeoJSON, served at ``/asmhub/basemap/<scale>.geojson``.
"""
