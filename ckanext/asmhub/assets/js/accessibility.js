/* What CKAN's pages leave out for keyboard and screen-reader users.
 *
 * - select2 widgets (tags, formats, multiple selects) carry no accessible name:
 *   each is inserted right after its hidden original field, and gets that
 *   field's <label>.
 * - A field's error message is not tied to the field: the field is marked
 *   aria-invalid and described by its message.
 * - The form's error summary (macros/form/errors.html) takes the focus when the
 *   page loads, so the problems are read first.
 */
(function () {
  "use strict";

  function labelFor(field) {
    var label = field.id && document.querySelector('label[for="' + field.id + '"]');
    if (!label) { return null; }
    if (!label.id) { label.id = field.id + "-label"; }
    return label.id;
  }

  function nameSelect2(root) {
    root.querySelectorAll(".select2-hidden-accessible").forEach(function (field) {
      var container = field.nextElementSibling;
      var labelId = labelFor(field);
      if (!labelId || !container || !container.classList.contains("select2-container")) { return; }
      container.querySelectorAll(".select2-selection, .select2-search__field").forEach(function (widget) {
        widget.setAttribute("aria-labelledby", labelId);
      });
    });
  }

  function describeErrors(root) {
    root.querySelectorAll(".error-block").forEach(function (message, index) {
      var group = message.closest(".form-group, .control-group, .controls");
      var field = group && group.querySelector("input:not([type=hidden]), select, textarea");
      if (!field || field.hasAttribute("aria-invalid")) { return; }
      if (!message.id) { message.id = (field.id || "asmhub-field-" + index) + "-error"; }
      var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      described.push(message.id);
      field.setAttribute("aria-describedby", described.join(" "));
      field.setAttribute("aria-invalid", "true");
    });
  }

  function start() {
    nameSelect2(document);
    describeErrors(document);
    var summary = document.querySelector("[data-asmhub-error-summary]");
    if (summary) { summary.focus(); }
    new MutationObserver(function () { nameSelect2(document); })
      .observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
