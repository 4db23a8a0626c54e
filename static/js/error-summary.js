/* A form sent back with errors opens on its error summary: the focus goes there, so a screen
   reader reads what is wrong first. Its links go to the fields: the field gets the focus and
   its label comes into view with it (following a fragment alone only scrolls). */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  // Following the page's fragment (a refused sign-on comes back to #sign) takes the focus
  // away again in Chromium: once loaded, it comes back unless the visitor has moved it.
  window.addEventListener("load", function () {
    setTimeout(function () {
      if (document.activeElement === document.body) summary.focus();
    }, 0);
  });
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    (field.closest(".field") || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });
})();
