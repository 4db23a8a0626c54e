"""A person signs a letter on a phone, in real Chromium, and confirms from the email."""

import pytest

from tests.browser import chromium, live_server
from tests.helpers_db import sign_ons

pytestmark = pytest.mark.browser


@pytest.fixture
def database_url(tmp_path, sqlite_template):
    """The browser test runs on SQLite only: the server thread shares the file."""
    import shutil

    path = tmp_path / "signon.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def test_sign_on_from_a_phone(app, make_letter, deliver, inbox, tmp_path):
    make_letter(body="Dear Ministers,\n\nWe urge you to act.")
    with live_server(app) as base, chromium() as browser:
        app.config["BASE_URL"] = base
        page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        page.goto(f"{base}/letters/climate")
        assert page.locator("h1").inner_text() == "Joint letter on climate finance"

        # A first try without consent shows the error at the field and keeps what was typed.
        page.fill("#organisation", "Réseau Equitas Côte d'Ivoire")
        page.fill("#acronym", "REQCI")
        page.select_option("#country", label="Côte d'Ivoire")
        page.fill("#website", "equitas.example.org")
        page.fill("#contact_name", "Awa Koné")
        page.fill("#contact_email", "awa@equitas.example.org")
        page.click("button[type=submit]")
        assert "Tick this box" in page.locator("#consent-error").inner_text()
        assert page.input_value("#organisation") == "Réseau Equitas Côte d'Ivoire"

        page.check("#consent")
        page.click("button[type=submit]")
        page.wait_for_url("**/check-email*")
        assert "Check your email" in page.locator("h1").inner_text()
        page.screenshot(path=str(tmp_path / "check-email.png"))

        deliver()
        page.goto(inbox.link(inbox.messages[0]))
        page.click("button:has-text('Confirm')")
        assert "confirmed" in page.locator("h1").inner_text()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "the page scrolls sideways on a phone"

    [row] = sign_ons(app)
    assert (row.organisation, row.country, row.status) == (
        "Réseau Equitas Côte d'Ivoire",
        "CI",
        "verified",
    )
