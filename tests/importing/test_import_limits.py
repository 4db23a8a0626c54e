"""Every upload costs bounded work: hostile CSV, pasted text and XLSX get a plain 4xx, fast.

Each of these held a worker (and on SQLite the whole service) for seconds to minutes, grew
it by a gigabyte, or answered 500.
"""

import io
import re
import time
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from signon.domain.spreadsheets import _bracketed, _trailing, read_upload, sniff_delimiter
from tests.importing.helpers import upload
from tests.organiser_helpers import log_in

ANA = "ana@coalition.example.org"
# CPU seconds of this process, not wall time (other work on the machine does not count):
# a guard that failed would take minutes.
FAST = 3.0


@pytest.fixture
def ana(client, make_letter, organiser):
    make_letter("climate")
    log_in(client, organiser(ANA, letters=("climate",)))


def xlsx(sheet: bytes, strings: bytes | None = None, title: str = "Sheet1",
         workbook: bytes | None = None) -> bytes:  # fmt: skip
    """A minimal workbook around one sheet's XML (and a shared-strings table), as Excel's."""
    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
        b'-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
        b'.worksheet+xml"/>'
        + (
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
            b'formats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            if strings is not None
            else b""
        )
        + b"</Types>"
    )
    rels = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        b"</Relationships>"
    )
    book_rels = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        + (
            b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            if strings is not None
            else b""
        )
        + b"</Relationships>"
    )
    if workbook is None:
        name = title.replace("&", "&amp;").replace('"', "&quot;").encode()
        workbook = (
            b'<?xml version="1.0"?><workbook ' + main + b" " + rel + b'><sheets><sheet name="'
            + name + b'" sheetId="1" r:id="rId1"/></sheets></workbook>'
        )  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", book_rels)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if strings is not None:
            archive.writestr("xl/sharedStrings.xml", strings)
    return out.getvalue()


def sheet_xml(rows: bytes) -> bytes:
    return (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>"
    )


def strings_xml(items: bytes, count: int = 1) -> bytes:
    return (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main" count="%d" uniqueCount="%d">' % (count, count) + items + b"</sst>"
    )


GOOD_ROWS = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>Organisation</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>Country</t></is></c></row>'
    b'<row r="2"><c r="A2" t="inlineStr"><is><t>Alpha Aid</t></is></c>'
    b'<c r="B2" t="inlineStr"><is><t>Kenya</t></is></c></row>'
)


def timed_upload(client, data: bytes | None = None, name: str = "list.csv", pasted: str = ""):
    started = time.process_time()
    answer = upload(client, "climate", data, name, pasted=pasted)
    return answer, time.process_time() - started


def error_of(answer) -> str:
    found = re.search(r'<p class="error-summary"[^>]*>(.*?)</p>', answer.text, re.S)
    return found.group(1).strip() if found else answer.text[:300]


def test_a_minimal_workbook_of_these_tests_reads(app, client, ana):
    answer, _ = timed_upload(client, xlsx(sheet_xml(GOOD_ROWS)), "list.xlsx")
    assert answer.status_code == 303


def test_a_csv_header_of_quotes_is_read_at_once(client, ana):
    answer, took = timed_upload(client, b"Organisation,Country\n" + b',"a' * 40_000)
    assert answer.status_code in (303, 422)
    assert took < FAST


@pytest.mark.parametrize(
    "pasted",
    [
        # Three lines of tabs among lines without (so not read as a table): minutes before.
        ("a" + "\t " * 1000 + "(\n") * 3 + "Alpha Aid, Kenya\n" * 7,
        "a" + " " * 2000 + "b\n" + "a" + "\t " * 1000 + "b\nc",
        ("x -" * 700 + "\n") * 3,
    ],
    ids=["tabs", "spaces", "dashes"],
)
def test_a_pasted_list_of_tabs_or_spaces_is_read_at_once(client, ana, pasted):
    answer, took = timed_upload(client, pasted=pasted)
    assert answer.status_code in (303, 422)
    assert took < FAST


def test_a_workbook_row_of_two_million_cells_is_refused_before_it_is_parsed(client, ana):
    row = b'<row r="1">' + b'<c t="n"><v>1</v></c>' * 2_000_000 + b"</row>"
    data = xlsx(sheet_xml(GOOD_ROWS + row))
    assert len(data) < 200_000
    answer, took = timed_upload(client, data, "big.xlsx")
    assert answer.status_code == 422
    assert "more than 300,000 cells" in error_of(answer)
    assert took < FAST


def test_a_shared_strings_bomb_is_refused(client, ana):
    many = strings_xml(b"<si><t>a</t></si>" * 1_000_000, 1_000_000)
    answer, took = timed_upload(client, xlsx(sheet_xml(GOOD_ROWS), many), "bomb.xlsx")
    assert answer.status_code == 422
    assert "different texts" in error_of(answer)
    assert took < FAST


def test_one_long_shared_string_repeated_in_every_cell_is_refused(client, ana):
    long = strings_xml(b"<si><t>" + b"x" * 100_000 + b"</t></si>")
    cells = b"".join(b'<row r="%d"><c t="s"><v>0</v></c></row>' % n for n in range(3, 20_000))
    answer, took = timed_upload(client, xlsx(sheet_xml(GOOD_ROWS + cells), long), "x.xlsx")
    assert answer.status_code == 422
    assert "characters of text" in error_of(answer)
    assert took < FAST


@pytest.mark.parametrize(
    ("sheet", "strings", "workbook"),
    [
        (sheet_xml(GOOD_ROWS)[:-20], None, None),
        (sheet_xml(b'<row r="1"><c t="s"><v>0</v></c></row>'), b"<sst><si><t>a</si>", None),
        (sheet_xml(GOOD_ROWS), None, b"<workbook><sheets><sheet name="),
        (sheet_xml(b'<row r="1"><c t="s"><v>7</v></c></row>'), strings_xml(b""), None),
        (sheet_xml(b'<row r="x"><c r="?"><v>1</v></c></row>'), None, None),
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>' + sheet_xml(b""),
            None,
            None,
        ),
    ],
    ids=["sheet", "shared strings", "workbook", "missing string", "bad reference", "entities"],
)
def test_a_damaged_workbook_is_a_plain_4xx(client, ana, sheet, strings, workbook):
    answer, _ = timed_upload(client, xlsx(sheet, strings, workbook=workbook), "bad.xlsx")
    assert answer.status_code == 422, answer.text[:500]
    assert "damaged" in error_of(answer) or "not a CSV or XLSX" in error_of(answer)


@pytest.mark.parametrize(
    ("name", "message"),
    [("a" * 396 + ".csv", "over 200 characters"), ("list\x00.csv", "cannot accept")],
    ids=["long", "nul"],
)
def test_a_file_name_no_column_can_hold_is_a_plain_4xx(client, ana, name, message):
    answer, _ = timed_upload(client, b"Organisation,Country\nAlpha Aid,Kenya\n", name)
    assert answer.status_code in (400, 422)
    assert message in answer.text or answer.status_code == 400


def test_a_sheet_name_no_column_can_hold_is_a_plain_4xx(client, ana):
    answer, _ = timed_upload(client, xlsx(sheet_xml(GOOD_ROWS), title="S" * 250), "x.xlsx")
    assert answer.status_code == 422
    assert "sheet&#39;s name is over 200 characters" in answer.text


def test_the_delimiter_guess_reads_each_common_shape():
    assert sniff_delimiter("Nom;Pays\nA, B;Kenya\nC;Kenya\n") == ";"
    assert sniff_delimiter('Organisation,Country\n"Alpha; Aid",Kenya\n') == ","
    assert sniff_delimiter("Name\tCountry\nA\tKenya\n") == "\t"
    assert sniff_delimiter("Name|Country\nA|Kenya\n") == "|"
    assert sniff_delimiter("Just names\nAlpha\nBeta\n") == ","
    assert sniff_delimiter('"a\nb",c\nd,e\n') == ","


REGEX_TRAILING = re.compile(r"^(?P<name>.+?)\s*(?:[,;]|\s[-–—]|\t)\s*(?P<country>[^,;()\t]+?)\s*$")
REGEX_BRACKETED = re.compile(r"^(?P<name>.+?)\s*\((?P<country>[^()]+)\)\s*$")


def _by_regex(pattern: re.Pattern, line: str) -> tuple[str, str] | None:
    found = pattern.match(line)
    if not found or not found["country"].strip():
        return None
    return found["name"].strip(), found["country"].strip()


@given(st.text(alphabet="ab ,;\t-–—()", max_size=16).map(str.strip))
def test_a_pasted_line_splits_as_the_old_expressions_did(line):
    # The expressions backtracked on long lines; on short ones they are the specification.
    assert _trailing(line) == _by_regex(REGEX_TRAILING, line)
    assert _bracketed(line) == _by_regex(REGEX_BRACKETED, line)


def test_reading_the_hostile_shapes_directly_stays_fast():
    started = time.process_time()
    read_upload(b"Organisation,Country\n" + b',"a' * 40_000, "x.csv")
    assert _trailing("a" + "\t" * 1000 + " " * 1000 + "b") == ("a", "b")
    assert _trailing("\t " * 5000 + ",") is None
    assert time.process_time() - started < FAST
