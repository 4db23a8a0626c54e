"""PDF: the same letter and list, with fonts for Latin, Cyrillic and Arabic, shaped right-to-left.

fpdf2 shapes text with HarfBuzz (uharfbuzz) and applies the Unicode bidirectional algorithm,
so Arabic letters join and run right to left. The Noto fonts come from PyPI packages, so a
fresh machine needs nothing but pip. They are variable fonts: we use their default instance
(regular weight; instancing a bold one takes seconds) and draw bold as filled-and-stroked text.
"""

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import fontpkg_noto_sans
import fontpkg_noto_sans_arabic
import fontpkg_noto_serif
from flask_babel import gettext
from fpdf import FPDF, ViewerPreferences
from fpdf.enums import TextMode, XPos, YPos
from fpdf.syntax import Name

from signon.letters.models import Letter
from signon.roster.document import (
    Block,
    Run,
    is_rtl,
    lines,
    parse_body,
    reads_rtl,
    signature_blocks,
)
from signon.roster.options import ExportOptions
from signon.roster.pdf_body import LINE, SUPERSCRIPT, lay_out
from signon.roster.rows import Listing
from signon.roster.sent import list_sent_line, place_date
from signon.roster.text import walk

NOTE_LINE = 4.2  # mm, for 9 pt footnotes
BOTTOM = 20  # mm below the text, above the page number
BOLD_STROKE = 0.18  # mm of outline that makes regular glyphs read as bold


def needs_shaping(text: str) -> bool:
    """Whether HarfBuzz must shape the text: scripts from Hebrew and Arabic on, not Latin.

    Shaping every line costs ten times more; Latin, Greek and Cyrillic need none.
    """
    return any("\u0590" <= ch <= "\u1fff" or "\ufb1d" <= ch <= "\ufeff" for ch in text)


@cache
def font_files() -> dict[str, Path]:
    """The font files, found inside their Python packages."""
    return {
        "serif": fontpkg_noto_serif.ROOT / "files/NotoSerif[wdth,wght].ttf",
        "serif-italic": fontpkg_noto_serif.ROOT / "files/NotoSerif-Italic[wdth,wght].ttf",
        "sans": fontpkg_noto_sans.ROOT / "files/NotoSans[wdth,wght].ttf",
        "arabic": fontpkg_noto_sans_arabic.ROOT / "files/NotoSansArabic[wdth,wght].ttf",
    }


class RightToLeftPages(ViewerPreferences):
    """Facing pages shown right to left (/Direction /R2L: fpdf2 2.8.9 writes "RTL")."""

    @property
    def direction(self) -> Name:
        """The PDF name for right-to-left reading order."""
        return Name("R2L")

    @direction.setter
    def direction(self, _value: object) -> None:
        pass


class LetterPDF(FPDF):
    """A4, fonts registered, page numbers in the footer."""

    def __init__(self, title: str, language: str = "en") -> None:
        super().__init__(format="A4")
        self.doc_title = title
        # A letter in Arabic: every paragraph right to left, aligned right, markers on the
        # right, and a viewer shows facing pages right to left.
        self.rtl = reads_rtl(language)
        self.set_lang(language)
        if self.rtl:
            self.viewer_preferences = RightToLeftPages()
        files = font_files()
        for style in ("", "B"):
            self.add_font("serif", style, files["serif"])
            self.add_font("serif", style + "I", files["serif-italic"])
            self.add_font("arabic", style, files["arabic"])
        self.add_font("sans", "", files["sans"])
        self.complex_script(True)
        self.margin = 25.0  # left and right; the body's lists and quotes move the left one
        self.set_margins(self.margin, 20, self.margin)
        self.set_auto_page_break(True, margin=BOTTOM)
        # Footnotes referenced on the current page, drawn at its foot by footer().
        self.notes_due: list[tuple[int, list[Block]]] = []
        self.notes_height = 0.0
        self.noted: set[int] = set()
        self.set_title(title)
        self.set_creator("Signon")

    def complex_script(self, on: bool) -> None:
        """Shaping and fallback fonts only for text that needs them: both cost per character."""
        if on != getattr(self, "_complex", None):
            self._complex = on
            self.set_fallback_fonts(["arabic", "sans"] if on else [], exact_match=False)
            # In a right-to-left letter a line opening with a Latin word still reads right
            # to left; elsewhere the first strong letter decides, as HTML's dir=auto.
            self.set_text_shaping(on, direction="rtl" if on and self.rtl else None)

    def add_note(self, number: int, blocks: list[Block]) -> None:
        """Keep room at the foot of this page for footnote `number`, drawn when it ends."""
        self.set_font("serif", "", 9)
        text = f"{number} " + " ".join(block.text for block in blocks)
        lines = self.multi_cell(self.epw, NOTE_LINE, text, dry_run=True, output="LINES")
        self.notes_height += len(lines) * NOTE_LINE + (4 if not self.notes_due else 1)
        self.notes_due.append((number, blocks))
        self.set_auto_page_break(True, margin=BOTTOM + self.notes_height)

    def draw_notes(self) -> None:
        """The footnotes of this page, under a short rule, above the page number."""
        top = self.h - BOTTOM - self.notes_height + 2
        start = self.w - self.r_margin - 50 if self.rtl else self.l_margin
        with self.local_context(draw_color=150):
            self.line(start, top, start + 50, top)
        self.set_xy(self.l_margin, top + 2)
        for number, blocks in self.notes_due:
            if self.rtl:
                self._rtl_note(number, blocks)
                continue
            for index, block in enumerate(blocks):
                self.set_font("serif", "", 9)
                if index == 0:
                    self.char_vpos = "SUP"
                    self.write(NOTE_LINE, str(number))
                    self.char_vpos = "LINE"
                    self.write(NOTE_LINE, " ")
                for run in block.runs:
                    self.styled(run, 9)
                self.ln(NOTE_LINE + 1)
        self.notes_due, self.notes_height = [], 0.0
        self.set_auto_page_break(True, margin=BOTTOM)

    def _rtl_note(self, number: int, blocks: list[Block]) -> None:
        """A footnote of a right-to-left letter: its number on the right, the text after it."""
        for index, block in enumerate(blocks):
            text = block.text if index else f"{str(number).translate(SUPERSCRIPT)} {block.text}"
            self.set_font("serif", "", 9)
            self.complex_script(True)
            self.multi_cell(0, NOTE_LINE, text, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def footer(self) -> None:
        """This page's footnotes, then its number, between the page's margins."""
        indent, self.l_margin = self.l_margin, self.margin  # a list item may break the page
        if self.notes_due:
            self.draw_notes()
        self.set_y(-14)
        self.set_font("serif", "", 8)
        self.set_text_color(110)
        # The page number alone: a "{nb}" total would need its width reserved in advance.
        self.cell(0, 5, str(self.page_no()), align="C")
        self.set_text_color(0)
        self.l_margin = indent

    def bold(self, on: bool = True) -> object:
        """A context in which text is drawn bold (filled and outlined), or unchanged."""
        if not on:
            return self.local_context()
        return self.local_context(
            text_mode=TextMode.FILL_STROKE, line_width=BOLD_STROKE, draw_color=self.text_color
        )

    def styled(self, run: Run, size: float = 11) -> None:
        """Write one run inline, in its style."""
        self.set_font("serif", "I" if run.italic else "", size)
        link = run.link if run.link and run.link.startswith(("http", "mailto:")) else ""
        self.complex_script(needs_shaping(run.text))
        with self.bold(run.bold):
            if link:
                with self.local_context(text_color=(26, 95, 180)):
                    self.write(LINE * size / 11, run.text, link=link)
            else:
                self.write(LINE * size / 11, run.text)

    def paragraph(self, text: str, bold: bool = False, size: float = 11, align: str = "") -> None:
        """A whole paragraph of one style; right-aligned when the text is right-to-left."""
        self.set_font("serif", "", size)
        align = align or ("R" if self.rtl or is_rtl(text) else "L")
        self.complex_script(needs_shaping(text))
        height = LINE * size / 11
        with self.bold(bold):
            # A single cell is much cheaper than line breaking, for the many short names.
            if len(text) <= 40:  # fits a line even in capitals; measuring costs as much again
                self.cell(0, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            else:
                self.multi_cell(0, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _parts(pdf: LetterPDF, text: str, **style: object) -> None:
    for line in lines(text):
        pdf.paragraph(line, **style)
    if lines(text):
        pdf.ln(LINE * 0.8)


def letter_part(pdf: LetterPDF, letter: Letter) -> None:
    """Letterhead to copy line."""
    _parts(pdf, letter.letterhead, bold=True, size=13, align="C")
    # The place and date at the end of the line: the right in English, the left in Arabic.
    _parts(pdf, place_date(letter), align="L" if pdf.rtl else "R")
    if letter.reference:
        _parts(pdf, gettext("Ref.: %(reference)s", reference=letter.reference))
    _parts(pdf, letter.addressee)
    _parts(pdf, letter.subject or letter.title, bold=True)
    _parts(pdf, letter.salutation)
    body = parse_body(letter.body)
    lay_out(pdf, body.blocks, body.notes)
    _parts(pdf, letter.closing)
    blocks = signature_blocks(letter)
    width = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    for start in range(0, len(blocks), 2):
        top, bottom = pdf.get_y(), pdf.get_y()
        for column, block in enumerate(blocks[start : start + 2]):
            # Right to left, the first sender signs on the right.
            place = 1 - column if pdf.rtl else column
            pdf.set_xy(pdf.l_margin + place * width + (4 if pdf.rtl else 0), top)
            text = "\n".join(p for p in (block["title"], block["organisation"]) if p)
            pdf.set_font("serif", "", 11)
            pdf.complex_script(pdf.rtl or needs_shaping(block["name"] + text))
            side = "R" if pdf.rtl else "L"
            with pdf.bold():
                pdf.multi_cell(
                    width - 4, LINE, block["name"], align=side, new_x=XPos.LEFT, new_y=YPos.NEXT
                )
            if text:
                pdf.multi_cell(width - 4, LINE, text, align=side, new_x=XPos.LEFT, new_y=YPos.NEXT)
            bottom = max(bottom, pdf.get_y())
        pdf.set_xy(pdf.l_margin, bottom + LINE)
    if letter.copy_line:
        _parts(pdf, gettext("Cc: %(line)s", line=letter.copy_line))


def to_pdf(letter: Letter, listing: Listing, options: ExportOptions) -> Iterator[bytes]:
    """The letter, then its signatories on a new page."""
    pdf = LetterPDF(letter.title, letter.language or "en")
    pdf.add_page()
    letter_part(pdf, letter)
    pdf.add_page()
    pdf.paragraph(gettext("Signatories (%(count)s)", count=listing.count), bold=True, size=15)
    if sent := list_sent_line(letter, options.heading_language):
        pdf.paragraph(sent)
    pdf.ln(2)
    for opened, row in walk(listing, options):
        for level, heading in opened:
            pdf.ln(2)
            pdf.paragraph(heading, bold=True, size=13 if level == 0 else 12)
        label = options.label(row) + (f", {row.affiliation}" if row.affiliation else "")
        pdf.paragraph(label)
    yield bytes(pdf.output())
