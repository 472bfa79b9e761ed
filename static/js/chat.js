// Guided help niceties. Everything works without this file; it only smooths the way.
(function () {
  "use strict";
  // A screen that answered a POST (an error, or the places a typed name could mean) swaps its history
  // entry for the screen's GET page, so the Back gesture never meets "Confirm Form Resubmission".
  var chat = document.querySelector("[data-step-url]");
  if (chat && window.history && history.replaceState) {
    history.replaceState(null, "", chat.getAttribute("data-step-url"));
  }

  // Move focus to the error summary so screen readers read the problem first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // The place screen: typing a place and choosing one from the list are two ways to answer;
  // using one clears the other so the answer is never ambiguous.
  var text = document.querySelector("[data-place-text]");
  var list = document.querySelector("[data-place-code]");
  if (text && list) {
    list.addEventListener("change", function () { if (list.value) text.value = ""; });
    text.addEventListener("input", function () { if (text.value) list.value = ""; });
  }

  // The printable summary: a real Print button once JavaScript is known to run.
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
