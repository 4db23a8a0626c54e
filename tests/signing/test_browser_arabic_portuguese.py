"""An Arabic and a Portuguese signatory sign on a phone, in real Chromium: the letter, the
form's errors, the email (right to left in Arabic) and the thank-you page in their language."""

import os
from pathlib import Path

import pytest

from tests.browser import chromium, live_server
from tests.helpers_db import sign_ons

pytestmark = pytest.mark.browser

WALKS = {
    # browser locale, country, direction, words on the way
    "ar": ("ar-EG", "EG", "rtl", ("وقّع الرسالة", "ضع علامة", "تحقّق من بريدك", "تأكيد توقيعي")),
    "pt": ("pt-BR", "BR", "ltr", ("Assinar a carta", "Marque esta caixa", "Verifique o seu e-mail",
                                  "Confirmar a minha assinatura")),
}  # fmt: skip


@pytest.fixture
def database_url(tmp_path, sqlite_template):
    """The browser test runs on SQLite only: the server thread shares the file."""
    import shutil

    path = tmp_path / "signon.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.mark.parametrize("language", ["ar", "pt"])
def test_a_signatory_signs_in_arabic_or_portuguese_on_a_phone(
    app, make_letter, deliver, inbox, tmp_path, language
):
    locale, country, direction, (sign, consent, check, confirm) = WALKS[language]
    # SIGNON_SCREENSHOTS=/tmp/shots keeps the pictures to look at.
    shots = Path(os.environ.get("SIGNON_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    make_letter(body="Dear Ministers,\n\nWe urge you to act.")
    with live_server(app) as base, chromium() as browser:
        app.config["BASE_URL"] = base
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, locale=locale
        )
        page = context.new_page()

        def shot(name: str) -> None:
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
            page.screenshot(path=str(shots / f"{language}-{name}.png"), full_page=True)

        page.goto(f"{base}/letters/climate")
        assert page.get_attribute("html", "lang") == language
        assert page.evaluate("getComputedStyle(document.body).direction") == direction
        assert sign in page.content()
        shot("1-letter")

        page.fill("#organisation", "شبكة المدافعات" if language == "ar" else "Rede Terra Viva")
        page.select_option("#country", value=country)
        page.fill("#website", "example.org")
        page.fill("#contact_name", "Awa Koné")
        page.fill("#contact_email", "awa@equitas.example.org")
        page.click("form button[type=submit]")
        assert consent in page.locator("#consent-error").inner_text()
        shot("2-error")

        page.check("#consent")
        page.click("form button[type=submit]")
        page.wait_for_url("**/check-email*")
        assert check in page.locator("h1").inner_text()
        shot("3-check-email")

        deliver()
        [message] = inbox.messages
        email = inbox.html(message)
        assert confirm in email
        mail = context.new_page()
        mail.set_content(email)
        assert mail.evaluate("getComputedStyle(document.body).direction") == direction
        mail.screenshot(path=str(shots / f"{language}-4-email.png"), full_page=True)

        page.goto(inbox.link(message))
        shot("5-confirm")
        page.click("main form button[type=submit]")
        assert page.evaluate("getComputedStyle(document.body).direction") == direction
        shot("6-thank-you")

    [row] = sign_ons(app)
    assert (row.country, row.status, row.language) == (country, "verified", language)
