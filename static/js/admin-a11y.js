// Accessibility repairs for widgets Django's admin builds in the browser (axe: no serious problems).
// - the filter boxes' search icons carry aria-label on a plain <span>: give them role="img";
// - select2 (autocomplete) comboboxes have no accessible name: take the field's own label.
"use strict";
(function () {
  function repair() {
    document.querySelectorAll("span.help-tooltip[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var box = select.parentElement.querySelector(".select2-selection");
      var name = label ? label.textContent.replace(/:\s*$/, "").trim() : select.name;
      if (box) {
        box.setAttribute("aria-label", name);
        var rendered = box.querySelector(".select2-selection__rendered");
        if (rendered) { rendered.setAttribute("aria-label", name); }
      }
    });
  }
  window.addEventListener("load", function () { window.setTimeout(repair, 0); });
  document.addEventListener("change", function () { window.setTimeout(repair, 0); });
})();
