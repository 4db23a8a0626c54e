"""Moderating a 67-sign-on letter on a 390 px phone, in English, French and Spanish."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from signon import create_app
from signon.letters.services import get_letter
from signon.moderation import decisions
from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.browser import chromium, live_server
from tests.moderation.test_browser_organiser import ORGANISER, sign_in_by_email
from tests.support import Inbox, app_config, free_port

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SIGNON_SHOTS")  # a folder: keep screenshots to look at
# (country, how many) of the confirmed sign-ons: 64, then 3 of them approved, and 3 unconfirmed.
COUNTRIES = [("KE", 20), ("CD", 12), ("CH", 10), ("BI", 8), ("CF", 8), ("FR", 6)]
WORDS = {
    "en": {
        "switch": None,
        "nav": "Sign-ons",
        "confirmed": "confirmed",
        "selected": "3 selected",
        "approve": "Approve selected",
        "done": "3 approved.",
    },
    "fr": {
        "switch": "Français",
        "nav": "Signatures",
        "confirmed": "confirmée",
        "selected": "3 sélectionnées",
        "approve": "Approuver la sélection",
        "done": "3 approuvées.",
    },
    "es": {
        "switch": "Español",
        "nav": "Firmas",
        "confirmed": "confirmada",
        "selected": "3 seleccionadas",
        "approve": "Aprobar las seleccionadas",
        "done": "3 aprobadas.",
    },
}


@pytest.fixture
def base_url() -> str:
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
def app(tmp_path: Path, sqlite_template: Path, inbox: Inbox, base_url: str) -> Iterator[Flask]:
    """The application on a SQLite file, its links on the address the browser visits."""
    path = tmp_path / "signon.db"
    shutil.copy(sqlite_template, path)
    application = create_app(app_config(f"sqlite:///{path}", inbox.port, BASE_URL=base_url))
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def letter_of_67(app, make_letter, organiser, quick_sign_ons, sign) -> None:
    """61 confirmed sign-ons waiting, 3 approved, 3 unconfirmed; most without a website."""
    make_letter()
    organiser(ORGANISER, letters=("climate",))
    ids, start = [], 0
    for country, n in COUNTRIES:
        ids += quick_sign_ons(n, country=country, start=start)
        start += n
    with app.app_context():
        for i, sign_on_id in enumerate(ids):
            s = db.session.get(SignOn, sign_on_id)
            s.website = s.website if i % 6 == 0 else ""  # what most organisations leave out
            s.acronym = f"O{i:03}" if i % 4 == 0 else ""
        decisions.approve(get_letter("climate"), ids[:3], actor="test")
        db.session.commit()
    for i in range(3):
        sign(organisation=f"Unconfirmed {i}", contact_email=f"u{i}@unconfirmed{i}.org")


def within_viewport(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    height = page.evaluate("window.innerHeight")
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def shoot(page, name: str, full_page: bool = True) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=full_page)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_organiser_approves_three_from_the_sticky_bar_on_a_phone(
    app, base_url, letter_of_67, inbox, language
):
    words = WORDS[language]
    with live_server(app, int(base_url.rsplit(":", 1)[1])), chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        page.set_default_timeout(15_000)
        sign_in_by_email(page, app, base_url, inbox)
        if words["switch"]:
            page.get_by_role("link", name=words["switch"]).click()
            page.locator(f"html[lang={language}]").wait_for()
        page.get_by_role("link", name="Joint letter on climate finance").click()
        page.locator("nav.letter-nav").get_by_role("link", name=words["nav"], exact=True).click()
        page.wait_for_load_state()
        print(f"\n{language} 390 px height:", page.evaluate("document.body.scrollHeight"))
        shoot(page, f"{language}-390-opened")

        # It opens on the confirmed sign-ons waiting for approval.
        chosen = page.locator("select[name=status] option:checked")
        assert chosen.inner_text() == words["confirmed"]
        assert page.locator("tr.sign-on").count() == 61
        assert page.locator("tr.sign-on.verified").count() == 61

        bar = page.locator(".bulk-bar")
        boxes = page.locator("tr.sign-on input[name=ids]")
        for i in (0, 1, 2):
            boxes.nth(i).check()
        assert bar.get_by_text(words["selected"]).is_visible()
        assert within_viewport(page, ".bulk-bar")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
        page.wait_for_function("window.scrollY > 1000")
        assert within_viewport(page, ".bulk-bar")
        assert bar.get_by_role("button", name=words["approve"]).is_visible()
        shoot(page, f"{language}-390-scrolled", full_page=False)

        bar.get_by_role("button", name=words["approve"]).click()
        page.get_by_text(words["done"], exact=True).wait_for()
        assert page.locator("tr.sign-on").count() == 58
        shoot(page, f"{language}-390-approved")

        # Every one of the 67 as cards: about 8,900 px (17,900 before the compact cards).
        page.goto(f"{base_url}/organise/letters/climate/sign-ons?status=all")
        assert page.locator("tr.sign-on").count() == 67
        height = page.evaluate("document.body.scrollHeight")
        print(f"{language} 390 px height, all 67:", height)
        assert height < 10_000
        if SHOTS:
            wide = browser.new_page(viewport={"width": 1280, "height": 900})
            wide.context.add_cookies(page.context.cookies())
            wide.goto(page.url)
            print(f"{language} 1280 px height:", wide.evaluate("document.body.scrollHeight"))
            shoot(wide, f"{language}-1280")
