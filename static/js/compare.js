// Compare page, progressive enhancement only: everything works without it (sorting and sharing are
// plain links and form fields; the place picker is a text field with the browser's own suggestions).
// With JavaScript: a "Copy link" button.
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
})();
