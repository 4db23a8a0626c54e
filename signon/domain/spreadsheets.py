"""Reading the tables people bring: CSV in any common delimiter and encoding, XLSX, pasted text.

Everything becomes rows of plain strings; what the cells mean is decided later.
"""

import codecs
import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from openpyxl import load_workbook

from signon.domain.xlsx_limits import TooMuchWork, check_workbook

MAX_ROWS = 20_000
MAX_COLUMNS = 60
MAX_CELL = 2_000  # characters kept of one cell: more than any field takes, so never stored
MAX_TEXT = 10_000_000  # characters of all the cells together (shared strings repeat freely)
MAX_NAME = 200  # characters of a file's or a sheet's name
DELIMITERS = ",;\t|"
SNIFF_CHARS = 65_536  # characters looked at to guess the delimiter
SNIFF_RECORDS = 20
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
    if len(file_name) > MAX_NAME:
        raise FileProblem(f"The file's name is over {MAX_NAME} characters: rename the file.")
    if not file_name.isprintable():
        raise FileProblem("The file's name has characters we cannot accept: rename the file.")
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
    """The delimiter of a CSV text: the one found outside quotes the same number of times on
    most of its first records (ties in the order of DELIMITERS), else ",".

    One pass over at most SNIFF_CHARS characters: nothing here can backtrack (csv.Sniffer's
    regular expressions took minutes on a 120 KB header of quotes).
    """
    sample = text[:SNIFF_CHARS]
    records: list[dict[str, int]] = []
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in sample:
        if char == '"':
            quoted = not quoted  # a doubled quote inside quotes toggles twice: still inside
        elif quoted:
            continue
        elif char in counts:
            counts[char] += 1
        elif char == "\n":
            records.append(counts)
            counts = dict.fromkeys(DELIMITERS, 0)
            if len(records) == SNIFF_RECORDS:
                break
    if len(text) <= SNIFF_CHARS or not records:
        records.append(counts)  # the last record, whole (or the only one there is)
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        seen = Counter(record[delimiter] for record in records if record[delimiter])
        if not seen:
            continue
        times, agreeing = seen.most_common(1)[0]
        score = (agreeing, times)
        if score > best_score:
            best, best_score = delimiter, score
    return best


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
    damaged = FileProblem(
        "This is not a CSV or XLSX file (or the XLSX file is damaged). "
        "Save it as CSV or .xlsx first."
    )
    try:
        check_workbook(data)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except TooMuchWork as exc:
        raise FileProblem(str(exc)) from exc
    except Exception as exc:
        # A damaged or hand-made workbook makes openpyxl raise nearly anything (XML syntax,
        # KeyError, TypeError, IndexError...): each is this file's problem, plainly said.
        raise damaged from exc
    try:
        return _sheets(book)
    except FileProblem:
        raise
    except Exception as exc:  # the sheets are parsed only now: the same damage shows here
        raise damaged from exc
    finally:
        book.close()


def _sheets(book: object) -> list[Sheet]:
    """Every sheet's rows, within MAX_ROWS, MAX_COLUMNS and MAX_TEXT characters in all."""
    sheets, total, text = [], 0, 0
    for worksheet in book.worksheets:
        if len(worksheet.title) > MAX_NAME:
            raise FileProblem(
                f"A sheet's name is over {MAX_NAME} characters: shorten it in the workbook."
            )
        rows = []
        for values in worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            row = [_cell(v) for v in values]
            rows.append(row)
            total += 1
            text += sum(map(len, row))
            if total > MAX_ROWS + len(book.worksheets):
                raise FileProblem(f"The file has more than {MAX_ROWS:,} rows: split it.")
            if text > MAX_TEXT:
                raise FileProblem(
                    f"The file holds more than {MAX_TEXT:,} characters of text: keep only "
                    "the list's columns."
                )
        sheets.append(Sheet(worksheet.title, _trim(rows)))
    return sheets


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Drop the empty columns at the right and the empty rows at the end (XLSX keeps them)."""
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((i + 1 for row in rows for i, cell in enumerate(row) if cell), default=0)
    return [row[:width] for row in rows]


# What ends a pasted line's name before its country: ", ", "; ", a tab, or " - " (– —).
_DASHES = "-–—"
_NOT_IN_COUNTRY = ",;()\t"


def _trailing(line: str) -> tuple[str, str] | None:
    """ "Name, Country" (or ; tab - – —) as `^(.+?)\\s*(?:[,;]|\\s[-–—]|\\t)\\s*([^,;()\\t]+?)\\s*$`
    splits it, in linear time: that expression backtracked for seconds on a line of tabs."""
    size = len(line)
    # shown[p]: the first position from p that is not whitespace (size if none);
    # tab_before[p]: the last tab before p (-1 if none).
    shown, tab_before = [size] * (size + 1), [-1] * (size + 1)
    for p in range(size - 1, -1, -1):
        shown[p] = shown[p + 1] if line[p].isspace() else p
    for p in range(size):
        tab_before[p + 1] = p if line[p] == "\t" else tab_before[p]
    last_mark = max(line.rfind(char) for char in ",;()")
    last_tab = tab_before[size]

    def country_at(start: int) -> bool:
        return start > last_mark and last_tab < shown[start] < size

    for i in range(1, size):
        if i > 1 and line[i - 1].isspace() and shown[i - 1] == shown[i]:
            continue  # the same whitespace run: the shortest name was tried already
        end = shown[i]  # the separator comes after the whitespace that ends the name
        if end < size and line[end] in ",;" and country_at(end + 1):
            return line[:i].strip(), line[end + 1 :].strip()
        if end > i and end < size and line[end] in _DASHES and country_at(end + 1):
            return line[:i].strip(), line[end + 1 :].strip()
        tab = tab_before[end]
        if tab >= i and country_at(tab + 1):
            return line[:i].strip(), line[tab + 1 :].strip()
    return None


def _bracketed(line: str) -> tuple[str, str] | None:
    """ "Name (Country)": the last bracket's content, when nothing follows it."""
    if not line.endswith(")"):
        return None
    opening = line.rfind("(")
    name, country = line[:opening].strip(), line[opening + 1 : -1].strip()
    if opening <= 0 or not name or not country or ")" in country:
        return None
    return name, country


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
    for split in (_bracketed, _trailing):
        found = split(line)
        if found and is_country is not None and is_country(found[1]):
            return list(found)
    return [line, ""]
