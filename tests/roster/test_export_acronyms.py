"""Acronyms on the list: "Name (ACR)" by default in every format, never doubled, off on request."""

import csv
import io
import json

import docx
import openpyxl
import pytest
from flask import render_template
from pypdf import PdfReader

from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.roster.helpers import add_signatories
from tests.support import letter_row

FIDH = "Fédération internationale pour les Droits Humains"
SALC = "Southern Africa Litigation Centre (SALC)"


@pytest.fixture
def letter(app, make_letter):
    """A letter whose list has one acronym typed apart and one already in the name."""
    make_letter(slug="climate")
    with app.app_context():
        add_signatories("climate", [(FIDH, "FR", "organisation"), (SALC, "ZA", "organisation")])
        for sign_on in db.session.query(SignOn):
            sign_on.acronym = "FIDH" if sign_on.organisation == FIDH else "SALC"
        db.session.commit()
    return "climate"


def export(runner, tmp_path, fmt, *args):
    path = tmp_path / f"out.{fmt}"
    result = runner.invoke(
        args=["letter", "export", "climate", "--format", fmt, "-o", str(path), *args]
    )
    assert result.exit_code == 0, result.output
    return path


def text_of(path, fmt):
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(path).paragraphs)
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx", "pdf"])
def test_every_document_lists_the_acronym_after_the_name_once(runner, letter, tmp_path, fmt):
    text = text_of(export(runner, tmp_path, fmt), fmt)
    assert f"{FIDH} (FIDH)" in text
    assert SALC in text and "(SALC) (SALC)" not in text


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx", "pdf"])
def test_the_acronym_none_option_gives_the_names_as_typed(runner, letter, tmp_path, fmt):
    text = text_of(export(runner, tmp_path, fmt, "--acronym", "none"), fmt)
    assert FIDH in text and "(FIDH)" not in text
    assert SALC in text


def test_json_labels_carry_the_acronym_and_names_stay_as_typed(runner, letter, tmp_path):
    rows = json.loads(export(runner, tmp_path, "json").read_text())["signatories"]
    assert [(r["name"], r["label"], r["acronym"]) for r in rows] == [
        (FIDH, f"{FIDH} (FIDH)", "FIDH"),
        (SALC, SALC, "SALC"),
    ]


def test_a_spreadsheet_without_an_acronym_column_carries_it_in_the_name(runner, letter, tmp_path):
    path = export(runner, tmp_path, "csv", "--columns", "name,country")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[1:] == [[f"{FIDH} (FIDH)", "FR"], [SALC, "ZA"]]
    sheet = openpyxl.load_workbook(export(runner, tmp_path, "xlsx")).active
    assert [(r[0].value, r[1].value) for r in sheet.iter_rows(min_row=2)] == [
        (FIDH, "FIDH"),
        (SALC, "SALC"),
    ]


def test_an_unknown_acronym_style_is_a_clear_refusal(runner, client, letter, organiser):
    result = runner.invoke(args=["letter", "export", "climate", "--acronym", "before"])
    assert result.exit_code != 0 and "before" in result.output
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    response = client.get("/organise/letters/climate/export.txt?acronym=before")
    assert response.status_code == 400 and "after, none" in response.text


def test_the_organiser_download_form_offers_the_acronym_option(app, client, letter, organiser):
    with app.test_request_context():
        form = render_template("roster/_export_buttons.html", letter=letter_row(app, "climate"))
    assert '<select name="acronym">' in form and "Name (ACR)" in form
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    none = client.get("/organise/letters/climate/export.txt?acronym=none")
    assert none.text.startswith(FIDH + "\n")
    assert f"{FIDH} (FIDH)" in client.get("/organise/letters/climate/export.txt").text


def test_the_public_list_shows_the_acronym_once(client, letter, app):
    text = client.get("/letters/climate/signatories").text
    assert f"{FIDH} (FIDH)" in text.replace("&#39;", "'")
    assert "(SALC) (SALC)" not in text and "SALC" in text
    assert f"{FIDH} (FIDH)" in client.get("/letters/climate/signatories.txt").text
