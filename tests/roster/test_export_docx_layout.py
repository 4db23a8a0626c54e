"""The DOCX lays the letter's body out as the PDF does: nested lists, their own numbers, quotes."""

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

BODY = """\
# Our three demands

- Fund adaptation.
  - A nested point.
- Count the money once.

  Once, and in the open.

Between the lists, a paragraph.

### What we ask

3. Third point.
   1. A nested numbered point.
4. Fourth point.

> A block quote.
"""


@pytest.fixture
def paragraphs(runner, tmp_path):
    """The body's paragraphs by their text, from the letter created and exported by command."""
    source = tmp_path / "letter.md"
    source.write_text(BODY, encoding="utf-8")
    created = runner.invoke(
        args=["letter", "create", "--slug", "cop", "--title", "COP", "--body-file", str(source)]
    )
    assert created.exit_code == 0, created.output
    path = tmp_path / "letter.docx"
    result = runner.invoke(args=["letter", "export", "cop", "--format", "docx", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return {p.text: p for p in docx.Document(str(path)).paragraphs if p.text}


def test_bullets_nest_and_an_items_second_paragraph_has_no_bullet(paragraphs):
    assert paragraphs["Fund adaptation."].style.name == "List Bullet"
    assert paragraphs["A nested point."].style.name == "List Bullet 2"
    more = paragraphs["Once, and in the open."]
    assert more.style.name == "List Continue" and more.paragraph_format.left_indent == Twips(360)


def test_numbers_are_the_letters_own_and_hang(paragraphs):
    third = paragraphs["3.\tThird point."]
    assert third.paragraph_format.left_indent == Twips(360)
    assert third.paragraph_format.first_line_indent == -Twips(360)
    nested = paragraphs["1.\tA nested numbered point."]
    assert nested.paragraph_format.left_indent == Twips(720)
    assert "4.\tFourth point." in paragraphs


def test_items_follow_each_other_and_the_list_keeps_its_gap(paragraphs):
    spacing = [
        paragraphs[text].paragraph_format.space_after
        for text in ("Fund adaptation.", "A nested point.", "Once, and in the open.")
    ]
    assert spacing == [Pt(0), Pt(0), Pt(6)]


def test_quotes_are_indented_and_headings_are_the_letters_serif(paragraphs):
    quote = paragraphs["A block quote."]
    assert (
        quote.style.name == "Quote" and round(quote.style.paragraph_format.left_indent.cm, 2) == 1
    )
    for text, size in (("Our three demands", 15), ("What we ask", 12)):
        style = paragraphs[text].style
        fonts = style.element.rPr.rFonts
        assert style.font.name == "Georgia" and fonts.get(qn("w:asciiTheme")) is None
        assert style.font.bold and not style.font.italic and style.font.size == Pt(size)
