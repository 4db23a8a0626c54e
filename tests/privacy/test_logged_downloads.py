"""Downloads that are logged (a signatory's data, an export with contacts) are made by a
person pressing a button: the button posts with the page's CSRF token, the file comes as an
attachment no cache keeps, and exactly one audit entry says who took it. Opening the same
address as a link (a crawler, a mail scanner, a prefetch) shows the button and logs nothing."""

import csv
import io
import json

import pytest

from tests.organiser_helpers import log_in
from tests.pages import press, text
from tests.privacy.helpers import audit_of
from tests.signing.helpers import manage_path

AWA = "awa@equitas.example.org"
ANA = "ana@coalition.example.org"


@pytest.fixture
def signed(app, client, make_letter, confirmed, organiser, runner):
    """An open letter with Awa's approved sign-on; Ana, its organiser, signed in."""
    make_letter()
    sign_on = confirmed()
    runner.invoke(args=["signatures", "approve", "climate", str(sign_on)])
    log_in(client, organiser(ANA, letters=("climate",)))
    return sign_on


def assert_attachment(answer, mimetype: str) -> None:
    assert answer.status_code == 200, answer.text[:300]
    assert answer.mimetype == mimetype
    assert answer.headers["Content-Disposition"].startswith("attachment; filename=")
    assert "no-store" in answer.headers["Cache-Control"]


def test_the_signatory_presses_download_my_data_and_it_is_logged_once(
    app, client, make_letter, confirmed, inbox
):
    make_letter()
    confirmed()
    path = manage_path(inbox, AWA)
    page = client.get(path).text
    answer = press(client, page, "Download my data")
    assert_attachment(answer, "application/json")
    assert json.loads(answer.text)["sign_on"]["contact_email"] == AWA
    [entry] = audit_of(app, "climate", "data_downloaded")
    assert entry.actor == "signatory"


def test_the_signatorys_data_link_shows_the_button_and_logs_nothing(
    app, client, make_letter, confirmed, inbox
):
    make_letter()
    confirmed()
    data_path = manage_path(inbox, AWA) + "/data.json"
    page = client.get(data_path)
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert page.headers["Cache-Control"] == "no-store"
    assert "everything stored about this signature" in text(page.text)
    assert audit_of(app, "climate", "data_downloaded") == []
    # A form without the page's token is refused, and takes nothing.
    assert client.post(data_path).status_code == 400
    assert audit_of(app, "climate", "data_downloaded") == []
    answer = press(client, page.text, "Download my data", at=data_path)
    assert_attachment(answer, "application/json")
    assert len(audit_of(app, "climate", "data_downloaded")) == 1


def test_an_organiser_presses_the_data_button_on_the_sign_on_page(app, client, signed):
    page = client.get(f"/organise/letters/climate/sign-ons/{signed}").text
    answer = press(client, page, "Download this signatory's data (JSON)")
    assert_attachment(answer, "application/json")
    assert answer.headers["X-Robots-Tag"] == "noindex"
    assert json.loads(answer.text)["sign_on"]["contact_email"] == AWA
    [entry] = audit_of(app, "climate", "data_downloaded")
    assert (entry.actor, entry.sign_on_id) == (ANA, signed)


def test_the_organisers_data_link_shows_the_button_and_logs_nothing(app, client, signed):
    path = f"/organise/letters/climate/sign-ons/{signed}/data.json"
    page = client.get(path)
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "no-store" in page.headers["Cache-Control"]
    assert "The download is logged with your name" in text(page.text)
    assert audit_of(app, "climate", "data_downloaded") == []
    assert client.post(path).status_code == 400
    answer = press(client, page.text, "Download this signatory's data (JSON)")
    assert_attachment(answer, "application/json")
    assert len(audit_of(app, "climate", "data_downloaded")) == 1


def test_an_export_with_contacts_is_a_button_on_the_downloads_page_logged_once(app, client, signed):
    # The options form is a GET: ticking "Include contact names and emails" shows the page.
    page = client.get("/organise/letters/climate/downloads?contacts=yes&country=dash&fmt=csv")
    assert 'name="contacts" value="yes" checked' in page.text
    assert audit_of(app, "climate", "contacts_exported") == []
    answer = press(client, page.text, "CSV")
    assert_attachment(answer, "text/csv")
    rows = list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))
    assert AWA in rows[1] and rows[1][0].endswith("Côte d'Ivoire")
    [entry] = audit_of(app, "climate", "contacts_exported")
    assert (entry.actor, entry.detail) == (ANA, {"format": "csv"})


def test_a_link_to_an_export_with_contacts_leads_to_the_button(app, client, signed):
    answer = client.get("/organise/letters/climate/export.xlsx?contacts=yes&lang=fr&slug=x")
    assert answer.status_code == 303
    assert answer.location == ("/organise/letters/climate/downloads?contacts=yes&lang=fr&fmt=xlsx")
    assert audit_of(app, "climate", "contacts_exported") == []
    page = client.get(answer.location).text
    assert press(client, page, "Excel (XLSX)").status_code == 200
    assert len(audit_of(app, "climate", "contacts_exported")) == 1
    # Without its token the same form is refused and logs nothing.
    post = client.post("/organise/letters/climate/export.csv?contacts=yes")
    assert post.status_code == 400
    assert len(audit_of(app, "climate", "contacts_exported")) == 1


def test_the_overview_buttons_download_without_contacts_and_log_nothing(app, client, signed):
    overview = client.get("/organise/letters/climate/").text
    for label, mimetype in (("Plain text", "text/plain"), ("JSON", "application/json")):
        answer = press(client, overview, label)
        assert_attachment(answer, mimetype)
        assert "Equitas" in answer.text and AWA not in answer.text
    assert audit_of(app, "climate", "contacts_exported") == []
