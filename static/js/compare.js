// Compare page, progressive enhancement only: everything works without it (sorting and sharing are
// plain links and form fields). With JavaScript: a "Copy link" button, and the place list can be
// filtered by typing.
(function () {
  "use strict";
  document.documentElement.classList.add("has-js");
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-copy"));
      if (!field) return;
      field.select();
      var done = function () { button.textContent = button.getAttribute("data-done") || "Copied"; };
      if (navigator.clipboard) navigator.clipboard.writeText(field.value).then(done, function () {});
      else if (document.execCommand && document.execCommand("copy")) done();
    });
  });
  var select = document.getElementById("compare-places");
  if (!select) return;
  var box = document.createElement("input");
  box.type = "search";
  box.id = "compare-places-filter";
  box.setAttribute("aria-label", select.getAttribute("data-filter-label") || "Filter places");
  box.setAttribute("placeholder", select.getAttribute("data-filter-label") || "Filter places");
  select.parentNode.insertBefore(box, select);
  box.addEventListener("input", function () {
    var needle = box.value.trim().toLowerCase();
    Array.prototype.forEach.call(select.options, function (option) {
      option.hidden = needle !== "" && option.text.toLowerCase().indexOf(needle) === -1 && !option.selected;
    });
  });
})();
