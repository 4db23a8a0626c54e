/* A live count beside each field with a length limit ("315 / 300"), shown from 80 % of the
   limit, and a warning beyond it. The field itself has no maxlength (a browser would cut a
   paste silently); the server refuses a longer value with a message naming the limit. */
(function () {
  "use strict";
  function length(text) {
    return Array.from(text.trim()).length; // characters, as the server counts them
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-counts]"), function (counter) {
    var field = document.getElementById(counter.dataset.counts);
    if (!field || !field.dataset.maxChars) return;
    var limit = parseInt(field.dataset.maxChars, 10);
    var count = counter.querySelector(".count");
    var warning = counter.querySelector(".too-long");
    function update() {
      var n = length(field.value);
      var over = n > limit;
      counter.hidden = n < limit * 0.8;
      count.textContent = n + " / " + limit;
      counter.classList.toggle("over", over);
      if (warning.hidden === over) warning.hidden = !over; // announced once when it flips
      if (over) field.setAttribute("aria-invalid", "true");
      else if (!field.closest(".has-error")) field.removeAttribute("aria-invalid");
    }
    field.addEventListener("input", update);
    update();
  });
})();
