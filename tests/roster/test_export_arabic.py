"""A letter in Arabic exported right to left: the DOCX's bidi settings, the PDF's alignment,
markers and page order, and the signatories in the Arabic collation (Arabic script first)."""

import os
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
