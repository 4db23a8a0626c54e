/* Filters the list as the visitor types (the form still works without JavaScript). */
(function () {
  "use strict";
  var input = document.querySelector("input[data-filter]");
  if (!input) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(input.dataset.filter));
  var status = document.querySelector(".matches");
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var texts = items.map(function (li) { return fold(li.textContent); });
  input.addEventListener("input", function () {
    var wanted = fold(input.value.trim());
    var shown = 0;
    items.forEach(function (li, i) {
      var hit = !wanted || texts[i].indexOf(wanted) !== -1;
      li.hidden = !hit;
      if (hit) shown += 1;
    });
    if (status) {
      status.hidden = !wanted;
      status.textContent = shown + (shown === 1 ? " match" : " matches");
    }
  });
})();
