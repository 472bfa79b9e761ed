// Quick exit: the button and Shift pressed three times replace this page with a neutral site.
// location.replace keeps this page out of the back button, and the mark read by exit-guard.js makes
// every earlier Recourse page in this tab leave again if Back reaches it. Without JavaScript the
// button is a plain link (and always on screen: it is position: fixed).
(function () {
  "use strict";
  var button = document.getElementById("quick-exit");
  if (!button) return;
  var url = button.getAttribute("data-exit-url") || button.href;
  function leave(event) {
    if (event) event.preventDefault();
    try { sessionStorage.setItem("recourse-left", url); } catch (e) { /* storage blocked: still leave */ }
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
