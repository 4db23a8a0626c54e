"""No exported spreadsheet cell runs as a formula, whatever a signatory typed or Excel's locale."""

import csv
import io
import unicodedata

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from signon.roster.tabular import FORMULA_STARTS, neutralise
from tests.roster.helpers import add_signatories

# What an attacker types as a name; each one is run as a formula by some spreadsheet.
FORMULAS = [
    "Org;=SUM(1+2)*cmd|' /C calc'!A0",
    "＝HYPERLINK(1)",  # full-width equals
    "﹦1+1",  # small equals
    "＋1+1",
    "－1+1",
    "＠SUM(1)",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "\u202e=1+1",  # a bidi override in front hides the "=" from a plain startswith
    "\u2212=1",
]


@pytest.fixture
def letter(app, make_letter):
    make_letter()
    with app.app_context():
        # A country each: several of these names share a matching key.
        countries = ["FR", "DE", "ES", "IT", "PT", "BE", "NL", "AT", "CH", "SE", "NO"]
        add_signatories(
            "climate", [(n, c, "organisation") for n, c in zip(FORMULAS, countries, strict=True)]
        )
    return "climate"


def export(runner, tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    result = runner.invoke(args=["letter", "export", "climate", "--format", fmt, "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _looks_like_formula(cell: str) -> bool:
    visible = unicodedata.normalize("NFKC", cell).lstrip(" \t\r\n\u202e")
    return visible.startswith(FORMULA_STARTS)


def test_every_csv_field_is_quoted_so_a_semicolon_reader_keeps_names_whole(
    runner, letter, tmp_path
):
    text = export(runner, tmp_path, "csv").read_bytes().decode("utf-8-sig")
    header, *lines = text.split("\r\n")
    assert header == '"Organisation","Acronym","Country code","Country","Website","Signed on"'
    # Excel set to a semicolon list separator splits on ";" only.
    for row in csv.reader(io.StringIO("\r\n".join(lines)), delimiter=";"):
        for cell in row:
            assert not _looks_like_formula(cell), row


def test_full_width_and_hidden_formula_starts_are_neutralised_in_csv_and_xlsx(
    runner, letter, tmp_path
):
    csv_text = export(runner, tmp_path, "csv").read_bytes().decode("utf-8-sig")
    csv_names = [row[0] for row in csv.reader(io.StringIO(csv_text))][1:]
    sheet = openpyxl.load_workbook(export(runner, tmp_path, "xlsx")).active
    # XLSX keeps a carriage return as "_x000D_", which openpyxl hands back as it is.
    xlsx_names = [row[0].value.replace("_x000D_", "\r") for row in sheet.iter_rows(min_row=2)]
    for names in (csv_names, xlsx_names):
        assert len(names) == len(FORMULAS)
        # A name that starts with a letter is text as it is: the quotes keep its ";" inside.
        expected = [FORMULAS[0], *("'" + name for name in FORMULAS[1:])]
        assert sorted(names) == sorted(expected)


@given(st.text(max_size=12))
def test_a_neutralised_cell_never_starts_a_formula(cell):
    assert not _looks_like_formula(neutralise(cell))
    assert neutralise(cell) in (cell, "'" + cell)
