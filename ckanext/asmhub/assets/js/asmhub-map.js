/* ASM Hub maps, on Leaflet (shipped in assets/vendor/leaflet).
 *
 * asmhub-map:  draws a dataset's extent (GeoJSON) on a map.
 * asmhub-bbox: lets a reader draw a box on the search page; the box becomes
 *              ext_bbox=minx,miny,maxx,maxy in the search URL.
 * Both work with no tile server: the extent is drawn over a plain background
 * and a 30-degree graticule; tiles, when configured, are only decoration.
 */
(function () {
  "use strict";

  function baseMap(el, tilesUrl, attribution) {
    // CKAN reads an empty data-module-* attribute as `true`: only a string is a URL.
    tilesUrl = typeof tilesUrl === "string" ? tilesUrl : "";
    attribution = typeof attribution === "string" ? attribution : "";
    var map = L.map(el, {worldCopyJump: false, minZoom: 1, attributionControl: !!tilesUrl});
    if (tilesUrl) {
      L.tileLayer(tilesUrl, {attribution: attribution, maxZoom: 12}).addTo(map);
    }
    var lines = [];
    for (var lon = -180; lon <= 180; lon += 30) { lines.push([[-90, lon], [90, lon]]); }
    for (var lat = -60; lat <= 60; lat += 30) { lines.push([[lat, -180], [lat, 180]]); }
    L.polyline(lines, {color: "#b8c4cf", weight: 1, interactive: false}).addTo(map);
    map.setView([10, 10], 1);
    return map;
  }

  ckan.module("asmhub-map", function () {
    return {
      options: {extent: null, tiles: "", attribution: ""},
      initialize: function () {
        var map = baseMap(this.el[0], this.options.tiles, this.options.attribution);
        var extent = this.options.extent;
        if (typeof extent === "string") { extent = JSON.parse(extent); }
        var layer = L.geoJSON(extent, {style: {color: "#c0392b", weight: 2, fillOpacity: 0.15}}).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, {padding: [10, 10], maxZoom: 6}); }
        this.el.attr("data-asmhub-drawn", layer.getLayers().length);
      }
    };
  });

  ckan.module("asmhub-bbox", function ($) {
    return {
      options: {bbox: "", tiles: "", attribution: ""},
      initialize: function () {
        var self = this;
        var map = baseMap(this.el[0], this.options.tiles, this.options.attribution);
        var shown = null;
        var parts = String(this.options.bbox || "").split(",").map(Number);
        if (parts.length === 4 && parts.every(isFinite)) {
          shown = L.rectangle([[parts[1], parts[0]], [parts[3], parts[2]]], {color: "#2c7fb8", weight: 2}).addTo(map);
          map.fitBounds(shown.getBounds(), {padding: [10, 10]});
        }
        // Drag on the map to draw a box (the map does not pan while drawing).
        map.dragging.disable();
        var start = null, box = null;
        map.on("mousedown", function (e) {
          start = e.latlng;
          if (box) { map.removeLayer(box); }
          box = L.rectangle([start, start], {color: "#2c7fb8", weight: 2}).addTo(map);
        });
        map.on("mousemove", function (e) {
          if (start) { box.setBounds(L.latLngBounds(start, e.latlng)); }
        });
        map.on("mouseup", function (e) {
          if (!start) { return; }
          var b = L.latLngBounds(start, e.latlng);
          start = null;
          if (b.getWest() === b.getEast() && b.getSouth() === b.getNorth()) {
            map.removeLayer(box);  // a click, not a box
            return;
          }
          self.search(b);
        });
      },
      search: function (b) {
        function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }
        function fix(v) { return Math.round(v * 1000) / 1000; }
        var bbox = [fix(clamp(b.getWest(), -180, 180)), fix(clamp(b.getSouth(), -90, 90)),
                    fix(clamp(b.getEast(), -180, 180)), fix(clamp(b.getNorth(), -90, 90))].join(",");
        var url = new URL(window.location.href);
        url.searchParams.set("ext_bbox", bbox);
        url.searchParams.delete("page");
        window.location.href = url.toString();
      }
    };
  });
})();
