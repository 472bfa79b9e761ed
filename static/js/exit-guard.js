// Loaded first, before the page is drawn. After a quick exit, the Back button must never show this
// site again: the exit marks this tab (sessionStorage, which dies with the tab and is never sent to
// the server), and any Recourse page reached by Back or Forward hides itself and leaves at once.
// Arriving by a link or a typed address clears the mark, so the site works again in that tab.
(function () {
  "use strict";
  var KEY = "recourse-left";
  function away() {
    var target;
    try { target = sessionStorage.getItem(KEY); } catch (e) { return false; }
    if (!target) return false;
    document.documentElement.style.display = "none";
    window.location.replace(target);
    return true;
  }
  var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  if (nav && nav.type === "back_forward") {
    away();
  } else {
    try { sessionStorage.removeItem(KEY); } catch (e) { /* storage blocked: nothing to clear */ }
  }
  // A page restored from the back-forward cache runs no scripts again, only this event.
  window.addEventListener("pageshow", function (event) { if (event.persisted) away(); });
})();
