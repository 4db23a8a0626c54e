"""An organiser's journey in real Chromium: sign in from the emailed link, moderate."""

import re
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from signon import create_app
from signon.extensions import db
from signon.letters.services import create_letter
from signon.mail.sender import send_pending
from signon.organisers import accounts
from signon.signing.models import SignOn
from signon.signing.services import SignOnInput, confirm_sign_on, submit_sign_on
from tests.browser import chromium, live_server
from tests.conftest import app_config
from tests.support import Inbox, free_port

pytestmark = pytest.mark.browser


@pytest.fixture
def served(tmp_path: Path, sqlite_template: Path, inbox: Inbox) -> Iterator[tuple[Flask, str]]:
    """The application on a SQLite file, served by werkzeug on a free port."""
    path = tmp_path / "signon.db"
    shutil.copy(sqlite_template, path)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = create_app(app_config(f"sqlite:///{path}", inbox.port, BASE_URL=base))
    with live_server(app, port):
        yield app, base
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def browser_page():  # noqa: ANN201
    """A Chromium page the size of a small phone."""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.set_default_timeout(10_000)
        yield page


def seed() -> None:
    """An open letter, its organiser, and three confirmed sign-ons."""
    letter = create_letter("climate", "Joint letter on climate finance", "Act.", open_now=True)
    accounts.add_organiser("ana@coalition.example.org")
    accounts.add_member(letter, "ana@coalition.example.org", actor="test", is_owner=True)
    for name, country in [("Alpha Aid", "KE"), ("Beta Care", "FR"), ("Gamma Fund", "BR")]:
        sign_on_id = submit_sign_on(
            letter,
            SignOnInput(
                organisation=name,
                country=country,
                contact_name="Contact",
                contact_email=f"{name.split()[0].lower()}@example.org",
            ),
        )
        confirm_sign_on(db.session.get(SignOn, sign_on_id))
    send_pending()


def in_app(app: Flask, fn, *args: object):  # noqa: ANN001, ANN201
    """Run `fn` in an app context on another thread.

    Playwright's sync API keeps an event loop running in this thread, where Flask's
    teardown (through asgiref) refuses to run.
    """

    def run():  # noqa: ANN202
        with app.app_context():
            return fn(*args)

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def decisions() -> dict[str, str]:
    """Each organisation's sign-on status."""
    return dict(db.session.execute(sa.select(SignOn.organisation, SignOn.status)).all())


def fits_the_screen(page) -> bool:  # noqa: ANN001
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_organiser_signs_in_from_the_email_and_moderates(served, browser_page, inbox):
    app, base = served
    in_app(app, seed)
    page = browser_page
    page.goto(f"{base}/organise/sign-in")
    page.get_by_label("Email").fill("ana@coalition.example.org")
    page.get_by_role("button", name="Email me a sign-in link").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    in_app(app, send_pending)
    [message] = inbox.to("ana@coalition.example.org")
    link = re.search(r"http://\S+/organise/sign-in/\S+", inbox.text(message)).group(0)

    page.goto(link)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My letters").wait_for()
    assert fits_the_screen(page)
    page.get_by_role("link", name="Joint letter on climate finance").click()
    page.get_by_role("link", name=re.compile("Moderate 3 confirmed")).click()
    assert fits_the_screen(page)

    page.get_by_label("Select Alpha Aid").check()
    page.get_by_label("Select Gamma Fund").check()
    page.get_by_role("button", name="Approve selected").click()
    page.get_by_text("Approved 2 sign-on(s).").wait_for()
    page.goto(f"{base}/organise/letters/climate/sign-ons?status=verified")
    page.get_by_label("Select Beta Care").check()
    page.get_by_role("button", name="Reject selected").click()
    page.get_by_text("Rejected 1 sign-on(s).").wait_for()

    assert in_app(app, decisions) == {
        "Alpha Aid": "approved",
        "Beta Care": "rejected",
        "Gamma Fund": "approved",
    }
    # The other organiser pages fit a 360px-wide phone too.
    for path in ["sign-ons/1", "edit", "versions", "team", ""]:
        page.goto(f"{base}/organise/letters/climate/{path}")
        assert fits_the_screen(page), path
    page.goto(f"{base}/letters/climate/signatories")
    names = page.locator("ol.signatories .name").all_inner_texts()
    assert names == ["Alpha Aid", "Gamma Fund"]
