"""Going through the import pages as an organiser would: link, upload, columns, preview."""

import io
import re
from html import unescape

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from signon.letters.services import get_letter
from signon.signing.models import SignOn
from signon.signing.services import SignOnInput, submit_sign_on
from signon.storage.extensions import db
from tests.support import csrf_token


def link(html: str, text: str) -> str:
    """The address of the link whose text is `text`."""
    match = re.search(rf'<a href="([^"]+)">{re.escape(text)}</a>', html)
    assert match, f"no link {text!r}"
    return unescape(match.group(1))


def chosen_columns(html: str) -> dict[str, str]:
    """The columns page's selects with the option each has selected."""
    found = {}
    for name, options in re.findall(
        r'<select id="[^"]+" name="([^"]+)">(.*?)</select>', html, re.S
    ):
        selected = re.search(r'<option value="([^"]*)" selected>', options)
        found[name] = selected.group(1) if selected else ""
    return found


def upload(
    client: FlaskClient,
    slug: str,
    data: bytes | None = None,
    name: str = "list.csv",
    pasted: str = "",
):
    """From the letter's organiser page, follow "Import sign-ons" and send a file or text."""
    letter_page = client.get(f"/organise/letters/{slug}/")
    start = link(letter_page.text, "Import sign-ons")
    page = client.get(start)
    form = {"csrf_token": csrf_token(page.text), "pasted": pasted}
    if data is not None:
        form["file"] = (io.BytesIO(data), name)
    return client.post(start, data=form, content_type="multipart/form-data")


def choose_columns(client: FlaskClient, columns_url: str, status: str, **overrides: str):
    """Keep the page's guesses (or override some), choose the status, go to the preview."""
    page = client.get(columns_url)
    assert page.status_code == 200
    form = {**chosen_columns(page.text), "status": status, **overrides}
    form["csrf_token"] = csrf_token(page.text)
    sheet = re.search(r'name="sheet" value="([^"]*)"', page.text)
    if sheet and "sheet" not in overrides:
        form["sheet"] = unescape(sheet.group(1))
    return client.post(columns_url, data=form)


def import_file(
    client: FlaskClient,
    slug: str,
    data: bytes,
    status: str = "approved",
    name: str = "list.csv",
    skip: bool = False,
):
    """Upload, keep the guessed columns, confirm on the preview; the response after it."""
    sent = upload(client, slug, data, name)
    assert sent.status_code == 303, sent.text
    preview_url = choose_columns(client, sent.headers["Location"], status).headers["Location"]
    page = client.get(preview_url)
    form = {"csrf_token": csrf_token(page.text), "action": "import"}
    if skip:
        form["skip_problems"] = "yes"
    return client.post(preview_url, data=form, follow_redirects=True)


def existing(app: Flask, slug: str, name: str, country: str, email: str, **extra: str) -> int:
    """A sign-on that came through the form before the import."""
    with app.app_context():
        return submit_sign_on(
            get_letter(slug),
            SignOnInput(
                organisation=name,
                country=country,
                contact_name="Someone",
                contact_email=email,
                **extra,
            ),
        )


def stored(app: Flask, slug: str) -> list[tuple[str, str, str, str]]:
    """(organisation, country, email, status) of every sign-on, in order."""
    with app.app_context():
        letter = get_letter(slug)
        return [
            tuple(row)
            for row in db.session.execute(
                sa.select(SignOn.organisation, SignOn.country, SignOn.contact_email, SignOn.status)
                .where(SignOn.letter_id == letter.id)
                .order_by(SignOn.id)
            )
        ]


def flashes(html: str) -> list[str]:
    """The messages flashed on a page."""
    return [
        unescape(m) for m in re.findall(r'<p class="flash[^"]*" role="status">([^<]*)</p>', html)
    ]
