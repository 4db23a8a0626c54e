"""Exports in a chosen language: the letter's translation, country names, alphabetical order,
and right-to-left names isolated inside left-to-right lines."""

import csv
import io
import re

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from signon.letters import services, translating
from signon.storage.extensions import db
from tests.moderation.helpers import add_sign_on
from tests.organiser_helpers import log_in
from tests.pages import press_download

FSI, PDI = "\u2068", "\u2069"
ARABIC = "جمعية حقوق الإنسان"


@pytest.fixture
def letter(app, make_letter):
    """An English letter with a Spanish translation and names that sort apart in Spanish."""
    make_letter(slug="climate")
    with app.app_context():
        for name, country in (("Ñandutí Verde", "PY"), ("Nueva Tierra", "AR"), ("Oro Azul", "DE")):
            add_sign_on("climate", name, country)
        add_sign_on("climate", ARABIC, "EG", acronym="JHI")
        item = services.get_letter("climate")
        translating.save_translation(
            item,
            "es",
            {"title": "Carta conjunta sobre financiación climática", "body": "Les **pedimos**."},
            "test",
        )
        db.session.commit()
    return "climate"


def names(text: str) -> list[str]:
    return [line.split(" (")[0].strip(FSI + PDI) for line in text.splitlines() if line]


def export(runner, tmp_path, fmt: str, *args: str):
    path = tmp_path / f"out.{fmt}"
    done = runner.invoke(
        args=["letter", "export", "climate", "--format", fmt, "-o", str(path), *args]
    )
    assert done.exit_code == 0, done.output
    return path


@pytest.mark.parametrize("database_sorts", [True, False], ids=["database-sort", "python-sort"])
def test_a_spanish_export_puts_nandutí_after_nueva_and_english_keeps_the_root_order(
    runner, letter, tmp_path, monkeypatch, database_sorts
):
    if not database_sorts:
        monkeypatch.setattr("signon.roster.rows.collation", lambda language=None: None)
    spanish = export(runner, tmp_path, "txt", "--lang", "es").read_text(encoding="utf-8")
    assert names(spanish)[:3] == ["Nueva Tierra", "Ñandutí Verde", "Oro Azul"]
    english = export(runner, tmp_path, "txt", "--lang", "en").read_text(encoding="utf-8")
    assert names(english)[:3] == ["Ñandutí Verde", "Nueva Tierra", "Oro Azul"]


def test_a_letter_ordered_by_country_sorts_the_countries_in_the_exports_language(
    app, runner, letter, tmp_path
):
    with app.app_context():
        services.get_letter("climate").ordering = "by_country"
        db.session.commit()
    french = export(runner, tmp_path, "txt", "--lang", "fr", "--group-by-country")
    headings = [line for line in french.read_text(encoding="utf-8").splitlines()[:12]]
    # Allemagne, Argentine, Égypte, Paraguay: French names, French order.
    assert [h for h in headings if h in ("Allemagne", "Argentine", "Égypte", "Paraguay")] == [
        "Allemagne",
        "Argentine",
        "Égypte",
        "Paraguay",
    ]


def test_the_spanish_export_carries_the_spanish_text_and_spanish_country_names(
    runner, letter, tmp_path
):
    document = docx.Document(
        export(runner, tmp_path, "docx", "--lang", "es", "--country", "parentheses")
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Carta conjunta sobre financiación climática" in text
    assert "Les pedimos." in text
    assert "Oro Azul (Alemania)" in text
    assert document.core_properties.language == "es"
    english = docx.Document(export(runner, tmp_path, "docx"))
    assert "Joint letter on climate finance" in "\n".join(p.text for p in english.paragraphs)


def test_an_arabic_name_is_isolated_in_every_export(runner, letter, tmp_path):
    line = f"{FSI}{ARABIC}{PDI} (JHI) (Égypte)"
    text = export(runner, tmp_path, "txt", "--lang", "fr", "--country", "parentheses")
    assert line in text.read_text(encoding="utf-8").splitlines()
    table = export(runner, tmp_path, "csv", "--columns", "name,country_name", "--lang", "fr")
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert [f"{FSI}{ARABIC}{PDI} (JHI)", "Égypte"] in rows
    # Alone in its cell, a name needs no isolation: the spreadsheet sets its direction.
    plain = export(runner, tmp_path, "csv", "--lang", "fr")
    assert ARABIC in [row[0] for row in csv.reader(io.StringIO(plain.read_text("utf-8-sig")))]
    fragment = export(runner, tmp_path, "html", "--lang", "fr", "--country", "dash")
    assert f'<li dir="auto"><bdi>{ARABIC}</bdi> (JHI) – Égypte</li>' in fragment.read_text("utf-8")
    workbook = openpyxl.load_workbook(export(runner, tmp_path, "xlsx", "--columns", "name"))
    assert f"{FSI}{ARABIC}{PDI} (JHI)" in [c.value for c in workbook.active["A"]]
    document = docx.Document(export(runner, tmp_path, "docx", "--lang", "fr", "--country", "dash"))
    [paragraph] = [p for p in document.paragraphs if ARABIC in p.text]
    assert paragraph.text == f"{FSI}{ARABIC}{PDI} (JHI) – Égypte"
    # The line stays left to right, as the French document around it.
    assert paragraph._p.pPr.find(docx.oxml.ns.qn("w:bidi")) is None
    reader = PdfReader(export(runner, tmp_path, "pdf", "--lang", "fr", "--country", "dash"))
    listed = "\n".join(page.extract_text() for page in reader.pages[1:])
    # Drawn left to right: the Arabic name first, then its acronym and country (the isolates
    # are zero-width glyphs of the serif font: nothing shows).
    after = listed.index("JHI) – Égypte")
    assert all(0 <= listed.find(char) < after for char in "جمعيةحقوق")


def test_the_downloads_page_offers_the_language_and_its_buttons_carry_it(
    app, client, organiser, letter
):
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    overview = client.get("/organise/letters/climate/")
    downloads = client.get(re.search(r'href="([^"]+/downloads)"', overview.text)[1])
    assert '<select name="lang">' in downloads.text
    assert '<option value="en" lang="en" selected>English</option>' in downloads.text
    chosen = client.get("/organise/letters/climate/downloads?lang=es&fmt=txt")
    assert "Nueva Tierra" in chosen.text
    # The export's language is not the page's: the organiser's pages stay in English, and
    # the page's own switcher asks with page_lang.
    assert '<html lang="en">' in chosen.text
    assert "page_lang=fr" in chosen.text
    assert '<html lang="en">' in client.get("/organise/letters/climate/").text
    action = re.search(r'action="([^"]+export\.docx[^"]*)"', chosen.text)[1]
    assert "lang=es" in action
    document = docx.Document(io.BytesIO(press_download(client, chosen.text, "docx").data))
    assert "Carta conjunta" in "\n".join(p.text for p in document.paragraphs)


def test_a_bad_language_is_a_clear_400(app, client, organiser, letter):
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    answer = client.get("/organise/letters/climate/export.txt?lang=<script>")
    assert answer.status_code == 400
    assert "Option &#39;lang&#39; is a language code" in answer.text
    assert "<script>" not in answer.text


def test_the_public_list_isolates_an_arabic_name_on_a_french_page(client, letter):
    page = client.get("/letters/climate/signatories", headers={"Accept-Language": "fr"})
    assert f"<bdi>{ARABIC}</bdi> (JHI)" in page.text
    assert '<html lang="fr">' in page.text
