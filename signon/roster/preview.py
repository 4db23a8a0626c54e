"""The first lines of an export as it will come out, for the organisers' downloads page."""

from dataclasses import dataclass

from flask_babel import force_locale

from signon.letters.models import Letter
from signon.roster.formats import FORMATS
from signon.roster.options import ExportOptions
from signon.roster.rows import listing
from signon.roster.tabular import CSV_BOM

# Documents and spreadsheets list the same names, in the same order, as these text forms.
SHOWN_AS = {"docx": "txt", "pdf": "txt", "xlsx": "csv"}
LINES = 12


@dataclass(frozen=True)
class Preview:
    """How many signatories the list has and its first lines in one format."""

    count: int
    fmt: str
    lines: list[str]
    more: bool


def preview(letter: Letter, fmt: str, options: ExportOptions, lines: int = LINES) -> Preview:
    """The count and the first `lines` lines of the list in `fmt` (text shown for documents)."""
    shown = SHOWN_AS.get(fmt, fmt)
    options = options.resolved(letter.language)
    arranged = listing(letter, options)
    count = arranged.count
    text, more = "", False
    with force_locale(options.heading_language):
        writer = FORMATS[shown].writer(letter, arranged, options)
        for chunk in writer:
            text += chunk
            if text.count("\n") > lines:
                more = True
                break
        writer.close()
    out = text.removeprefix(CSV_BOM).splitlines()
    return Preview(count, shown, out[:lines], more or len(out) > lines)
