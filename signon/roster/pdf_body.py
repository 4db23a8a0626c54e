"""The letter's body in the PDF, laid out as the DOCX lays it out.

Lists hang: the bullet or number sits in its own slot and every line of the item, wrapped
ones too, starts under the item's text; items follow each other without a paragraph gap,
and the list as a whole keeps one before and after. Headings are bigger and bold with more
room above than below, block quotes are indented and italic, as Word's "Quote" style.
Right-to-left blocks are right-aligned, their bullet on the right.
"""

from typing import Protocol

from fpdf.enums import XPos, YPos

from signon.roster.document import (
    HEADING_SIZE,
    LISTED,
    Block,
    Run,
    heading,
    is_rtl,
    item_follows,
)

LINE = 5.6  # mm, for 11 pt text
HANG = 6.35  # mm a list level indents and its marker takes, Word's quarter inch
QUOTE = 10.0  # mm a block quote is indented by
GAP = LINE * 0.5  # after a paragraph, a list, a quote
HEADING_BEFORE = 3.5  # mm, added to the gap before a heading
HEADING_AFTER = 1.0
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class Page(Protocol):
    """What the layout needs of signon.roster.pdf.LetterPDF beside FPDF's own methods."""

    w: float
    margin: float
    noted: set[int]
    rtl: bool

    def styled(self, run: Run, size: float = 11) -> None: ...
    def add_note(self, number: int, blocks: list[Block]) -> None: ...
    def complex_script(self, on: bool) -> None: ...
    def bold(self, on: bool = True) -> object: ...


def _marker(block: Block) -> str:
    if block.kind not in LISTED or not block.first:
        return ""
    return "•" if block.kind == "bullet" else f"{block.number}."


def _indents(block: Block) -> tuple[float, float]:
    """Where the marker and the text start, in mm from the margin on the text's start side."""
    if block.kind in LISTED:
        return HANG * block.depth, HANG * (block.depth + 1)
    if block.kind == "quote":
        return QUOTE, QUOTE
    return 0.0, 0.0


def _note(pdf: Page, number: int, notes: dict[int, list[Block]]) -> None:
    if number not in pdf.noted:
        pdf.noted.add(number)
        pdf.add_note(number, notes.get(number, []))


def _room(pdf: Page, height: float) -> None:
    """A new page unless `height` fits above the footnotes and the foot of this one."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _mark(pdf: Page, mark: str, size: float, height: float) -> bool:
    """A footnote mark, raised, kept beside the word before it; whether it filled the line.

    Where the line is full, the mark hangs in the right margin, as a typesetter hangs
    punctuation, instead of starting the next line alone.
    """
    pdf.set_font("serif", "", size)
    pdf.complex_script(False)
    pdf.char_vpos = "SUP"
    width = pdf.get_string_width(mark) * 0.7  # superscript glyphs are drawn smaller
    full = pdf.get_x() + width + 2 * pdf.c_margin > pdf.w - pdf.r_margin
    if full:
        pdf.cell(width, height, mark)
    else:
        pdf.write(height, mark)
    pdf.char_vpos = "LINE"
    return full


def _left_to_right(pdf: Page, block: Block, notes: dict, size: float) -> None:
    marker_at, text_at = (pdf.margin + indent for indent in _indents(block))
    height = LINE * size / 11
    if marker := _marker(block):
        pdf.set_font("serif", "", size)
        pdf.complex_script(False)
        pdf.set_x(marker_at)
        pdf.cell(text_at - marker_at, height, marker)
    # write() wraps to the left margin: moved to the text, every line hangs under it.
    pdf.set_left_margin(text_at)
    pdf.set_x(text_at)
    line_full = False
    for run in block.runs:
        if run.note is not None:
            line_full = _mark(pdf, str(run.note), size, height)
            _note(pdf, run.note, notes)
            continue
        if line_full:  # what follows a mark in the margin starts the next line
            pdf.ln(height)
            run = Run(**{**run.__dict__, "text": run.text.lstrip(" ")})
        bold, italic = run.bold or heading(block), run.italic or block.kind == "quote"
        pdf.styled(Run(**{**run.__dict__, "bold": bold, "italic": italic}), size)
        line_full = False
    pdf.set_left_margin(pdf.margin)
    pdf.ln(height)


def _right_to_left(pdf: Page, block: Block, notes: dict, size: float) -> None:
    """One cell, right-aligned and shaped; note marks become superscript digits."""
    marker_at, text_at = _indents(block)
    right = pdf.w - pdf.margin
    text = ""
    for run in block.runs:
        text += run.text if run.note is None else str(run.note).translate(SUPERSCRIPT)
        if run.note is not None:
            _note(pdf, run.note, notes)
    italic = block.kind == "quote" or all(run.italic for run in block.runs if run.text)
    pdf.set_font("serif", "I" if italic else "", size)
    pdf.complex_script(True)
    height = LINE * size / 11
    top = pdf.get_y()
    if marker := _marker(block):
        # Drawn as a browser draws an Arabic list's marker: the number on the right, its
        # full stop on the left (".1"), with no shaping to second-guess the order.
        pdf.complex_script(False)
        pdf.set_xy(right - text_at, top)
        visual = marker if block.kind == "bullet" else f".{block.number}"
        pdf.cell(text_at - marker_at, height, visual, align="R")
        pdf.complex_script(True)
    pdf.set_xy(pdf.margin, top)
    bold = heading(block) or all(run.bold for run in block.runs if run.text)
    with pdf.bold(bold):
        width = right - text_at - pdf.margin
        pdf.multi_cell(width, height, text, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _space_after(block: Block, following: Block | None) -> float:
    if heading(block):
        return HEADING_AFTER
    if item_follows(block, following):
        return 0.0
    return GAP


def lay_out(pdf: Page, blocks: list[Block], notes: dict[int, list[Block]]) -> None:
    """The body's blocks in order, each starting on the line after the previous one."""
    for index, block in enumerate(blocks):
        size = HEADING_SIZE.get(block.kind, 11)
        if heading(block):
            if index:
                pdf.set_y(pdf.get_y() + HEADING_BEFORE)
            _room(pdf, LINE * size / 11 + 2 * LINE)  # a heading keeps two lines with it
        else:
            _room(pdf, LINE)  # a marker never stays alone at the foot of a page
        if pdf.rtl or is_rtl(block.text):
            _right_to_left(pdf, block, notes, size)
        else:
            _left_to_right(pdf, block, notes, size)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        pdf.set_y(pdf.get_y() + _space_after(block, following))
