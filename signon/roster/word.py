"""DOCX: the letter itself, every part in place, real footnotes, then the signatories."""

import io
from collections.abc import Iterator

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph
from flask_babel import gettext
from lxml import etree

from signon.domain.bidi import has_rtl
from signon.letters.models import Letter
from signon.roster.document import (
    HEADING_SIZE,
    LISTED,
    Block,
    Run,
    heading,
    is_rtl,
    item_follows,
    lines,
    parse_body,
    reads_rtl,
    signature_blocks,
)
from signon.roster.footnotes import Footnotes, reference
from signon.roster.options import ExportOptions
from signon.roster.rows import Listing
from signon.roster.sent import list_sent_line, place_date
from signon.roster.text import walk
from signon.roster.word_rtl import complex_script_styles, right_to_left, rtl_paragraph

SERIF = "Georgia"
# Word takes complex scripts (Arabic, Hebrew) from the cs font.
COMPLEX = "Arial"


def _rtl(paragraph: Paragraph) -> None:
    """Right-to-left paragraph and runs (for a name in Arabic or Hebrew)."""
    rtl_paragraph(paragraph._p)


def _hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    rel = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = paragraph.add_run(text)
    run.font.color.rgb = RGBColor(0x1A, 0x5F, 0xB4)
    run.font.underline = True
    link.append(run._r)
    paragraph._p.append(link)


def _runs(paragraph: Paragraph, runs: list[Run], notes: "Notes") -> None:
    for run in runs:
        if run.note is not None:
            notes.refer(paragraph, run.note)
        elif run.link and run.link.startswith(("http://", "https://", "mailto:")):
            _hyperlink(paragraph, run.link, run.text)
        else:
            added = paragraph.add_run(run.text)
            added.bold, added.italic = run.bold or None, run.italic or None
            if run.code:
                added.font.name = "Consolas"


class Notes:
    """Footnotes written as their references appear; each body note becomes a Word note."""

    def __init__(self, document: docx.document.Document, body_notes: dict) -> None:
        self.footnotes = Footnotes(document)
        self.body_notes = body_notes
        self.written: dict[int, int] = {}

    def refer(self, paragraph: Paragraph, number: int) -> None:
        """The mark for body note `number`; the Word footnote is written at its first mark."""
        if number not in self.written:
            word_id = len(self.written) + 1
            self.written[number] = word_id
            for index, block in enumerate(self.body_notes.get(number, [])):
                target = self.footnotes.add(word_id) if index == 0 else self.footnotes.more(word_id)
                _runs(target, block.runs, self)
        reference(paragraph, self.written[number])


HANG = 360  # twips a list level indents by, as the template's list styles do


def _item(document: docx.document.Document, block: Block, following: Block | None) -> Paragraph:
    """A list paragraph: Word's bullets per level; numbers as written, hanging by hand.

    Numbers are typed rather than Word's numbering, whose one sequence would run on across
    every list of the letter and ignore a list's first number and its nesting.
    """
    level = "" if block.depth == 0 else f" {min(block.depth + 1, 3)}"
    if block.kind == "bullet" and block.first:
        paragraph = document.add_paragraph(style="List Bullet" + level)
    else:
        paragraph = document.add_paragraph(style="List Continue" + level)
        # The template's own indents go no deeper than three levels either.
        indent = Twips(HANG * min(block.depth + 1, 3))
        paragraph.paragraph_format.left_indent = indent
        if block.first:
            paragraph.paragraph_format.first_line_indent = -Twips(HANG)
            paragraph.paragraph_format.tab_stops.add_tab_stop(indent)
            paragraph.add_run(f"{block.number}.\t")
    # Items follow each other, at any level; the list keeps a paragraph's gap after it.
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0 if item_follows(block, following) else 6)
    return paragraph


def _block(
    document: docx.document.Document, block: Block, following: Block | None, notes: Notes
) -> None:
    if heading(block):
        paragraph = document.add_heading(level=min(int(block.kind[1:]) + 1, 9))
    elif block.kind in LISTED:
        paragraph = _item(document, block, following)
    else:
        paragraph = document.add_paragraph(style="Quote" if block.kind == "quote" else None)
    _runs(paragraph, block.runs, notes)
    if is_rtl(block.text):
        _rtl(paragraph)


def _setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = SERIF, Pt(11)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:cs"), COMPLEX)
    normal.paragraph_format.space_after = Pt(6)
    document.styles["Quote"].paragraph_format.left_indent = Cm(1)  # as the PDF's quotes
    for level in range(1, 8):  # Heading 1 is the list's; the body's h1 to h6 are 2 to 7
        style = document.styles[f"Heading {level}"]
        # The template's theme fonts would win over the name: a heading in the letter's serif.
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            style.element.get_or_add_rPr().get_or_add_rFonts().attrib.pop(qn(theme), None)
        style.font.name, style.font.bold, style.font.italic = SERIF, True, False
        style.font.size = Pt(HEADING_SIZE.get(f"h{level - 1}", 15 if level == 1 else 11))
        style.font.color.rgb = RGBColor(0x1D, 0x1D, 0x1D)


def _lines(document: docx.document.Document, text: str, align: int | None = None, **style) -> None:
    for line in lines(text):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run(line)
        run.bold, run.font.size = style.get("bold"), style.get("size")
        if is_rtl(line):
            _rtl(paragraph)
    if lines(text):
        document.add_paragraph()


def _signatures(document: docx.document.Document, blocks: list[dict[str, str]]) -> None:
    per_row = 2 if len(blocks) > 1 else 1
    table = document.add_table(rows=(len(blocks) + per_row - 1) // per_row, cols=per_row)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for index, block in enumerate(blocks):
        cell = table.cell(index // per_row, index % per_row)
        cell.paragraphs[0].add_run(block["name"]).bold = True
        for part in (block["title"], block["organisation"]):
            if part:
                cell.add_paragraph(part).paragraph_format.space_after = Pt(0)
    document.add_paragraph()


def letter_part(document: docx.document.Document, letter: Letter) -> None:
    """Letterhead to copy line, as a letter is laid out."""
    _lines(document, letter.letterhead, WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=Pt(13))
    # The place and date sit at the end of the line: the right in English, the left in Arabic.
    # Word (and LibreOffice) read "right" in a right-to-left paragraph as its end side.
    _lines(document, place_date(letter), WD_ALIGN_PARAGRAPH.RIGHT)
    if letter.reference:
        _lines(document, gettext("Ref.: %(reference)s", reference=letter.reference))
    _lines(document, letter.addressee)
    _lines(document, letter.subject or letter.title, bold=True)
    _lines(document, letter.salutation)
    body = parse_body(letter.body)
    notes = Notes(document, body.notes)
    for block, following in zip(body.blocks, [*body.blocks[1:], None], strict=True):
        _block(document, block, following, notes)
    document.add_paragraph()
    _lines(document, letter.closing)
    blocks = signature_blocks(letter)
    if blocks:
        _signatures(document, blocks)
    if letter.copy_line:
        _lines(document, gettext("Cc: %(line)s", line=letter.copy_line))


def _list_paragraph(label: str, affiliation: str, rtl: bool) -> etree._Element:
    """<w:p> for one signatory, in the Signatory style; the affiliation in italics.

    In a right-to-left paragraph only the runs holding right-to-left letters are marked so:
    a Latin name stays a left-to-right run inside it.
    """
    p = OxmlElement("w:p")
    ppr = etree.SubElement(p, qn("w:pPr"))
    etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), "Signatory")
    if rtl:
        etree.SubElement(ppr, qn("w:bidi"))
    for text, italic in ((label, False), (f", {affiliation}" if affiliation else "", True)):
        if not text:
            continue
        run = etree.SubElement(p, qn("w:r"))
        if italic or (rtl and has_rtl(text)):
            rpr = etree.SubElement(run, qn("w:rPr"))
            if italic:
                etree.SubElement(rpr, qn("w:i"))
            if rtl and has_rtl(text):
                etree.SubElement(rpr, qn("w:rtl"))
        t = etree.SubElement(run, qn("w:t"))
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = text
    return p


def to_docx(letter: Letter, listing: Listing, options: ExportOptions) -> Iterator[bytes]:
    """The letter as Word expects it, then the list of signatories on a new page."""
    document = docx.Document()
    _setup(document)
    document.core_properties.title = letter.title
    document.core_properties.language = letter.language or "en"
    letter_part(document, letter)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading(gettext("Signatories (%(count)s)", count=listing.count), level=1)
    if sent := list_sent_line(letter, options.heading_language):
        document.add_paragraph(sent)
    list_style = document.styles.add_style("Signatory", WD_STYLE_TYPE.PARAGRAPH)
    list_style.base_style = document.styles["Normal"]
    list_style.paragraph_format.space_after = Pt(0)
    # Names are written as plain XML before the section properties: python-docx's
    # add_paragraph() searches the body each time, which is quadratic for a long list.
    end = document.element.body.get_or_add_sectPr()
    for opened, row in walk(listing, options):
        for level, title in opened:
            document.add_heading(title, level=min(level + 2, 9))
        label = options.label(row)
        rtl = options.right_to_left or is_rtl(label)
        end.addprevious(_list_paragraph(label, row.affiliation, rtl))
    if reads_rtl(letter.language):
        right_to_left(document, letter.language)
    complex_script_styles(document)
    buffer = io.BytesIO()
    document.save(buffer)
    yield buffer.getvalue()
