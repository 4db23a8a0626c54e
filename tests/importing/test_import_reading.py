"""Reading imported tables: CSV in every common delimiter and encoding, XLSX, pasted text."""

import codecs
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from signon.domain.spreadsheets import FileProblem, decode, read_pasted, read_upload
from signon.importing.tables import is_country

ROWS = [
    ["Organisation", "Pays", "Email"],
    ["Réseau Equitas Côte d'Ivoire (REQCI)", "Côte d'Ivoire", "awa@equitas.example.org"],
    ["Ñandutí Asociación", "Paraguay", "ana@nanduti.example.org"],
]


def csv_text(delimiter: str = ",") -> str:
    return "\r\n".join(delimiter.join(row) for row in ROWS) + "\r\n"


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "encoded",
    [
        csv_text().encode("utf-8"),
        codecs.BOM_UTF8 + csv_text().encode("utf-8"),
        csv_text("\t").encode("utf-16"),  # Excel's "Unicode text": a BOM, then UTF-16LE
        csv_text("\t").encode("utf-16-le"),
        csv_text(";").encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16 from Excel", "utf-16 without BOM", "windows-1252"],
)
def test_a_csv_reads_the_same_in_every_common_encoding(encoded):
    [sheet] = read_upload(encoded, "list.csv")
    assert sheet.rows == ROWS


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_sniffed(delimiter):
    [sheet] = read_upload(csv_text(delimiter).encode(), "list.csv")
    assert sheet.rows == ROWS


def test_quoted_cells_keep_their_delimiters_and_line_breaks():
    text = 'Organisation,Country\n"Friends of the Earth, Ghana",Ghana\n"Two\nlines",Kenya\n'
    [sheet] = read_upload(text.encode(), "x.csv")
    assert sheet.rows[1:] == [["Friends of the Earth, Ghana", "Ghana"], ["Two\nlines", "Kenya"]]


def test_an_xlsx_gives_every_sheet_with_dates_and_numbers_as_text():
    from datetime import datetime

    data = xlsx(
        {
            "Form responses": [
                ["Timestamp", "Organisation"],
                [datetime(2024, 3, 5, 9, 30), "Alpha"],
            ],
            "Other": [["Name", "Phone"], ["Beta", 254700000000.0], [None, None]],
        }
    )
    first, second = read_upload(data, "book.xlsx")
    assert first.name == "Form responses"
    assert first.rows == [["Timestamp", "Organisation"], ["2024-03-05 09:30:00", "Alpha"]]
    assert second.rows == [["Name", "Phone"], ["Beta", "254700000000"]]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"  \r\n ", "The file is empty."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Excel file (.xls)"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 20, "not a CSV or XLSX file"),
        (b"PK\x03\x04 broken zip", "not a CSV or XLSX file"),
        (b",,,\n,,\n", "no rows with anything in them"),
    ],
    ids=["empty", "blank", "xls", "pdf", "broken zip", "only delimiters"],
)
def test_a_broken_file_gets_a_plain_reason(data, message):
    with pytest.raises(FileProblem, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_upload(data, "file")


def test_pasted_lines_split_off_a_country_but_keep_an_acronym():
    sheet = read_pasted(
        "Réseau Equitas Côte d'Ivoire (REQCI), Côte d'Ivoire\n\n"
        "Friends of the Earth Ghana – Ghana\nAmnesty (Kenya)\nSimply a name (SAN)\n",
        is_country,
    )
    assert sheet.rows == [
        ["Organisation", "Country"],
        ["Réseau Equitas Côte d'Ivoire (REQCI)", "Côte d'Ivoire"],
        ["", ""],
        ["Friends of the Earth Ghana", "Ghana"],
        ["Amnesty", "Kenya"],
        ["Simply a name (SAN)", ""],
    ]


def test_pasted_cells_from_a_spreadsheet_are_a_table():
    sheet = read_pasted("Organisation\tPays\nAlpha\tKenya\nBeta\tRDC\n", is_country)
    assert sheet.rows == [["Organisation", "Pays"], ["Alpha", "Kenya"], ["Beta", "RDC"]]


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_any_text_survives_utf8_and_utf16_with_their_marks(text):
    assert decode(codecs.BOM_UTF8 + text.encode()) == text.lstrip("\ufeff")
    if text:
        assert decode(text.encode("utf-16")) == text.lstrip("\ufeff")


@given(st.binary(max_size=2000))
def test_any_bytes_are_read_or_refused_plainly(data):
    try:
        sheets = read_upload(data, "x")
    except FileProblem as exc:
        assert str(exc)
    else:
        assert all(isinstance(c, str) for s in sheets for row in s.rows for c in row)
