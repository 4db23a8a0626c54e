"""An organiser's whole job in real Chromium, by clicking only, on a desktop and on a phone."""

import csv
import html
import io
import json
import re
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import openpyxl
import pytest
import sqlalchemy as sa
from flask import Flask
from pypdf import PdfReader

from signon import create_app
from signon.accounts import services as accounts
from signon.letters import team
from signon.mail.sender import send_pending
from signon.signing.models import SignOn
from signon.signing.services import SignOnInput, confirm_sign_on, submit_sign_on
from signon.storage.extensions import db
from tests.browser import chromium, live_server
from tests.support import Inbox, app_config, create_letter, free_port

pytestmark = pytest.mark.browser

ORGANISER = "ana@coalition.example.org"
SIGNED = [
    ("Gamma Fund", "", "BR"),
    ("Alpha Aid", "", "KE"),
    ("Human Rights Watch", "", "US"),
    ("Beta Care", "", "FR"),
    ("Human Rights Watch (HRW)", "", "US"),
    ("Réseau Equitas Côte d'Ivoire (REQCI)", "REQCI", "CI"),
]
# The final list after the merge of the two spellings of Human Rights Watch; the acronym
# already ends the name of REQCI, so it is never doubled.
LISTED = [
    "Alpha Aid",
    "Beta Care",
    "Gamma Fund",
    "Human Rights Watch",
    "Réseau Equitas Côte d'Ivoire (REQCI)",
]
DOWNLOADS = [
    ("docx", "Word letter (DOCX)"),
    ("pdf", "PDF letter"),
    ("xlsx", "Excel (XLSX)"),
    ("csv", "CSV"),
    ("txt", "Plain text"),
    ("md", "Markdown"),
    ("html", "HTML fragment"),
    ("json", "JSON"),
]


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
def browser():
    with chromium() as browser:
        yield browser


def seed() -> None:
    """An open letter, its organiser, and confirmed sign-ons (two spellings of one)."""
    letter = create_letter("climate", "Joint letter on climate finance", "Act.", open_now=True)
    accounts.add_organiser(ORGANISER)
    team.add_member(letter, ORGANISER, actor="test", is_owner=True)
    db.session.commit()
    for i, (name, acronym, country) in enumerate(SIGNED):
        data = SignOnInput(
            organisation=name,
            acronym=acronym,
            country=country,
            contact_name=f"Contact {i}",
            contact_email=f"contact{i}@org{i}.example.org",
        )
        confirm_sign_on(db.session.get(SignOn, submit_sign_on(letter, data)))
    db.session.commit()
    send_pending()


def in_app(app: Flask, fn, *args: object):
    """Run `fn` in an app context on another thread.

    Playwright's sync API keeps an event loop running in this thread, where Flask's
    teardown (through asgiref) refuses to run.
    """

    def run():
        with app.app_context():
            return fn(*args)

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def decisions() -> dict[str, str]:
    """Each organisation's sign-on status."""
    return dict(db.session.execute(sa.select(SignOn.organisation, SignOn.status)).all())


def fits_the_screen(page) -> bool:
    page.wait_for_load_state()
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def sign_in_by_email(page, app: Flask, base: str, inbox: Inbox) -> None:
    """Ask for a link on the sign-in page and open it from the email."""
    page.goto(f"{base}/organise/sign-in")
    page.get_by_label("Email").fill(ORGANISER)
    page.get_by_role("button", name="Email me a sign-in link").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    in_app(app, send_pending)
    message = inbox.to(ORGANISER)[-1]
    link = re.search(r"http://\S+/organise/sign-in/\S+", inbox.text(message)).group(0)
    page.goto(link)  # what the mail program does when the link is clicked
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My letters").wait_for()


def nav(page, name: str) -> None:
    """Click a page of the letter area in its navigation, and wait for it."""
    with page.expect_navigation():
        page.get_by_role("navigation", name="This letter").get_by_role("link", name=name).click()


def names_in(fmt: str, path: Path) -> list[str]:
    """The signatories' names as each format's own reader finds them."""
    if fmt == "docx":
        lines = [p.text for p in docx.Document(path).paragraphs if p.text]
    elif fmt == "pdf":
        reader = PdfReader(path)
        lines = "\n".join(p.extract_text() for p in reader.pages).splitlines()
    elif fmt == "xlsx":
        sheet = openpyxl.load_workbook(path).active
        return [row[0].value for row in sheet.iter_rows(min_row=2)]
    elif fmt == "csv":
        return [row[0] for row in csv.reader(io.StringIO(path.read_text("utf-8-sig")))][1:]
    elif fmt == "json":
        return [s["name"] for s in json.loads(path.read_text())["signatories"]]
    else:
        text = path.read_text()
        lines = [
            html.unescape(re.sub(r"<[^>]+>|^[-*] |\\", "", line)) for line in text.splitlines()
        ]
    return [line.strip() for line in lines if line.strip().startswith(tuple(n[:5] for n in LISTED))]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_organiser_does_the_whole_job_by_clicking_only(served, browser, inbox, tmp_path, width):
    app, base = served
    in_app(app, seed)
    page = browser.new_page(viewport={"width": width, "height": 900}, accept_downloads=True)
    page.set_default_timeout(15_000)
    sign_in_by_email(page, app, base, inbox)

    page.get_by_role("link", name="Joint letter on climate finance").click()
    page.get_by_role("heading", name="Overview").wait_for()
    assert page.locator("svg.per-day rect").count() >= 2  # received and confirmed today
    assert page.get_by_text("6 confirmed sign-ons wait for approval.").is_visible()
    assert fits_the_screen(page)

    nav(page, "Sign-ons")
    row = page.locator("table.moderation tbody tr").first
    shown_as = row.evaluate("tr => getComputedStyle(tr).display")
    assert shown_as == ("table-row" if width >= 1024 else "flex")  # a table, or cards
    page.get_by_role("link", name="Select all 6 shown").click()
    page.get_by_role("button", name="Approve selected").click()
    page.get_by_text("6 approved.").wait_for()
    assert set(in_app(app, decisions).values()) == {"approved"}

    nav(page, "Duplicates")
    page.get_by_role("button", name="Merge, keep “Human Rights Watch”").click()
    page.get_by_text("Merged “Human Rights Watch (HRW)” into “Human Rights Watch”.").wait_for()

    nav(page, "Text")
    page.get_by_label("Subject").fill("Re: Climate finance at COP31")
    page.get_by_label("Closing").fill("Sincerely,")
    page.get_by_role("button", name="Save", exact=True).click()
    # The letter has taken signatures: the editor asks before it makes version 2.
    page.get_by_text("Save as version 2 of the text?").wait_for()
    page.get_by_role("button", name="Save as version 2").click()
    page.get_by_text("Saved.").wait_for()
    page.get_by_role("link", name="Close…").click()
    page.get_by_role("button", name="Confirm: make it closed").click()
    page.get_by_role("link", name="Publish…").click()
    page.get_by_role("button", name="Confirm: make it published").click()
    page.get_by_text("The letter is now published.").wait_for()

    nav(page, "Overview")
    downloads = page.get_by_role("region", name="Download the list")
    for fmt, label in DOWNLOADS:
        with page.expect_download() as download:
            downloads.get_by_role("button", name=label, exact=True).click()
        saved = tmp_path / f"{width}.{fmt}"
        download.value.save_as(saved)
        assert names_in(fmt, saved) == LISTED, fmt
    nav(page, "Downloads")
    assert page.get_by_text("5 signatories on the list").is_visible()
    assert fits_the_screen(page)


def test_no_organiser_page_scrolls_sideways_on_a_360px_phone(served, browser, inbox):
    app, base = served
    in_app(app, seed)
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.set_default_timeout(15_000)
    sign_in_by_email(page, app, base, inbox)
    assert fits_the_screen(page)
    page.get_by_role("link", name="Joint letter on climate finance").click()
    visited = []
    for name in ["Overview", "Sign-ons", "Duplicates", "Text", "Versions", "Team", "Downloads"]:
        nav(page, name)
        visited.append((name, fits_the_screen(page)))
    nav(page, "Sign-ons")
    page.get_by_role("link", name="Details #1").click()
    visited.append(("one sign-on", fits_the_screen(page)))
    page.get_by_role("link", name="My letters").click()
    page.get_by_role("link", name="Joint letter on climate finance").click()
    page.get_by_role("link", name="Approve all 6 confirmed").click()
    visited.append(("approve all, second step", fits_the_screen(page)))
    nav(page, "Text")
    page.get_by_label("Closing").fill("Yours,")
    page.get_by_role("button", name="Save", exact=True).click()
    visited.append(("the new-version question", fits_the_screen(page)))
    page.get_by_role("button", name="Save as version 2").click()
    nav(page, "Versions")
    page.get_by_role("link", name="Version 1").click()
    visited.append(("version 1", fits_the_screen(page)))
    page.get_by_role("link", name="My letters").click()
    page.get_by_role("link", name="Notifications").click()
    visited.append(("notifications", fits_the_screen(page)))
    assert [name for name, fits in visited if not fits] == []
