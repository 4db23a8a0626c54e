"""Exports speak the language chosen for them: headings, column headers, the embed's button."""

import csv
import html
import io
import re

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from tests.organiser_helpers import log_in
from tests.pages import press_download
from tests.roster.helpers import NAMES, add_signatories

COUNT = len(NAMES)
SPANISH_HEADER = ["Organización", "Sigla", "Código de país", "País", "Sitio web", "Fecha de firma"]


@pytest.fixture
def downloads(app, client, make_letter, organiser):
    """The downloads page of a letter with a mixed list, signed in, options as given."""
    make_letter()
    with app.app_context():
        add_signatories("climate", NAMES)
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))

    def page(query: str) -> str:
        return client.get(f"/organise/letters/climate/downloads?{query}").text

    return page


def download(client, page: str, fmt: str) -> bytes:
    """Press the page's download button for this format."""
    answer = press_download(client, page, fmt)
    assert answer.status_code == 200
    return answer.data


def test_choosing_a_french_export_previews_in_french_without_changing_the_visit(client, downloads):
    page = downloads("lang=fr&fmt=txt")
    assert '<html lang="en">' in page  # the organiser's page; the export is French
    assert "Organisations" in page and "Personnes (affiliations" in html.unescape(page)
    assert '<html lang="en">' in client.get("/organise/letters/climate/").text


def test_the_french_word_letter_heads_its_list_signataires(client, downloads):
    page = downloads("lang=fr")
    document = docx.Document(io.BytesIO(download(client, page, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == [
        f"Signataires ({COUNT})",
        "Organisations",
        "Personnes (affiliations à des fins d’identification uniquement)",
    ]


def test_the_french_pdf_and_spreadsheet_say_signataires(client, downloads):
    page = downloads("lang=fr")
    reader = PdfReader(io.BytesIO(download(client, page, "pdf")))
    words = " ".join(p.extract_text() for p in reader.pages)
    assert re.search(rf"Signataires\W*\({COUNT}\)", words), words[-400:]
    book = openpyxl.load_workbook(io.BytesIO(download(client, page, "xlsx")))
    assert book.sheetnames == ["Signataires"]
    assert [c.value for c in book.active[1]][:4] == ["Organisation", "Sigle", "Code pays", "Pays"]


def test_a_spanish_csv_has_spanish_headers_and_country_names(client, downloads):
    page = downloads("lang=es")
    rows = list(csv.reader(io.StringIO(download(client, page, "csv").decode("utf-8-sig"))))
    assert rows[0] == SPANISH_HEADER
    assert ["Zeta Alliance", "", "DE", "Alemania"] in [r[:4] for r in rows]


def test_an_english_csv_has_headers_a_person_reads(client, downloads):
    rows = list(csv.reader(io.StringIO(download(client, downloads(""), "csv").decode("utf-8-sig"))))
    assert rows[0] == ["Organisation", "Acronym", "Country code", "Country", "Website", "Signed on"]


def test_scripts_choose_columns_by_their_unchanged_keys(client, downloads):
    page = downloads("columns=name,signed_at")
    rows = list(csv.reader(io.StringIO(download(client, page, "csv").decode("utf-8-sig"))))
    assert rows[0] == ["Organisation", "Signed on"]


def test_a_language_without_a_catalogue_names_countries_in_it_and_heads_in_english(
    client, downloads
):
    page = downloads("lang=de&country=parentheses&fmt=txt")
    listing = download(client, page, "txt").decode()
    assert "Zeta Alliance (Deutschland)" in listing and "Individuals (affiliations" in listing
    unknown = client.get("/organise/letters/climate/export.txt?lang=xx")
    assert unknown.status_code == 200 and b"Individuals (affiliations" in unknown.data


def test_portuguese_and_arabic_exports_have_their_own_headings(client, downloads):
    portuguese = download(client, downloads("lang=pt&country=parentheses&fmt=txt"), "txt")
    assert "Zeta Alliance (Alemanha)" in portuguese.decode()
    assert "Pessoas a título individual" in portuguese.decode()
    arabic = download(client, downloads("lang=ar&country=parentheses&fmt=txt"), "txt")
    assert "(ألمانيا)" in arabic.decode() and "الأفراد" in arabic.decode()


def test_the_cli_exports_in_the_language_asked_for(app, runner, make_letter, tmp_path):
    make_letter()
    with app.app_context():
        add_signatories("climate", NAMES)
    path = tmp_path / "list.csv"
    result = runner.invoke(
        args=["letter", "export", "climate", "--format", "csv", "--lang", "es", "-o", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(
        f'"{h}"' for h in SPANISH_HEADER
    )


def test_the_embed_button_speaks_the_visitors_language(client, make_letter):
    make_letter()
    french = client.get("/letters/climate/embed.js", headers={"Accept-Language": "fr"})
    assert '"Signer cette lettre"' in french.text and '"{n} signataires"' in french.text
    assert "Accept-Language" in french.headers["Vary"]
    spanish = client.get("/letters/climate/embed.js", headers={"Accept-Language": "es"})
    assert '"Firmar esta carta"' in spanish.text
