"""Every export format, opened with a real reader: content, order, and names that bite."""

import csv
import io
import json
import zipfile

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from signon.letters import services
from signon.storage.extensions import db
from tests.roster.helpers import HYPERLINK, LONG, NAMES, add_signatories

# Final order: ICU root collation (punctuation first, then Latin, Cyrillic, Arabic).
ORGANISATIONS = [
    HYPERLINK,
    "Aarhus Climate Network",
    LONG.strip(),
    "Élan Solidaire",
    "Zeta Alliance",
    "Правозащитный центр Мемориал",
    "جمعية حقوق الإنسان",
]
BODY = (
    "We **urge** you to act now.[^1]\n\n- Fund adaptation\n- Fund loss and damage\n\n"
    "[^1]: As agreed in *Paris*, see [the text](https://unfccc.example.org).\n"
)


@pytest.fixture
def letter(app, make_letter):
    """A letter with every part filled in and a mixed list of signatories."""
    make_letter(slug="climate", body=BODY)
    with app.app_context():
        item = services.get_letter("climate")
        item.letterhead = "Climate Action Coalition\nRue de la Loi 1, Brussels"
        item.reference = "CAC/2026/07"
        item.addressee = "H.E. the Minister of Finance\nMinistry of Finance"
        item.subject = "Climate finance at COP31"
        item.place_date = "Brussels, 1 March 2026"
        item.salutation = "Dear Minister,"
        item.closing = "Yours sincerely,"
        item.signature_blocks = [
            {"name": "Awa Koné", "title": "Director", "organisation": "REQCI"},
            {"name": "Jan Ott", "title": "Chair", "organisation": "CAN Europe"},
        ]
        item.copy_line = "Office of the Prime Minister"
        db.session.commit()
        add_signatories("climate", NAMES)
    return "climate"


def export(runner, tmp_path, fmt, *args):
    path = tmp_path / f"out.{fmt}"
    result = runner.invoke(
        args=["letter", "export", "climate", "--format", fmt, "-o", str(path), *args]
    )
    assert result.exit_code == 0, result.output
    return path


def test_txt_lists_organisations_then_individuals_in_final_order(runner, letter, tmp_path):
    text = export(runner, tmp_path, "txt").read_text(encoding="utf-8")
    organisations, individuals = text.split("\n\n")
    assert organisations.splitlines() == ["Organisations", *ORGANISATIONS]
    assert individuals.splitlines() == [
        "Individuals (affiliations for identification only)",
        "Ana Lima",
    ]


def test_country_after_the_name_in_the_chosen_language(runner, letter, tmp_path):
    text = export(runner, tmp_path, "txt", "--country", "dash", "--lang", "fr").read_text()
    assert "Élan Solidaire – France\n" in text
    assert "Zeta Alliance – Allemagne\n" in text
    text = export(runner, tmp_path, "txt", "--country", "parentheses").read_text()
    assert "Zeta Alliance (Germany)\n" in text


def test_grouping_by_country_puts_a_heading_over_each_country(runner, letter, tmp_path):
    text = export(runner, tmp_path, "txt", "--group-by-country", "--together").read_text()
    blocks = [block.splitlines() for block in text.strip().split("\n\n")]
    assert ["Germany", "Zeta Alliance"] in blocks
    assert ["France", "Élan Solidaire"] in blocks
    headings = [block[0] for block in blocks]
    assert headings.index("Brazil") < headings.index("Denmark") < headings.index("Egypt")


def test_markdown_escapes_names_and_html_fragment_escapes_markup(runner, letter, tmp_path):
    md = export(runner, tmp_path, "md").read_text()
    assert md.startswith("# Joint letter on climate finance\n")
    assert '- \\=HYPERLINK("http://x")\n' in md
    assert "## Individuals" in md
    html = export(runner, tmp_path, "html").read_text()
    assert '<li dir="auto">جمعية حقوق الإنسان</li>' in html
    assert "&#34;http://x&#34;" in html and "<script" not in html


def test_csv_has_a_bom_and_the_formula_arrives_as_text(runner, letter, tmp_path):
    raw = export(runner, tmp_path, "csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Organisation", "Acronym", "Country code", "Country", "Website", "Signed on"]
    names = [row[0] for row in rows[1:]]
    assert names == ["'" + HYPERLINK, *ORGANISATIONS[1:], "Ana Lima"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_csv_columns_and_contacts_on_request(runner, letter, tmp_path):
    path = export(runner, tmp_path, "csv", "--columns", "name,country_name", "--include-contacts")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == [
        "Organisation",
        "Country",
        "Contact names",
        "Contact emails",
        "Contact roles",
    ]
    assert rows[-1][:2] == ["Ana Lima", "Brazil"]
    assert rows[-1][3].endswith("@example.org")


def test_xlsx_has_a_frozen_header_widths_and_text_cells(runner, letter, tmp_path):
    sheet = openpyxl.load_workbook(export(runner, tmp_path, "xlsx")).active
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == [
        "Organisation",
        "Acronym",
        "Country code",
        "Country",
        "Website",
        "Signed on",
    ]
    signed = sheet["F2"]
    assert signed.is_date and signed.number_format == "yyyy-mm-dd"  # a date, not text
    assert sheet.column_dimensions["A"].width >= 40
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert names == ["'" + HYPERLINK, *ORGANISATIONS[1:], "Ana Lima"]
    formula_cell = sheet["A2"]
    assert formula_cell.value == "'" + HYPERLINK and formula_cell.data_type == "s"


def test_json_lists_names_in_order_without_contacts(runner, letter, tmp_path):
    data = json.loads(export(runner, tmp_path, "json").read_text())
    assert data["count"] == 8 and data["letter"]["slug"] == "climate"
    assert [s["name"] for s in data["signatories"]] == [*ORGANISATIONS, "Ana Lima"]
    assert data["signatories"][-1]["affiliation"] == "Researcher, Instituto Clima"
    assert "contacts" not in data["signatories"][0]
    assert "@" not in json.dumps(data)


def test_docx_is_the_whole_letter_with_real_footnotes_then_the_list(runner, letter, tmp_path):
    path = export(runner, tmp_path, "docx")
    document = docx.Document(path)
    text = [p.text for p in document.paragraphs if p.text]
    parts = [
        "Climate Action Coalition",
        "Brussels, 1 March 2026",
        "Ref.: CAC/2026/07",
        "H.E. the Minister of Finance",
        "Climate finance at COP31",
        "Dear Minister,",
        "We urge you to act now.",
        "Fund adaptation",
        "Yours sincerely,",
        "Cc: Office of the Prime Minister",
        "Signatories (8)",
        "Organisations",
        *ORGANISATIONS,
        "Individuals (affiliations for identification only)",
        "Ana Lima, Researcher, Instituto Clima",
    ]
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)
    signers = document.tables[0]
    assert signers.cell(0, 0).paragraphs[0].text == "Awa Koné"
    assert signers.cell(0, 1).paragraphs[2].text == "CAN Europe"
    # A real Word footnote: a footnotes part, a reference in the text, the note's text.
    body_xml = document.element.xml
    assert 'w:footnoteReference w:id="1"' in body_xml
    with zipfile.ZipFile(path) as archive:
        notes = archive.read("word/footnotes.xml").decode()
        types = archive.read("[Content_Types].xml").decode()
    assert "As agreed in " in notes and "Paris" in notes and "<w:footnoteRef/>" in notes
    assert "wordprocessingml.footnotes+xml" in types
    arabic = next(p for p in document.paragraphs if p.text == "جمعية حقوق الإنسان")
    assert arabic._p.pPr.find(docx.oxml.ns.qn("w:bidi")) is not None


def test_pdf_has_the_letter_and_every_script(runner, letter, tmp_path):
    reader = PdfReader(export(runner, tmp_path, "pdf"))
    letter_page = reader.pages[0].extract_text()
    for part in ("Climate Action Coalition", "CAC/2026/07", "Dear Minister,", "Awa Koné", "Paris"):
        assert part in letter_page
    listed = "\n".join(page.extract_text() for page in reader.pages[1:])
    lines = listed.splitlines()
    assert lines[0] == "Signatories (8)"
    for name in (HYPERLINK, "Élan Solidaire", "Правозащитный центр Мемориал"):
        assert name in lines
    # Arabic is shaped and drawn right to left: read left to right, the page shows the
    # last word first. (pypdf puts control characters between positioned glyphs.)
    visual = "".join(ch for ch in listed if ch.isalpha() and "\u0600" <= ch <= "\u06ff")
    assert visual == "".join(reversed(["جمعية", "حقوق", "الإنسان"]))
    # The very long name wraps instead of running off the page.
    assert LONG.split()[0] in listed and all(len(line) < 120 for line in lines)
    order = [lines.index(n) for n in ("Aarhus Climate Network", "Élan Solidaire", "Zeta Alliance")]
    assert order == sorted(order)
    fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts


def test_pdf_footnotes_sit_at_the_foot_of_the_page_that_refers_to_them(
    app, runner, make_letter, tmp_path
):
    filler = "\n\n".join(f"Paragraph {n} of a long letter body. " * 6 for n in range(40))
    make_letter(slug="long", body=f"We urge you to act.[^1]\n\n{filler}\n\n[^1]: See *Paris*.\n")
    path = tmp_path / "long.pdf"
    result = runner.invoke(args=["letter", "export", "long", "--format", "pdf", "-o", str(path)])
    assert result.exit_code == 0, result.output
    pages = [page.extract_text() for page in PdfReader(path).pages]
    assert "See Paris." in pages[0]
    assert pages[0].index("See Paris.") > pages[0].index("Paragraph 1 ")  # under the text
    assert "Paragraph 39" not in pages[0] and "See Paris." not in "".join(pages[1:])
