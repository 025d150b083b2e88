/* Screen readers: give select2's widgets the name of their field.
 *
 * CKAN's autocomplete fields (tags, formats, scheming multiple selects) are
 * replaced by select2 widgets that carry no accessible name. Each widget is
 * inserted right after the hidden original field; it gets that field's <label>.
 */
(function () {
  "use strict";

  function labelFor(field) {
    var label = field.id && document.querySelector('label[for="' + field.id + '"]');
    if (!label) { return null; }
    if (!label.id) { label.id = field.id + "-label"; }
    return label.id;
  }

  function name(root) {
    root.querySelectorAll(".select2-hidden-accessible").forEach(function (field) {
      var container = field.nextElementSibling;
      var labelId = labelFor(field);
      if (!labelId || !container || !container.classList.contains("select2-container")) { return; }
      container.querySelectorAll(".select2-selection, .select2-search__field").forEach(function (widget) {
        widget.setAttribute("aria-labelledby", labelId);
      });
    });
  }

  function start() {
    name(document);
    new MutationObserver(function () { name(document); })
      .observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
