"""Reading organiser pages as a browser would: links by their words, forms as they submit."""

import lxml.html
from flask.testing import FlaskClient
from werkzeug.test import TestResponse


def link(html: str, text: str) -> str:
    """The href of the first link whose words contain `text`."""
    page = lxml.html.fromstring(html)
    for a in page.iter("a"):
        if text in a.text_content():
            return a.get("href")
    raise AssertionError(f"no link {text!r} on the page")


def links(html: str, selector: str) -> list[tuple[str, str]]:
    """(words, href) of the links under a CSS-like path such as 'nav.letter-nav'."""
    tag, _, cls = selector.partition(".")
    page = lxml.html.fromstring(html)
    found = page.xpath(f"//{tag}[contains(concat(' ', @class, ' '), ' {cls} ')]//a")
    return [(" ".join(a.text_content().split()), a.get("href")) for a in found]


def _forms_and_buttons(page: lxml.html.HtmlElement) -> list[tuple[object, object]]:
    """Each button with the form it submits: its own, or the one its `form` attribute names."""
    pairs = [(form, b) for form in page.forms for b in form.xpath(".//button")]
    for b in page.xpath("//button[@form]"):
        named = page.xpath(f"//form[@id='{b.get('form')}']")
        if named:
            pairs.insert(0, (named[0], b))
    return pairs


def press(
    client: FlaskClient, html: str, button: str, at: str = "", **extra: object
) -> TestResponse:
    """Submit the form holding the button with these words, with what is filled in or ticked.

    `at` is the page's own address, where a form without an action posts.
    """
    page = lxml.html.fromstring(html)
    for form, b in _forms_and_buttons(page):
        if button in b.text_content():
            data: dict[str, list[str]] = {}
            for name, value in form.form_values():
                data.setdefault(name, []).append(value)
            if b.get("name"):
                data.setdefault(b.get("name"), []).append(b.get("value", ""))
            for name, value in extra.items():
                data[name] = value if isinstance(value, list) else [str(value)]
            action = b.get("formaction") or form.get("action") or at
            return client.post(action, data=data)
    raise AssertionError(f"no button {button!r} on the page")


def checked(html: str) -> list[str]:
    """The values of the ticked sign-on boxes."""
    return lxml.html.fromstring(html).xpath("//input[@name='ids'][@checked]/@value")


def text(html: str) -> str:
    """The page's words, white space collapsed."""
    return " ".join(lxml.html.fromstring(html).text_content().split())


def press_download(client: FlaskClient, html: str, fmt: str) -> TestResponse:
    """Press the download button of this format (its form posts to `.../export.FMT?...`)."""
    for form in lxml.html.fromstring(html).forms:
        action = form.get("action") or ""
        if action.split("?")[0].endswith(f"/export.{fmt}"):
            return client.post(action, data=dict(form.form_values()))
    raise AssertionError(f"no {fmt} download button on the page")
