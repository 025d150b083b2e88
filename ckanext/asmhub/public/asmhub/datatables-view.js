/* The table preview (ckanext/datatablesview) without inline script: the globals its
   script reads, from this tag's data attributes, and the "Refit" button's handler. */
(function () {
  var tag = document.currentScript;
  window.gdataDict = JSON.parse(tag.getAttribute("data-dictionary"));
  window.gresviewId = tag.getAttribute("data-view-id");
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#refit-button") && window.fitColText) {
      window.fitColText();
    }
  });
})();
