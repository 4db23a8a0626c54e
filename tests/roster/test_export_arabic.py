"""A letter in Arabic exported right to left: the DOCX's bidi settings, the PDF's alignment,
markers and page order, and the signatories in the Arabic collation (Arabic script first)."""

import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from signon.letters import services, translating
from signon.storage.extensions import db
from tests.moderation.helpers import add_sign_on

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FSI, PDI = "\u2068", "\u2069"
BODY = """نكتب إليكم بصفتنا منظمات من المجتمع المدني في **خمسين بلدًا** لنطلب منكم ما يلي:

1. مضاعفة تمويل التكيّف بحلول عام 2030.
2. إنشاء صندوق للخسائر والأضرار[^1].

- حماية المدافعين عن البيئة.
- نشر التقارير باللغة العربية.

UNFCCC هي الاتفاقية الإطارية التي نستند إليها في هذه الرسالة.

[^1]: كما اتُّفق عليه في مؤتمر COP27 في شرم الشيخ.
"""
ARABIC = {
    "title": "رسالة مشتركة بشأن تمويل المناخ",
    "letterhead": "تحالف المجتمع المدني من أجل المناخ",
    "place_date": "القاهرة، 3 مارس 2026",
    "reference": "CSO/2026/14",
    "addressee": "إلى السادة وزراء البيئة",
    "subject": "بشأن تمويل التكيّف",
    "salutation": "تحية طيبة وبعد،",
    "body": BODY,
    "closing": "وتفضلوا بقبول فائق الاحترام،",
    "signature_blocks": [
        {"name": "ليلى حسن", "title": "المنسقة", "organisation": "شبكة المدافعات"},
        {"name": "Awa Koné", "title": "Coordinatrice", "organisation": "Equitas"},
    ],
}
# (name, country, acronym), in the order of signing.
SIGNERS = [
    ("Zeta Trust", "BR", ""),
    ("شبكة المدافعات", "EG", ""),
    ("Amnesty International", "GB", "AI"),
    ("بيت الحرية", "PS", ""),
    ("إحسان للتنمية", "JO", ""),
    ("Équité Sahel", "ML", ""),
    ("أمل", "MA", ""),
]
# CLDR "ar": Arabic script before Latin; أ and إ sort with ا, then by the next letter.
IN_ARABIC_ORDER = [
    "إحسان للتنمية",
    "أمل",
    "بيت الحرية",
    "شبكة المدافعات",
    "Amnesty International",
    "Équité Sahel",
    "Zeta Trust",
]


@pytest.fixture
def letter(app, make_letter):
    """An English letter with an Arabic translation, signed in Arabic and Latin script."""
    make_letter(slug="climate")
    with app.app_context():
        for name, country, acronym in SIGNERS:
            add_sign_on("climate", name, country, acronym=acronym)
        translating.save_translation(services.get_letter("climate"), "ar", ARABIC, "test")
        db.session.commit()
    return "climate"


def export(runner, tmp_path, fmt: str, *args: str) -> Path:
    path = tmp_path / f"climate-ar.{fmt}"
    done = runner.invoke(
        args=["letter", "export", "climate", "--format", fmt, "-o", str(path), *args]
    )
    assert done.exit_code == 0, done.output
    return path


def kept(path: Path) -> None:
    """SIGNON_SCREENSHOTS=/tmp/shots keeps the file to look at."""
    if folder := os.environ.get("SIGNON_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / path.name).write_bytes(path.read_bytes())


def paragraphs(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return list(root.iter(f"{W}p"))


def text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def test_the_arabic_docx_reads_right_to_left_with_names_in_arabic_order(runner, letter, tmp_path):
    path = export(runner, tmp_path, "docx", "--lang", "ar", "--country", "dash")
    kept(path)
    with zipfile.ZipFile(path) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
        styles = archive.read("word/styles.xml").decode()
    # The section, every paragraph (headings, list items, footnotes) and the table read RTL.
    assert document.find(f"{W}body/{W}sectPr/{W}bidi") is not None
    written = [p for p in paragraphs(path) if text(p)]
    assert written and all(p.find(f"{W}pPr/{W}bidi") is not None for p in written)
    assert all(p.find(f"{W}pPr/{W}bidi") is not None for p in notes.iter(f"{W}p") if text(p))
    assert document.find(f".//{W}tblPr/{W}bidiVisual") is not None
    assert 'w:bidi="ar"' in styles
    # Runs in Arabic are right to left; a Latin run inside keeps its own direction.
    runs = {"".join(t.text for t in r.iter(f"{W}t")): r for r in document.iter(f"{W}r")}
    assert runs["تحية طيبة وبعد،"].find(f"{W}rPr/{W}rtl") is not None
    assert runs["Awa Koné"].find(f"{W}rPr/{W}rtl") is None
    # Word bolds Arabic by w:bCs (the complex-script twin of w:b), in runs and in styles.
    assert runs["خمسين بلدًا"].find(f"{W}rPr/{W}bCs") is not None
    assert re.search(r'w:styleId="Heading1".*?<w:bCs/>', styles, re.S)
    # Aligned to the start (the right): no alignment but the letterhead's and the date's; Word
    # and LibreOffice read "right" in a right-to-left paragraph as its end, the left.
    aligned = {text(p): p.find(f"{W}pPr/{W}jc").get(f"{W}val") for p in written
               if p.find(f"{W}pPr/{W}jc") is not None}  # fmt: skip
    assert aligned == {ARABIC["letterhead"]: "center", ARABIC["place_date"]: "right"}
    # The list: Arabic headings, names in the Arabic collation, Latin names isolated.
    shown = [text(p) for p in written]
    start = shown.index("الجهات الموقّعة (7)") if "الجهات الموقّعة (7)" in shown else None
    assert start is not None, shown[-10:]
    listed = [line.split(" – ")[0].strip(FSI + PDI) for line in shown[start + 1 :]]
    assert [n.removesuffix(" (AI)") for n in listed] == IN_ARABIC_ORDER
    assert f"{FSI}Amnesty International (AI){PDI} – المملكة المتحدة" in shown


MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\\s]")


def ink_rows(path: Path, page: int, dpi: int = 50) -> list[tuple[int, int]]:
    """(leftmost, rightmost) dark pixel of each line of ink, from pdftoppm's PGM."""
    pgm = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page), str(path)],
        capture_output=True,
        check=True,
    ).stdout
    magic, size, _depth, data = pgm.split(b"\n", 3)
    width, height = map(int, size.split())
    lines: list[tuple[int, int]] = []
    previous = False
    for y in range(height):
        dark = [x for x in range(width) if data[y * width + x] < 128]
        if dark and previous:
            lines[-1] = (min(lines[-1][0], dark[0]), max(lines[-1][1], dark[-1]))
        elif dark:
            lines.append((dark[0], dark[-1]))
        previous = bool(dark)
    return lines


def test_the_arabic_pdf_is_right_aligned_with_names_in_arabic_order(runner, letter, tmp_path):
    path = export(runner, tmp_path, "pdf", "--lang", "ar", "--country", "dash")
    kept(path)
    # Facing pages read right to left; the document says it is Arabic.
    raw = path.read_bytes()
    assert b"/Direction /R2L" in raw and b"/Lang (ar)" in raw
    # pdftotext gives each Arabic line in logical order (with stray spaces inside words).
    listed = subprocess.run(
        ["pdftotext", "-f", "2", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    squeezed = [MARKS.sub("", line) for line in listed]
    at = [
        next(i for i, line in enumerate(squeezed) if MARKS.sub("", name.split()[-1]) in line)
        for name in IN_ARABIC_ORDER
    ]
    assert at == sorted(at) and len(set(at)) == len(at), list(zip(IN_ARABIC_ORDER, at, strict=True))
    # Right-aligned: every line of the list (title, 7 names) ends at the right margin, 25 mm
    # from the edge (A4 is 210 mm wide), and starts wherever its length takes it.
    margin = round((210 - 25) / 25.4 * 50)
    rows = ink_rows(path, 2)
    listed_rows = [row for row in rows if row[1] > margin - 40]
    rights = {right for _left, right in listed_rows}
    assert max(rights) - min(rights) <= 3 and margin - 6 <= min(rights) <= margin, rights
    assert len({left // 5 for left, _right in listed_rows}) > 4
    # The letter's page: the place and date at the left (its end), the body at the right.
    letterhead, date, reference = ink_rows(path, 1)[:3]
    assert date[0] <= round(25 / 25.4 * 50) + 4 and date[1] < margin - 100, date
    assert abs(reference[1] - margin) <= 6, reference


def test_the_portuguese_docx_and_pdf_read_left_to_right_with_portuguese_headings(
    app, runner, letter, tmp_path
):
    with app.app_context():
        translating.save_translation(
            services.get_letter("climate"),
            "pt",
            {"title": "Carta conjunta sobre o financiamento climático", "body": "Pedimos-vos."},
            "test",
        )
        db.session.commit()
    path = export(runner, tmp_path, "docx", "--lang", "pt", "--country", "dash")
    with zipfile.ZipFile(path) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
    assert document.find(f"{W}body/{W}sectPr/{W}bidi") is None
    shown = [text(p) for p in paragraphs(path) if text(p)]
    assert "Signatários (7)" in shown and "Pedimos-vos." in shown
    assert "Zeta Trust – Brasil" in shown
    # Only the Arabic names' own lines are right to left, and they are isolated.
    bidi = [text(p) for p in paragraphs(path) if p.find(f"{W}pPr/{W}bidi") is not None]
    assert bidi == [] or all(line.startswith(FSI) for line in bidi)
    pdf = export(runner, tmp_path, "pdf", "--lang", "pt", "--country", "dash")
    assert b"/Direction /R2L" not in pdf.read_bytes()
    listed = subprocess.run(
        ["pdftotext", "-f", "2", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Signatários (7)" in listed and "Zeta Trust – Brasil" in listed
