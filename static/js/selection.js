/* The moderation list's sticky bar says how many sign-ons are ticked ("3 selected").
   Without JavaScript the bar still holds its buttons; only the count stays hidden. */
(function () {
  "use strict";
  var output = document.querySelector("output[data-selected-one]");
  if (!output) return;
  var form = output.closest("form");
  var rules = window.Intl && Intl.PluralRules
    ? new Intl.PluralRules(document.documentElement.lang || "en")
    : null;
  function update() {
    var n = form.querySelectorAll('input[name="ids"]:checked').length;
    var one = rules ? rules.select(n) === "one" : n === 1;
    var words = one ? output.dataset.selectedOne : output.dataset.selectedOther;
    output.textContent = words.replace("{n}", String(n));
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "ids") update();
  });
  // The browser may restore ticks on Back: count what it restored.
  window.addEventListener("pageshow", update);
  output.hidden = false;
  update();
})();
