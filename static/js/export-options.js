/* Sends the export form to the address of the chosen format (export.docx, export.csv, ...).
   A file rather than an inline handler: the content security policy allows no inline script. */
(function () {
  "use strict";
  document.querySelectorAll("form.export-options").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.action = form.action.replace(/export\.\w+$/, "export." + form.fmt.value);
    });
  });
})();
