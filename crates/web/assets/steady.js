// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Sign-up: start the account in the browser's own time zone (it can be changed in Settings).
  document.querySelectorAll("input[data-detect-time-zone]").forEach(function (input) {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone) { input.value = zone; }
    } catch (e) { /* keep the server's default */ }
  });

  // Copy buttons, shown only when the clipboard can be used.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = "Copied";
      });
    });
  });
})();
