/* Signon embed: the live count of a joint letter and a button to sign it. */
(function () {
  "use strict";
  var here = document.currentScript;
  var box = document.createElement("div");
  box.className = "signon-embed";
  box.setAttribute("style", "font:inherit;border:1px solid #ccc;border-radius:6px;padding:.8em 1em;display:inline-block");
  var count = document.createElement("p");
  count.setAttribute("style", "margin:0 0 .5em");
  count.textContent = "…";
  box.appendChild(count);
  here.parentNode.insertBefore(box, here);
  fetch({{ json_url|tojson }}, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (letter) {
      var title = document.createElement("strong");
      title.textContent = letter.title;
      count.textContent = "";
      count.appendChild(title);
      count.appendChild(document.createTextNode(
        " – " + letter.count + (letter.count === 1 ? " signatory" : " signatories")));
      var link = document.createElement("a");
      link.href = letter.open ? letter.sign_url : letter.url;
      link.textContent = letter.open ? "Sign this letter" : "Read the letter";
      link.className = "signon-sign";
      link.setAttribute("style", "display:inline-block;background:#1a5fb4;color:#fff;padding:.5em 1em;border-radius:4px;text-decoration:none;font-weight:600");
      box.appendChild(link);
    })
    .catch(function () { count.textContent = "Joint letter: see " + {{ json_url|tojson }}; });
})();
