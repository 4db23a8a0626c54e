"""In real Chromium: the organiser pages in French, Spanish, Portuguese and Arabic (right to
left) fit a phone and read well."""

import os

import pytest

from tests.moderation import test_browser_organiser as organiser_browser
from tests.moderation.test_browser_organiser import fits_the_screen, in_app, seed, sign_in_by_email

# The same live server and browser as the English organiser tests.
served = organiser_browser.served
browser = organiser_browser.browser

SHOTS = os.environ.get("SIGNON_SHOTS")  # a folder: keep screenshots to look at
AREA = {
    "fr": ["Vue d’ensemble", "Signatures", "Doublons", "Texte", "Versions", "Équipe",
           "Téléchargements", "Importer"],
    "es": ["Resumen", "Firmas", "Duplicados", "Texto", "Versiones", "Equipo", "Descargas",
           "Importar"],
    "pt": ["Visão geral", "Adesões", "Duplicados", "Texto", "Versões", "Equipe", "Downloads",
           "Importar"],
    "ar": ["نظرة عامة", "التوقيعات", "التكرارات", "النص", "النسخ", "الفريق", "التنزيلات",
           "استيراد"],
}  # fmt: skip
SWITCH = {"fr": "Français", "es": "Español", "pt": "Português", "ar": "العربية"}


@pytest.mark.parametrize("language", ["fr", "es", "pt", "ar"])
def test_no_french_or_spanish_organiser_page_scrolls_sideways_on_a_phone(
    served,
    browser,
    inbox,
    language,
):
    app, base = served
    in_app(app, seed)
    for width in (390, 1280) if SHOTS else (390,):
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.set_default_timeout(15_000)
        sign_in_by_email(page, app, base, inbox)
        page.get_by_role("link", name=SWITCH[language]).click()
        page.locator(f"html[lang={language}]").wait_for()
        page.get_by_role("link", name="Joint letter on climate finance").click()
        wide = []
        for name in AREA[language]:
            page.locator("nav.letter-nav").get_by_role("link", name=name, exact=True).click()
            page.wait_for_load_state()
            if SHOTS:
                page.screenshot(path=f"{SHOTS}/{language}-{width}-{name}.png", full_page=True)
            if not fits_the_screen(page):
                wide.append(name)
        assert wide == [], f"{width}px: {wide}"
        page.close()
