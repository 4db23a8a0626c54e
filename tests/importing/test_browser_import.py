"""An organiser imports a form's export in real Chromium, from the letter page to the list."""

import re

import pytest

from signon.accounts import services as accounts
from signon.letters import team
from signon.mail.sender import send_pending
from signon.storage.extensions import db
from tests.browser import chromium
from tests.moderation.test_browser_organiser import fits_the_screen, in_app, served  # noqa: F401
from tests.support import create_letter

pytestmark = pytest.mark.browser

EXPORT = (
    "Marca temporal,Nombre de la organización,País,Correo electrónico\n"
    "2024-03-05 10:00:00,Red de Mujeres del Sur,Argentina,ana@redsur.example.org\n"
    "2024-03-05 11:00:00,Réseau Equitas Côte d'Ivoire,Ivory Coast,awa@equitas.example.org\n"
    "2024-03-05 12:00:00,Kinshasa Youth Forum,Congo,kyf@example.org\n"
    "2024-03-05 13:00:00,Red de Mujeres del Sur,AR,ana@redsur.example.org\n"
)


def seed() -> None:
    """An open letter and its organiser."""
    letter = create_letter("climate", "Joint letter on climate finance", "Act.", open_now=True)
    accounts.add_organiser("ana@coalition.example.org")
    team.add_member(letter, "ana@coalition.example.org", actor="test", is_owner=True)
    db.session.commit()


def sign_in(page, app, base, inbox) -> None:
    page.goto(f"{base}/organise/sign-in")
    page.get_by_label("Email").fill("ana@coalition.example.org")
    page.get_by_role("button", name="Email me a sign-in link").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    in_app(app, send_pending)
    [message] = inbox.to("ana@coalition.example.org")
    page.goto(re.search(r"http://\S+/organise/sign-in/\S+", inbox.text(message)).group(0))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My letters").wait_for()


@pytest.mark.parametrize("width", [390, 1280])
def test_an_organiser_imports_a_form_export_from_the_letter_page(
    served,  # noqa: F811
    inbox,
    tmp_path,
    width,
):
    app, base = served
    in_app(app, seed)
    export = tmp_path / "respuestas.csv"
    export.write_text(EXPORT, encoding="utf-8-sig")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.set_default_timeout(10_000)
        sign_in(page, app, base, inbox)
        page.get_by_role("link", name="Joint letter on climate finance").click()
        page.get_by_role("link", name="Import sign-ons").click()

        page.get_by_label("A CSV or XLSX file").set_input_files(str(export))
        page.get_by_role("button", name="Read it").click()
        page.get_by_role("heading", name="Which column is which?").wait_for()
        assert page.get_by_label("Nombre de la organización").input_value() == "organisation"
        assert page.get_by_label("País").input_value() == "country"
        assert page.get_by_label("Correo electrónico").input_value() == "email"
        page.get_by_label("Approved: on the list at once").check()
        assert fits_the_screen(page)
        page.screenshot(path=f"/tmp/import-columns-{width}.png", full_page=True)
        page.get_by_role("button", name="Show the preview").click()

        page.get_by_role("heading", name="Check before importing").wait_for()
        assert page.get_by_text("Repeats row 2.").is_visible()
        page.get_by_label("“Congo”").select_option("CD")
        page.get_by_role("button", name="Use these countries").click()
        page.get_by_role("heading", name="Check before importing").wait_for()
        assert page.get_by_role("heading", name="Countries to choose").count() == 0
        assert fits_the_screen(page)
        page.screenshot(path=f"/tmp/import-preview-{width}.png", full_page=True)
        page.get_by_role("button", name="Import 3 sign-on(s)").click()

        page.get_by_text(
            "Imported 3 sign-on(s) from respuestas.csv. 1 row(s) were already on the letter."
        ).wait_for()
        assert "status=approved" in page.url
        names = page.locator(".sign-on").all_inner_texts()
        assert len(names) == 3
        listed = " ".join(names)
        for name in ["Red de Mujeres del Sur", "Réseau Equitas Côte d'Ivoire", "Kinshasa Youth"]:
            assert name in listed
        page.screenshot(path=f"/tmp/import-done-{width}.png", full_page=True)
