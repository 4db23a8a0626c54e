"""On a phone (390 px), in English, French and Spanish: jump to the form, make a mistake, fix it,
sign, press Back without resending anything, and confirm from the email."""

import shutil
from pathlib import Path

import pytest

from tests.browser import chromium, live_server
from tests.helpers_db import sign_ons

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
# A letter as long as real ones: 24 paragraphs of about 70 words.
PARAGRAPH = (
    "We, the undersigned organisations, urge the ministers meeting this year to agree on a "
    "financing goal that answers the needs of the communities most affected by the climate "
    "crisis, with public money first, grants before loans, and a fair share for adaptation, "
    "loss and damage. We ask that civil society has a seat at the table where this money is "
    "decided, and that every commitment is reported in full, every year, in public."
)
LONG_LETTER = "Dear Ministers,\n\n" + "\n\n".join([PARAGRAPH] * 24) + "\n\nYours sincerely,"

WORDS = {
    "en": {
        "sign_top": "Sign this letter",
        "missing": "Enter your organisation's name.",
        "check": "Check your email",
        "thanks": "Thank you: your signature is confirmed",
    },
    "fr": {
        "sign_top": "Signer cette lettre",
        "missing": "Saisissez le nom de votre organisation.",
        "check": "Consultez votre messagerie",
        "thanks": "Merci : votre signature est confirmée",
    },
    "es": {
        "sign_top": "Firmar esta carta",
        "missing": "Indique el nombre de su organización.",
        "check": "Revise su correo electrónico",
        "thanks": "Gracias: su firma está confirmada",
    },
}


@pytest.fixture
def database_url(tmp_path, sqlite_template):
    """The browser test runs on SQLite only: the server thread shares the file."""
    path = tmp_path / "signon.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_sign_on_a_phone_with_one_mistake_and_back(app, make_letter, deliver, inbox, lang):
    make_letter(body=LONG_LETTER)
    words, email = WORDS[lang], f"awa.{lang}@equitas.example.org"
    SHOTS.mkdir(exist_ok=True)

    def shot(step: str) -> None:
        page.screenshot(path=str(SHOTS / f"{lang}-{step}.png"))

    with live_server(app) as base, chromium() as browser:
        app.config["BASE_URL"] = base
        page = browser.new_page(
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
        )
        posts: list[str] = []
        page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)

        page.goto(f"{base}/letters/climate?lang={lang}")
        height = page.evaluate("document.body.scrollHeight")
        print(f"{lang}: the letter page is {height} px tall at 390 px")
        shot("1-letter")
        top = page.locator(".sign-summary a[href='#sign']")
        assert top.inner_text() == words["sign_top"] and top.is_visible()
        top.tap()
        page.wait_for_url("**#sign")
        assert page.locator("#organisation").is_visible(), "the form is one tap away"
        shot("2-form")

        # One mistake: no organisation name. The form comes back with it, and what was typed.
        page.fill("#contact_name", "Awa Koné")
        page.fill("#contact_email", email)
        page.select_option("#country", value="CI")
        page.check("#consent")
        with page.expect_navigation():
            page.locator("section.sign button[type=submit]").last.tap()
        assert page.locator("#organisation-error").inner_text() == words["missing"]
        assert page.url == f"{base}/letters/climate#sign", "the page after an error is a GET"
        assert page.input_value("#contact_email") == email
        assert page.locator("#organisation").is_visible()
        shot("3-error")

        page.fill("#organisation", "Réseau Equitas Côte d'Ivoire")
        page.locator("section.sign button[type=submit]").last.tap()
        page.wait_for_url("**/check-email")
        assert words["check"] in page.locator("h1").inner_text()
        shot("4-check-email")
        assert len(posts) == 2

        # Back: the letter again, fetched afresh; nothing is sent a second time.
        page.go_back()
        page.wait_for_load_state()
        assert page.url == f"{base}/letters/climate#sign"
        assert page.locator("h1").inner_text() == "Joint letter on climate finance"
        assert page.locator("#organisation-error").count() == 0
        assert len(posts) == 2, f"Back sent a form again: {posts}"
        shot("5-back")

        deliver()
        [message] = inbox.to(email)
        page.goto(inbox.link(message))
        shot("6-confirm")
        with page.expect_navigation():
            page.locator("main button[type=submit]").tap()
        assert page.locator("h1").inner_text() == words["thanks"]
        shot("7-thanks")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

    [row] = sign_ons(app)
    assert (row.organisation, row.contact_email, row.status, row.language) == (
        "Réseau Equitas Côte d'Ivoire",
        email,
        "verified",
        lang,
    )
