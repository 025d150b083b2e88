/* ASM Hub thematic world map (drawn on the server as SVG; see countries/worldmap.py).
 *
 * asmhub-worldmap: the line under the map repeats what the country pointed at, or
 * reached with the Tab key, says (its SVG title), since a browser shows a title on
 * hover only. Screen readers hear the same words from each link's label.
 */
(function () {
  "use strict";

  ckan.module("asmhub-worldmap", function () {
    return {
      initialize: function () {
        var info = this.el[0].querySelector(".asmhub-worldmap-info");
        var svg = this.el[0].querySelector("svg.asmhub-worldmap");
        if (!info || !svg) { return; }
        var hint = info.getAttribute("data-hint") || "";

        function show(target) {
          var path = target && target.closest ? target.closest("path") : null;
          if (!path && target && target.querySelector) { path = target.querySelector("path"); }
          var title = path ? path.querySelector("title") : null;
          info.textContent = title ? title.textContent : hint;
        }
        svg.addEventListener("mouseover", function (e) { show(e.target); });
        svg.addEventListener("focusin", function (e) { show(e.target); });
        svg.addEventListener("mouseleave", function () { info.textContent = hint; });
        svg.addEventListener("focusout", function () { info.textContent = hint; });
      }
    };
  });
})();
