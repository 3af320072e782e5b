// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // The claim check can take a few seconds the first time (the language model loads): say so.
    var form = document.getElementById("claims-form");
    if (form) {
      form.addEventListener("submit", function () {
        var busy = document.getElementById("claims-busy");
        if (busy) { busy.hidden = false; }
        var button = form.querySelector("button[type=submit]");
        if (button) { button.disabled = true; }
      });
    }
    // Blank filter fields are left out of the URL, so shared links stay short.
    Array.prototype.forEach.call(document.querySelectorAll("form.filters"), function (f) {
      f.addEventListener("submit", function () {
        Array.prototype.forEach.call(f.elements, function (el) {
          if (el.name && !el.value) { el.disabled = true; }
        });
      });
    });
    // Map points: keyboard users can focus each mark and read its title.
    Array.prototype.forEach.call(document.querySelectorAll("svg.map circle.point"), function (c) {
      c.setAttribute("tabindex", "0");
      var t = c.querySelector("title");
      if (t) { c.setAttribute("aria-label", t.textContent); }
    });
  });
})();
