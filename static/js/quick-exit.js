// Quick exit: the button and Shift pressed three times replace this page with a neutral site.
// location.replace keeps this page out of the back button. Without JavaScript the button is a plain link.
(function () {
  "use strict";
  var button = document.getElementById("quick-exit");
  if (!button) return;
  var url = button.getAttribute("data-exit-url") || button.href;
  function leave(event) {
    if (event) event.preventDefault();
    document.body.innerHTML = "";
    document.title = "";
    window.location.replace(url);
  }
  button.addEventListener("click", leave);
  var presses = [];
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = []; return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 1200; });
    presses.push(now);
    if (presses.length >= 3) leave();
  });
  // "Clear and leave" buttons wipe the page too.
  Array.prototype.forEach.call(document.querySelectorAll("[data-clear-and-leave]"), function (el) {
    el.addEventListener("click", function (event) {
      Array.prototype.forEach.call(document.querySelectorAll("form"), function (f) { f.reset(); });
      leave(event);
    });
  });
})();
