/* ASM Hub maps, on Leaflet (shipped in assets/vendor/leaflet).
 *
 * asmhub-map:  draws a dataset's extent (GeoJSON) on a map.
 * asmhub-bbox: lets a reader draw a box on the search page; the box becomes
 *              ext_bbox=minx,miny,maxx,maxy in the search URL.
 * Both need no outside server: with no tile server configured they draw the hub's
 * own basemap, Natural Earth's land and borders served by the hub as GeoJSON (the
 * 1:110m file when zoomed out, 1:50m from zoom 4), under a 30-degree graticule;
 * tiles, when configured, replace it and are only decoration: the extent is drawn
 * whether they load or not.
 */
(function () {
  "use strict";

  var DETAIL_FROM_ZOOM = 4;
  var LAND = {color: "#7d8c97", weight: 0.8, fillColor: "#f4efe3", fillOpacity: 1, interactive: false};
  var BORDERS = {color: "#8f9ba5", weight: 0.8, dashArray: "3 2", fill: false, interactive: false};

  function text(value) {
    // CKAN reads an empty data-module-* attribute as `true`: only a string is a value.
    return typeof value === "string" ? value : "";
  }

  function basemapLayer(map, url, done) {
    fetch(url, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (data) {
      var layer = L.geoJSON(data, {
        pane: "asmhub-basemap",
        style: function (feature) { return feature.properties.kind === "land" ? LAND : BORDERS; }
      });
      done(layer);
    }).catch(function () { /* the map stays usable without its basemap */ });
  }

  function addBasemap(map, options) {
    map.createPane("asmhub-basemap").style.zIndex = 250;
    var coarse = null, detail = null, loading = false;
    function show() {
      var close = map.getZoom() >= DETAIL_FROM_ZOOM;
      if (close && !detail && !loading && options.detailUrl) {
        loading = true;
        basemapLayer(map, options.detailUrl, function (layer) { detail = layer; show(); });
      }
      var wanted = close && detail ? detail : coarse;
      [coarse, detail].forEach(function (layer) {
        if (!layer) { return; }
        if (layer === wanted && !map.hasLayer(layer)) { layer.addTo(map); }
        if (layer !== wanted && map.hasLayer(layer)) { map.removeLayer(layer); }
      });
      map.getContainer().setAttribute("data-asmhub-basemap", wanted === detail && detail ? "50m" : (coarse ? "110m" : ""));
    }
    basemapLayer(map, options.url, function (layer) { coarse = layer; show(); });
    map.on("zoomend", show);
  }

  function baseMap(el, options) {
    var tilesUrl = text(options.tiles);
    var map = L.map(el, {worldCopyJump: false, minZoom: 1, attributionControl: true});
    map.attributionControl.setPrefix(false);
    if (tilesUrl) {
      L.tileLayer(tilesUrl, {attribution: text(options.attribution), maxZoom: 12}).addTo(map);
    } else if (text(options.basemap)) {
      map.attributionControl.addAttribution(text(options.basemapAttribution));
      addBasemap(map, {url: text(options.basemap), detailUrl: text(options.basemapDetail)});
    }
    var lines = [];
    for (var lon = -180; lon <= 180; lon += 30) { lines.push([[-90, lon], [90, lon]]); }
    for (var lat = -60; lat <= 60; lat += 30) { lines.push([[lat, -180], [lat, 180]]); }
    L.polyline(lines, {color: "#c3d3de", weight: 1, interactive: false}).addTo(map);
    map.setView([10, 10], 1);
    return map;
  }

  ckan.module("asmhub-map", function () {
    return {
      options: {extent: null, tiles: "", attribution: "", basemap: "", basemapDetail: "", basemapAttribution: ""},
      initialize: function () {
        var map = baseMap(this.el[0], this.options);
        var extent = this.options.extent;
        if (typeof extent === "string") { extent = JSON.parse(extent); }
        var layer = L.geoJSON(extent, {style: {color: "#c0392b", weight: 2, fillOpacity: 0.15}}).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, {padding: [16, 16], maxZoom: 5, animate: false}); }
        this.el.attr("data-asmhub-drawn", layer.getLayers().length);
      }
    };
  });

  ckan.module("asmhub-bbox", function ($) {
    return {
      options: {bbox: "", tiles: "", attribution: "", basemap: "", basemapDetail: "", basemapAttribution: ""},
      initialize: function () {
        var self = this;
        var map = baseMap(this.el[0], this.options);
        var shown = null;
        var parts = String(this.options.bbox || "").split(",").map(Number);
        if (parts.length === 4 && parts.every(isFinite)) {
          shown = L.rectangle([[parts[1], parts[0]], [parts[3], parts[2]]], {color: "#2c7fb8", weight: 2}).addTo(map);
          map.fitBounds(shown.getBounds(), {padding: [16, 16], maxZoom: 5, animate: false});
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
