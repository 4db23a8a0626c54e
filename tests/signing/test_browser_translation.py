"""A French phone reads the French translation of a letter, signs it, and gets French mail."""

import pytest

from signon.letters import services, translating
from signon.storage.extensions import db
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


def test_a_french_browser_signs_the_french_translation_on_a_phone(
    app, make_letter, deliver, inbox, tmp_path
):
    make_letter(body="Dear Ministers,\n\nWe urge you to act.")
    with app.app_context():
        translating.save_translation(
            services.get_letter("climate"),
            "fr",
            {
                "title": "Lettre commune sur le financement climatique",
                "body": "Mesdames et Messieurs les Ministres,\n\nNous vous demandons d'agir.",
            },
            "test",
        )
        db.session.commit()
    with live_server(app) as base, chromium() as browser:
        app.config["BASE_URL"] = base
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, locale="fr-FR"
        )
        page = context.new_page()
        page.goto(f"{base}/letters/climate")
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.locator("h1").inner_text() == "Lettre commune sur le financement climatique"
        assert "Nous vous demandons d'agir." in page.locator("article.letter").inner_text()
        assert page.locator("nav.letter-versions a[hreflang=en]").count() == 1
        page.screenshot(path=str(tmp_path / "letter-fr-390.png"), full_page=True)

        page.fill("#organisation", "Réseau Equitas Côte d'Ivoire")
        page.select_option("#country", value="CI")
        page.fill("#contact_name", "Awa Koné")
        page.fill("#contact_email", "awa@equitas.example.org")
        page.check("#consent")
        page.click("button[type=submit]")
        page.wait_for_url("**/check-email*")
        assert page.locator("html").get_attribute("lang") == "fr"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "the page scrolls sideways on a phone"

        deliver()
        [message] = inbox.to("awa@equitas.example.org")
        assert message["Subject"] == (
            "Veuillez confirmer votre signature : Lettre commune sur le financement climatique"
        )
        page.goto(inbox.link(message))
        page.click("button[type=submit]")
        assert page.locator("html").get_attribute("lang") == "fr"
        context.close()

    [row] = sign_ons(app)
    assert (row.language, row.status) == ("fr", "verified")
