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
      // Before the list is public: everyone who confirmed, as the list page says.
      var n = letter.list_public ? letter.count : letter.signed;
      var counted = (n === 1 ? {{ ngettext("%(num)s signatory", "%(num)s signatories", 1, num="{n}")|tojson }}
        : {{ ngettext("%(num)s signatory", "%(num)s signatories", 2, num="{n}")|tojson }}).replace("{n}", n);
      if (!letter.list_public) { counted += " " + {{ _("(the list of names is published after review)")|tojson }}; }
      count.appendChild(document.createTextNode(" – " + counted));
      var link = document.createElement("a");
      link.href = letter.open ? letter.sign_url : letter.url;
      link.textContent = letter.open ? {{ _("Sign this letter")|tojson }} : {{ _("Read the letter")|tojson }};
      link.className = "signon-sign";
      link.setAttribute("style", "display:inline-block;background:#1a5fb4;color:#fff;padding:.5em 1em;border-radius:4px;text-decoration:none;font-weight:600");
      box.appendChild(link);
    })
    .catch(function () { count.textContent = {{ _("Joint letter: see %(url)s", url=json_url)|tojson }}; });
})();
