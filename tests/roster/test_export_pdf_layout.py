"""The PDF lays the letter's body out as the DOCX does, read from where its text is drawn.

Positions are PDF points from the page's bottom left corner, compared with where the
body's paragraphs start (the left margin).
"""

from dataclasses import dataclass

import pytest
from pypdf import PdfReader

WIDTH = 595.28  # A4
HANG = 6.35 * 72 / 25.4  # a list level: Word's quarter inch
BODY = """\
# Our three demands

We write to you about the **three** matters below, with [the report](https://example.org/r).

- Fund adaptation in every country that asks, with grants rather than loans that add debt.
- Fund loss and damage.
  - A nested point, long enough to wrap under its own text and not under its bullet.
- Count the money once.

  Once, and in the open: a second paragraph of the item, under its text.

Between the lists, a paragraph.

## What we ask of the ministers

3. Third point, long enough to wrap onto a second line so that its number hangs on its left.
4. Fourth point.

> A block quote that is long enough to wrap onto a second line, indented as a whole from the margin.

- نص عربي في قائمة نقطية طويلة بما يكفي لكي يلتف على سطر ثان تحت النص وليس تحت النقطة في كل الأحوال.

The end.
"""


@dataclass
class Piece:
    """A piece of text as drawn: where it starts, its size, font, and whether it is bold."""

    x: float
    y: float
    size: float
    font: str
    bold: bool
    text: str


def pieces(path, page: int = 0) -> list[Piece]:
    """A page's pieces of text, in drawing order."""
    drawn: list[Piece] = []
    modes = [0]  # the text render mode, saved and restored with the graphics state

    def before(operator, operands, cm, tm):
        if operator == b"q":
            modes.append(modes[-1])
        elif operator == b"Q":
            modes.pop()
        elif operator == b"Tr":
            modes[-1] = int(operands[0])

    def visit(text, cm, tm, font, size):
        if text.strip():
            name = str(font.get("/BaseFont", "")) if font else ""
            # Bold is drawn filled and outlined (render mode 2): the fonts are variable.
            drawn.append(Piece(tm[4], tm[5], size, name, modes[-1] == 2, text.strip()))

    PdfReader(path).pages[page].extract_text(visitor_text=visit, visitor_operand_before=before)
    return drawn


def starting(drawn: list[Piece], text: str) -> int:
    return next(i for i, piece in enumerate(drawn) if piece.text.startswith(text))


def exported(runner, tmp_path, body: str):
    """The letter created and exported through the command line, as a secretariat would."""
    source = tmp_path / "letter.md"
    source.write_text(body, encoding="utf-8")
    created = runner.invoke(
        args=["letter", "create", "--slug", "cop", "--title", "COP", "--body-file", str(source)]
    )
    assert created.exit_code == 0, created.output
    path = tmp_path / "letter.pdf"
    result = runner.invoke(args=["letter", "export", "cop", "--format", "pdf", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def drawn(runner, tmp_path) -> list[Piece]:
    return pieces(exported(runner, tmp_path, BODY))


def test_a_wrapped_bullet_line_starts_under_the_text_not_under_the_bullet(drawn):
    margin = drawn[starting(drawn, "We write")].x
    item = starting(drawn, "Fund adaptation")
    bullet, first, wrapped = drawn[item - 1], drawn[item], drawn[item + 1]
    assert bullet.text == "•" and bullet.x == pytest.approx(margin, abs=0.5)
    assert first.x == pytest.approx(margin + HANG, abs=0.5)
    assert wrapped.y < first.y and wrapped.x == pytest.approx(first.x, abs=0.5)
    nested = starting(drawn, "A nested point")
    assert drawn[nested - 1].text == "•"
    assert drawn[nested - 1].x == pytest.approx(margin + HANG, abs=0.5)
    assert drawn[nested].x == drawn[nested + 1].x == pytest.approx(margin + 2 * HANG, abs=0.5)


def test_an_items_second_paragraph_goes_under_its_text_without_a_bullet(drawn):
    item, more = starting(drawn, "Count the money"), starting(drawn, "Once, and")
    assert drawn[more - 1] is drawn[item] and drawn[more].x == drawn[item].x
    assert drawn[item].y - drawn[more].y == pytest.approx(
        drawn[item - 2].y - drawn[item].y, abs=0.1
    )


def test_list_items_follow_each_other_and_the_list_keeps_its_gaps(drawn):
    item = starting(drawn, "Fund adaptation")
    line = drawn[item].y - drawn[item + 1].y
    ys = [drawn[starting(drawn, text)].y for text in ("Fund adaptation", "Fund loss", "Count")]
    before = drawn[starting(drawn, "We write")].y
    after = drawn[starting(drawn, "Between the lists")].y
    # Two lines for the first item, one for the second: no paragraph gap between items.
    assert ys[0] - ys[1] == pytest.approx(2 * line, abs=0.5)
    # A gap before and after the list, as after a paragraph.
    assert before - ys[0] > line + 3 and ys[2] - after > line + 3


def test_a_numbered_list_is_numbered_with_the_numbers_hanging(drawn):
    margin = drawn[starting(drawn, "We write")].x
    item = starting(drawn, "Third point")
    assert drawn[item - 1].text == "3." and drawn[item - 1].x == pytest.approx(margin, abs=0.5)
    assert drawn[item + 1].x == drawn[item].x == pytest.approx(margin + HANG, abs=0.5)
    assert drawn[starting(drawn, "Fourth point") - 1].text == "4."


def test_headings_are_bigger_and_bold_and_body_text_is_not(drawn):
    title, subtitle = drawn[starting(drawn, "Our three")], drawn[starting(drawn, "What we ask")]
    body = drawn[starting(drawn, "We write")]
    assert title.size > subtitle.size > body.size == 11
    assert title.bold and subtitle.bold and not body.bold
    assert drawn[starting(drawn, "three")].bold  # **three**
    # More room above a heading than below it.
    above = drawn[starting(drawn, "Between the lists")].y - subtitle.y
    below = subtitle.y - drawn[starting(drawn, "Third point")].y
    assert above > below + 5


def test_a_block_quote_is_indented_as_a_whole_and_italic(drawn):
    margin = drawn[starting(drawn, "We write")].x
    first = drawn[starting(drawn, "A block quote")]
    wrapped = drawn[starting(drawn, "A block quote") + 1]
    assert first.x == wrapped.x == pytest.approx(margin + 10 * 72 / 25.4, abs=0.5)
    assert "Italic" in first.font


def test_a_right_to_left_item_hangs_from_the_right_and_stays_shaped(drawn):
    quote = drawn[starting(drawn, "A block quote")]
    bullet = next(piece for piece in drawn if piece.text == "•" and piece.y < quote.y)
    arabic = [piece for piece in drawn if "Arabic" in piece.font]
    # Right-aligned, the bullet on the right of the text, a hang's width from it.
    assert arabic and max(piece.x for piece in arabic) < bullet.x - 5
    margin = drawn[starting(drawn, "We write")].x
    assert WIDTH - margin - HANG < bullet.x < WIDTH - margin - 2  # in the right margin's hang
    # Shaped and drawn right to left: the first word is the rightmost, on the first line.
    # (pypdf puts control characters between positioned glyphs.)
    first_word = next(p for p in arabic if "".join(filter(str.isalpha, p.text)) == "نص")
    first_line = [piece for piece in arabic if abs(piece.y - first_word.y) < 4]
    assert first_word.x == max(piece.x for piece in first_line) and len(first_line) > 5
    assert any(piece.y < first_word.y - 10 for piece in arabic)  # wrapped onto a second line


def test_an_item_cut_by_the_page_goes_on_under_its_text_and_the_notes_keep_the_margin(
    runner, tmp_path
):
    filler = "\n\n".join(f"Paragraph {n} of a long letter body. " * 6 for n in range(9))
    item = "of a long list whose lines wrap, and wrap again, so that one of them is cut by the page"
    items = "\n".join(f"- Item {n} {item}.[^{n}]" for n in range(1, 9))
    notes = "\n".join(f"[^{n}]: Note {n}." for n in range(1, 9))
    path = exported(runner, tmp_path, f"Opening.\n\n{filler}\n\n{items}\n\n{notes}\n")
    first, second = pieces(path, 0), pieces(path, 1)
    margin = first[starting(first, "Opening")].x
    text = first[starting(first, "Item 1")].x
    assert text == pytest.approx(margin + HANG, abs=0.5)
    # The page breaks inside an item: its next line starts the page, under the item's text.
    assert not second[0].text.startswith("Item") and second[0].x == pytest.approx(text)
    # The notes of each page and its number are laid out between the page's margins.
    for page in (first, second):
        notes = [piece for piece in page if piece.text.startswith("Note")]
        assert notes and all(note.x < text - 5 for note in notes)  # not under the item
        number = page[-1]
        assert number.text.isdigit() and abs(number.x - WIDTH / 2) < 5


def test_a_footnote_mark_stays_on_the_line_of_the_word_it_follows(runner, tmp_path):
    # Each paragraph ends a letter further right: one of them ends its line at the margin.
    body = "\n\n".join(f"{'Word ' * 12}{'i' * n} end.[^1] Then more." for n in range(16))
    path = exported(runner, tmp_path, f"{body}\n\n[^1]: The note.\n")
    drawn = pieces(path, 0) + pieces(path, 1)
    marks = [i for i, p in enumerate(drawn) if p.text == "1" and drawn[i - 1].text.endswith("end.")]
    assert len(marks) == 16 and all(drawn[i].size < 11 for i in marks)
    assert all(drawn[i].y == drawn[i - 1].y for i in marks)
    # What follows starts the next line at the margin, without a space before it.
    margin = drawn[0].x
    assert any(drawn[i + 1].y < drawn[i].y and drawn[i + 1].x == margin for i in marks)
