"""Reading the tables people bring: CSV in any common delimiter and encoding, XLSX, pasted text.

Everything becomes rows of plain strings; what the cells mean is decided later.
"""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from openpyxl import load_workbook

MAX_ROWS = 20_000
MAX_COLUMNS = 60
MAX_CELL = 2_000  # characters kept of one cell
DELIMITERS = ",;\t|"
_OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class FileProblem(ValueError):
    """A file that cannot be read as a table: the message says why, plainly."""


@dataclass(frozen=True)
class Sheet:
    """One table: its name and its rows, each a list of strings, as in the file."""

    name: str
    rows: list[list[str]]


def read_upload(data: bytes, file_name: str = "") -> list[Sheet]:
    """The sheets of an uploaded CSV or XLSX file; raises FileProblem with a clear reason."""
    if not data.strip():
        raise FileProblem("The file is empty.")
    if data.startswith(_OLD_EXCEL):
        raise FileProblem("This is an old Excel file (.xls): save it as .xlsx or CSV first.")
    if data.startswith(b"PK\x03\x04"):
        sheets = _read_xlsx(data)
    else:
        text = decode(data)
        if "\x00" in text or _looks_binary(text):
            raise FileProblem("This is not a CSV or XLSX file. Save it as CSV or .xlsx first.")
        sheets = [Sheet(file_name or "CSV", read_csv(text))]
    if not any(any(cell for cell in row) for sheet in sheets for row in sheet.rows):
        raise FileProblem("The file has no rows with anything in them.")
    return sheets


def decode(data: bytes) -> str:
    """Text from UTF-8 (with or without BOM), UTF-16 (as Excel saves it) or Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    sample = data[:4000]
    if len(sample) > 3 and sample[1::2].count(0) > len(sample) // 4:
        return _strict(data, "utf-16-le")  # UTF-16 without its mark: every other byte NUL
    if len(sample) > 3 and sample[0::2].count(0) > len(sample) // 4:
        return _strict(data, "utf-16-be")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Five bytes are undefined in Windows-1252; Latin-1 reads those as control characters.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise FileProblem("This file's characters cannot be read: save it as UTF-8 CSV.") from exc


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t")
    return controls > len(sample) // 20


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: the sniffer's answer, or the commonest in the first lines."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.__getitem__)
        return best if counts[best] else ","


def read_csv(text: str) -> list[list[str]]:
    """Rows of a CSV text, its delimiter sniffed."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows = []
    try:
        for row in reader:
            rows.append([cell.strip()[:MAX_CELL] for cell in row[:MAX_COLUMNS]])
            if len(rows) > MAX_ROWS + 1:
                raise FileProblem(f"The file has more than {MAX_ROWS:,} rows: split it.")
    except csv.Error as exc:
        raise FileProblem(f"This CSV file is malformed near line {reader.line_num}.") from exc
    return rows


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date | time):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()[:MAX_CELL]


def _read_xlsx(data: bytes) -> list[Sheet]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileProblem(
            "This is not a CSV or XLSX file (or the XLSX file is damaged). "
            "Save it as CSV or .xlsx first."
        ) from exc
    try:
        sheets = []
        total = 0
        for worksheet in book.worksheets:
            rows = []
            for values in worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
                rows.append([_cell(v) for v in values])
                total += 1
                if total > MAX_ROWS + len(book.worksheets):
                    raise FileProblem(f"The file has more than {MAX_ROWS:,} rows: split it.")
            sheets.append(Sheet(worksheet.title, _trim(rows)))
        return sheets
    finally:
        book.close()


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Drop the empty columns at the right and the empty rows at the end (XLSX keeps them)."""
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((i + 1 for row in rows for i, cell in enumerate(row) if cell), default=0)
    return [row[:width] for row in rows]


_TRAILING = re.compile(r"^(?P<name>.+?)\s*(?:[,;]|\s[-–—]|\t)\s*(?P<country>[^,;()\t]+?)\s*$")
_BRACKETED = re.compile(r"^(?P<name>.+?)\s*\((?P<country>[^()]+)\)\s*$")


def read_pasted(text: str, is_country: Callable[[str], bool] | None = None) -> Sheet:
    """Text pasted one organisation per line ("Name" or "Name, Country"); tabs mean a table.

    `is_country(text) -> bool` says whether a trailing piece is a country, so that
    "Réseau Equitas (REQCI)" keeps its acronym in the name.
    """
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    if sum("\t" in line for line in lines) > len([x for x in lines if x]) // 2:
        return Sheet("Pasted text", read_csv(text))
    rows = [["Organisation", "Country"]]
    for line in lines:
        rows.append(_split_line(line, is_country))
        if len(rows) > MAX_ROWS + 1:
            raise FileProblem(f"The text has more than {MAX_ROWS:,} lines: split it.")
    rows = _trim(rows)
    if len(rows) < 2:
        raise FileProblem("The pasted text is empty.")
    return Sheet("Pasted text", rows)


def _split_line(line: str, is_country: Callable[[str], bool] | None) -> list[str]:
    line = line.strip()[:MAX_CELL]
    for pattern in (_BRACKETED, _TRAILING):
        match = pattern.match(line)
        if match and is_country is not None and is_country(match["country"]):
            return [match["name"].strip(), match["country"].strip()]
    return [line, ""]
