"""Spreadsheets: CSV (streamed, UTF-8 with BOM) and XLSX (header row frozen, text cells and
the signing date as a date)."""

import csv
import io
import os
import tempfile
import unicodedata
from collections.abc import Iterator

from flask_babel import gettext

from signon.letters.models import Letter
from signon.roster.options import ExportOptions
from signon.roster.rows import Listing

# Spreadsheets run a cell that starts with these as a formula (or, for tab, CR and LF,
# skip them and look at what follows); full-width and small forms (＝＋－＠, ﹦﹢﹣﹫) are
# read as the same by some, so these are compared after compatibility normalisation.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\u2212")
CSV_BOM = "\ufeff"


def starts_a_formula(cell: str) -> bool:
    """Whether a spreadsheet may read the cell as a formula, once leading blanks are skipped."""
    if cell[:1].isalnum():  # nearly every name: no formula starter is a letter or digit
        return False
    for char in cell:
        if char in FORMULA_STARTS or unicodedata.normalize("NFKC", char) in FORMULA_STARTS:
            return True
        # Spaces and invisible format characters (bidi controls, zero-width) are skipped.
        if not (char.isspace() or unicodedata.category(char) == "Cf"):
            return False
    return False


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs: CSV and XLSX alike."""
    return "'" + cell if starts_a_formula(cell) else cell


def to_csv(letter: Letter, listing: Listing, options: ExportOptions) -> Iterator[str]:
    """A header, then a row per signatory; UTF-8 with BOM so that Excel reads it right."""
    buffer = io.StringIO()
    # Every field quoted: a reader splitting on ";" (Excel in many locales) then keeps a
    # "Name;=formula" in one text field instead of starting a new, formula, cell.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)

    def flush() -> str:
        """What the writer wrote since the last flush."""
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(options.header())
    yield CSV_BOM + flush()
    for row in listing.rows:
        writer.writerow([neutralise(cell) for cell in options.cells(row)])
        yield flush()


# Column widths by column key (contacts by their position after the chosen columns).
WIDTHS = {
    "name": 48,
    "acronym": 12,
    "country": 9,
    "country_name": 24,
    "website": 32,
    "signed_at": 12,
    "kind": 13,
    "affiliation": 40,
}
CONTACT_WIDTHS = (32, 36, 24)
XLSX_OPTIONS = {
    # Every value is written with write_string; these make sure none is ever reinterpreted.
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    # Rows go to a temporary file as they are written, not into memory.
    "constant_memory": True,
}


def to_xlsx(letter: Letter, listing: Listing, options: ExportOptions) -> Iterator[bytes]:
    """A workbook with one sheet; every cell is text (never a formula) but the date."""
    import xlsxwriter  # only for this format

    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        workbook = xlsxwriter.Workbook(path, XLSX_OPTIONS)
        sheet = workbook.add_worksheet(gettext("Signatories"))
        bold = workbook.add_format({"bold": True, "bottom": 1})
        # A date a spreadsheet sorts and filters as a date, shown the ISO way in every locale.
        day = workbook.add_format({"num_format": "yyyy-mm-dd", "align": "left"})
        header = options.header()
        widths = [WIDTHS.get(c, 20) for c in options.columns] + list(CONTACT_WIDTHS)
        for col, title in enumerate(header):
            sheet.set_column(col, col, widths[col])
            sheet.write_string(0, col, title, bold)
        sheet.freeze_panes(1, 0)
        dated = options.columns.index("signed_at") if "signed_at" in options.columns else -1
        count = 0
        for count, row in enumerate(listing.rows, start=1):
            for col, cell in enumerate(options.cells(row)):
                if col == dated:
                    sheet.write_datetime(count, col, row.signed_at.date(), day)
                else:
                    sheet.write_string(count, col, neutralise(cell))
        sheet.autofilter(0, 0, max(count, 1), len(header) - 1)
        workbook.close()
        with open(path, "rb") as stream:
            while chunk := stream.read(65536):
                yield chunk
    finally:
        os.unlink(path)
