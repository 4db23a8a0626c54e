"""An organiser imports a spreadsheet from the letter's page: columns, preview, confirm."""

import io
import re

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from signon.importing.models import ImportUpload
from signon.storage.extensions import db
from tests.importing.helpers import (
    choose_columns,
    existing,
    flashes,
    import_file,
    stored,
    upload,
)
from tests.organiser_helpers import log_in
from tests.support import csrf_token

ANA = "ana@coalition.example.org"
FORM_EXPORT = (
    "Horodateur;Nom de l'organisation;Pays;Adresse e-mail;Fonction\r\n"
    "05/03/2024 10:00:00;Réseau Equitas Côte d'Ivoire;Côte d'Ivoire;"
    "awa@equitas.example.org;Directrice\r\n"
    "06/03/2024 11:00:00;Alpha Aid;Kenya;alpha@example.org;\r\n"
    "07/03/2024 12:00:00;Beta Care;RDC;beta@example.org;\r\n"
).encode("cp1252")


ROW = r'<tr class="[^"]+">\s*<td data-label="Row">(\d+)</td>(.*?)</tr>'


@pytest.fixture
def ana(client, make_letter, organiser):
    make_letter("climate")
    log_in(client, organiser(ANA, letters=("climate",)))


def test_a_form_export_imports_as_approved_and_each_sign_on_shows_its_source(app, client, ana):
    done = import_file(client, "climate", FORM_EXPORT, status="approved", name="réponses.csv")
    assert flashes(done.text) == ["Imported 3 sign-on(s) from réponses.csv."]
    assert "Réseau Equitas Côte d&#39;Ivoire" in done.text  # the moderation list, approved
    assert stored(app, "climate") == [
        ("Réseau Equitas Côte d'Ivoire", "CI", "awa@equitas.example.org", "approved"),
        ("Alpha Aid", "KE", "alpha@example.org", "approved"),
        ("Beta Care", "CD", "beta@example.org", "approved"),
    ]
    page = client.get("/organise/letters/climate/sign-ons/1")
    assert "Imported from réponses.csv, row 2, by ana@coalition.example.org" in page.text
    assert "2024-03-05 10:00" in page.text  # signed when the form was sent
    public = client.get("/letters/climate/signatories")
    assert "Alpha Aid" in public.text and "alpha@example.org" not in public.text


def test_the_columns_page_shows_the_guesses_and_takes_corrections(app, client, ana):
    sent = upload(client, "climate", FORM_EXPORT)
    page = client.get(sent.headers["Location"])
    assert '<option value="signed_at" selected>' in page.text
    assert '<option value="position" selected>' in page.text
    # Leave the position out: the stored sign-ons have none.
    choose_columns(client, sent.headers["Location"], "confirmed", **{"column-4": ""})
    preview = client.get(sent.headers["Location"] + "/preview")
    assert "Directrice" not in preview.text
    form = {"csrf_token": csrf_token(preview.text), "action": "import"}
    client.post(sent.headers["Location"] + "/preview", data=form)
    assert [s[3] for s in stored(app, "climate")] == ["verified"] * 3


def test_an_xlsx_workbook_is_read_from_the_sheet_the_organiser_chooses(app, client, ana):
    book = Workbook()
    book.active.title = "Read me"
    book.active.append(["This sheet explains the form"])
    sheet = book.create_sheet("Réponses")
    sheet.append(["Organisation", "Pays", "Courriel"])
    sheet.append(["Collectif Paix", "Sénégal", "paix@example.org"])
    out = io.BytesIO()
    book.save(out)
    sent = upload(client, "climate", out.getvalue(), "form.xlsx")
    columns_url = sent.headers["Location"]
    page = client.get(columns_url).text
    assert '<option value="Réponses">Réponses</option>' in page
    assert (
        choose_columns(client, columns_url, "approved", sheet="Réponses").headers["Location"]
        == columns_url
    )  # the columns of the other sheet, guessed afresh
    page = client.get(columns_url).text
    assert "Pays" in page and '<option value="country" selected>' in page
    preview_url = choose_columns(client, columns_url, "approved").headers["Location"]
    page = client.get(preview_url).text
    client.post(preview_url, data={"csrf_token": csrf_token(page), "action": "import"})
    assert stored(app, "climate") == [("Collectif Paix", "SN", "paix@example.org", "approved")]


def test_one_field_goes_to_one_column_only(app, client, ana):
    sent = upload(client, "climate", FORM_EXPORT)
    answer = choose_columns(client, sent.headers["Location"], "approved", **{"column-2": "email"})
    assert answer.headers["Location"] == sent.headers["Location"]
    page = client.get(answer.headers["Location"])
    assert "Each field can go to one column only" in page.text


def test_the_preview_shows_what_is_on_the_letter_and_what_repeats_in_the_file(app, client, ana):
    existing(app, "climate", "Réseau Equitas Côte d'Ivoire", "CI", "awa@equitas.example.org")
    existing(app, "climate", "Human Rights Watch", "KE", "info@hrw.example.org")
    data = (
        "Organisation,Country,Email\n"
        "RESEAU EQUITAS COTE D'IVOIRE,Ivory Coast,awa@equitas.example.org\n"
        "Réseau Equitas Côte d'Ivoire,CI,new.contact@equitas.example.org\n"
        "Human Right Watch,Kenya,kenya@hrw.example.org\n"
        "Alpha Aid,Kenya,a@alpha.example.org\n"
        "alpha aid,KE,a@alpha.example.org\n"
        "Gamma,Atlantis,g@example.org\n"
    ).encode()
    sent = upload(client, "climate", data)
    preview_url = choose_columns(client, sent.headers["Location"], "confirmed").headers["Location"]
    page = client.get(preview_url).text
    rows = {
        int(n): re.sub(r"<[^>]+>", " ", body)
        for n, body in re.findall(
            r"<tr class=\"[^\"]+\">\s*<td data-label=\"Row\">(\d+)</td>(.*?)</tr>", page, re.S
        )
    }
    assert "Nothing new" in rows[2] and "Already on the letter." in rows[2]
    assert "another contact" in rows[3]
    assert "May be “Human Rights Watch” (Kenya), already on the letter" in rows[4]
    assert "New sign-on" in rows[5]
    assert "Repeats row 5." in rows[6] and "Nothing new" in rows[6]
    assert "Unknown country “Gamma”" not in rows[7] and "Unknown country “Atlantis”" in rows[7]
    assert "“Atlantis”" in page.split("<h2>Rows</h2>")[0]  # listed to choose
    assert len(stored(app, "climate")) == 2  # the preview stored nothing


def test_a_country_nobody_can_tell_is_chosen_by_the_organiser(app, client, ana):
    sent = upload(client, "climate", b"Organisation,Country\nAlpha Aid,Congo\n")
    preview_url = choose_columns(client, sent.headers["Location"], "approved").headers["Location"]
    page = client.get(preview_url).text
    assert "Could be Democratic Republic of the Congo or Republic of the Congo." in page
    form = {
        "csrf_token": csrf_token(page),
        "action": "countries",
        "typed": "Congo",
        "country-0": "CD",
    }
    client.post(preview_url, data=form)
    page = client.get(preview_url).text
    assert "Countries to choose" not in page
    client.post(preview_url, data={"csrf_token": csrf_token(page), "action": "import"})
    assert stored(app, "climate") == [("Alpha Aid", "CD", "", "approved")]


def test_importing_the_same_file_twice_adds_nothing_the_second_time(app, client, ana):
    import_file(client, "climate", FORM_EXPORT)
    again = import_file(client, "climate", FORM_EXPORT)
    assert flashes(again.text) == [
        "Imported 0 sign-on(s) from list.csv. 3 row(s) were already on the letter."
    ]
    assert len(stored(app, "climate")) == 3
    pasted = upload(client, "climate", pasted="Alpha Aid, Kenya\nDelta Fund (Ghana)\n")
    preview_url = choose_columns(client, pasted.headers["Location"], "approved").headers["Location"]
    page = client.get(preview_url).text
    client.post(preview_url, data={"csrf_token": csrf_token(page), "action": "import"})
    assert [s[:2] for s in stored(app, "climate")][3:] == [("Delta Fund", "GH")]


def test_rows_with_problems_stop_the_import_until_the_organiser_leaves_them_out(app, client, ana):
    data = (
        b"Organisation,Country,Email\nAlpha,Kenya,a@example.org\n"
        b",Kenya,x@example.org\nBeta,Kenya,nope\n"
    )
    refused = import_file(client, "climate", data)
    assert flashes(refused.text) == [
        "2 row(s) have problems (rows 3, 4). Correct the file, "
        "or choose to import the other rows without them."
    ]
    assert stored(app, "climate") == []
    done = import_file(client, "climate", data, skip=True)
    assert flashes(done.text) == [
        "Imported 1 sign-on(s) from list.csv. Not imported because of problems: rows 3, 4."
    ]
    assert stored(app, "climate") == [("Alpha", "KE", "a@example.org", "approved")]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (None, "", "Choose a file, or paste a list of organisations."),
        (b"", "empty.csv", "The file is empty."),
        (b"\n\n", "blank.csv", "The file is empty."),
        (b"%PDF-1.4\n" + bytes(range(256)) * 10, "letter.pdf", "This is not a CSV or XLSX file."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "old.xls", "old Excel file (.xls)"),
    ],
)
def test_a_broken_file_gets_a_clear_message_and_stores_nothing(
    app, client, ana, data, name, message
):
    answer = upload(client, "climate", data, name)
    assert answer.status_code == 422
    assert message in answer.text.replace("&#39;", "'")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ImportUpload)) == 0


def test_a_50_mb_file_gets_a_friendly_page(app, client, ana):
    page = client.get("/organise/letters/climate/import")
    boundary = "x" * 20
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
            f"{csrf_token(page.text)}\r\n--{boundary}\r\nContent-Disposition: form-data; "
            f'name="file"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()
        + b"a,b\n" * (50 * 1024 * 1024 // 4)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    # Raw bytes, as a browser sends them (the test client would spool a form to a file).
    answer = client.post(
        "/organise/letters/climate/import",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert answer.status_code == 413
    assert "larger than we accept here (10 MB at most)" in answer.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ImportUpload)) == 0


def test_an_upload_is_only_for_the_organiser_who_sent_it(app, client, ana, organiser):
    sent = upload(client, "climate", FORM_EXPORT)
    log_in(client, organiser("ben@coalition.example.org", letters=("climate",)))
    assert client.get(sent.headers["Location"]).status_code == 404
    assert client.get(sent.headers["Location"] + "/preview").status_code == 404


def test_an_arabic_and_a_portuguese_sheet_import_with_their_headers_and_countries(app, client, ana):
    arabic = (
        "الطابع الزمني,اسم المنظمة,البلد,البريد الإلكتروني,المنصب\r\n"
        "05/03/2024 10:00:00,شبكة المدافعات,مصر,leila@difaa.example.org,المنسقة\r\n"
        "06/03/2024 11:00:00,بيت الحرية,فلسطين,bayt@example.org,\r\n"
    ).encode()
    portuguese = (
        "Carimbo de data/hora;Nome da organização;País;Endereço de e-mail\r\n"
        "07/03/2024 12:00:00;Rede Terra Viva;Moçambique;terra@example.org\r\n"
        "08/03/2024 09:00:00;Instituto Clima;Guiné-Bissau;clima@example.org\r\n"
    ).encode()
    import_file(client, "climate", arabic, status="approved", name="الموقعون.csv")
    import_file(client, "climate", portuguese, status="approved", name="respostas.csv")
    assert stored(app, "climate") == [
        ("شبكة المدافعات", "EG", "leila@difaa.example.org", "approved"),
        ("بيت الحرية", "PS", "bayt@example.org", "approved"),
        ("Rede Terra Viva", "MZ", "terra@example.org", "approved"),
        ("Instituto Clima", "GW", "clima@example.org", "approved"),
    ]
