"""Signatories download and erase their data through their own link; organisers can for them."""

import json
import re

from flask import render_template

from signon.letters import editing
from signon.letters.services import get_letter
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.pages import press
from tests.privacy.helpers import audit_of, everything_written_about, stored
from tests.signing.helpers import manage_path
from tests.support import csrf_token

AWA = "awa@equitas.example.org"


def href(page: str, text: str) -> str:
    """The address of the link whose text is `text`."""
    match = re.search(rf'href="([^"]+)"[^>]*>{re.escape(text)}</a>', page)
    assert match, f"no link {text!r}"
    return match.group(1).replace("&amp;", "&")


def form_action(page: str, button: str) -> str:
    """The action of the form holding the button labelled `button`."""
    for form in re.findall(r"<form.*?</form>", page, re.S):
        if f">{button}</button>" in form:
            return re.search(r'action="([^"]+)"', form).group(1)
    raise AssertionError(f"no form with a {button!r} button")


def test_the_signatory_downloads_their_data_with_the_consent_record(
    app, client, make_letter, confirmed, inbox
):
    make_letter()
    confirmed()
    page = client.get(manage_path(inbox, AWA)).text
    download = press(client, page, "Download my data")
    assert download.status_code == 200 and download.mimetype == "application/json"
    assert "attachment" in download.headers["Content-Disposition"]
    assert "no-store" in download.headers["Cache-Control"]
    data = json.loads(download.text)
    assert data["sign_on"]["contact_email"] == AWA
    assert data["sign_on"]["contact_name"] == "Awa Koné" and data["sign_on"]["role"] == "Director"
    assert data["consent"]["version"] == 1 and data["consent"]["language"] == "en"
    assert data["consent"]["consent_text"].startswith("I am authorised to sign")
    assert data["consent"]["accepted_at"] and data["consent"]["retention_days"] == 180
    assert data["consent"]["notice_url"] == (
        "https://sign.example.org/letters/climate/privacy?version=1"
    )
    assert [e["subject"] for e in data["emails"]] == [
        "Please confirm your signature: Joint letter on climate finance"
    ]
    # Nothing in it opens a link on the signatory's behalf.
    assert "/confirm/" not in download.text and "/my-signature/" not in download.text
    [entry] = audit_of(app, "climate", "data_downloaded")
    assert entry.actor == "signatory" and entry.detail == {}


def test_erasure_before_publication_withdraws_the_signature(
    app, client, make_letter, confirmed, inbox, runner
):
    make_letter()
    sign_on = confirmed()
    runner.invoke(args=["signatures", "approve", "climate", str(sign_on)])
    assert "Réseau Equitas" in client.get("/letters/climate/signatories").text
    path = manage_path(inbox, AWA)
    page = client.get(path).text
    assert "This also withdraws" in page
    answer = client.post(
        form_action(page, "Erase my contact details"), data={"csrf_token": csrf_token(page)}
    )
    assert answer.status_code == 303
    after = client.get(answer.location).text
    assert "Your contact details are erased and your signature is withdrawn" in after
    assert "Erase my contact details" not in after
    [row] = stored(app, "climate")
    assert (row["status"], row["contact_email"], row["contact_name"], row["role"]) == (
        "withdrawn",
        "",
        "",
        "",
    )
    assert row["organisation"] == "Réseau Equitas Côte d'Ivoire"
    assert "Réseau Equitas" not in client.get("/letters/climate/signatories").text
    [entry] = audit_of(app, "climate", "contact_erased")
    assert entry.detail == {"withdrawn": True, "previous": "approved", "emails": 1}
    assert AWA not in everything_written_about(app)
    # The link still opens the page; the data it gives is what is left.
    data = json.loads(press(client, after, "Download my data").text)
    assert data["sign_on"]["contact_email"] == "" and data["emails"] == []


def test_erasure_after_publication_keeps_the_organisation_on_the_list(
    app, client, make_letter, confirmed, inbox, runner
):
    make_letter()
    sign_on = confirmed()
    runner.invoke(args=["signatures", "approve", "climate", str(sign_on)])
    runner.invoke(args=["letter", "close", "climate"])
    with app.app_context():
        editing.change_status(get_letter("climate"), "published", "cli")
        db.session.commit()
    listed = client.get("/letters/climate/signatories").data
    page = client.get(manage_path(inbox, AWA)).text
    assert "your organisation stays on the list" in page
    answer = client.post(
        form_action(page, "Erase my contact details"), data={"csrf_token": csrf_token(page)}
    )
    assert "Your organisation stays on the published letter" in client.get(answer.location).text
    [row] = stored(app, "climate")
    assert (row["status"], row["contact_email"]) == ("approved", "")
    assert client.get("/letters/climate/signatories").data == listed


def test_an_organiser_downloads_and_erases_from_the_sign_on_page(
    app, client, make_letter, confirmed, organiser
):
    make_letter()
    sign_on = confirmed()
    me = organiser("ana@coalition.example.org", letters=("climate",))
    log_in(client, me)
    path = f"/organise/letters/climate/sign-ons/{sign_on}"
    page = client.get(path).text
    data = json.loads(press(client, page, "Download this signatory's data (JSON)").text)
    assert data["sign_on"]["contact_email"] == AWA
    answer = client.post(
        form_action(page, "Erase contact details"), data={"csrf_token": csrf_token(page)}
    )
    assert "Contact details erased and the signature withdrawn" in client.get(answer.location).text
    actions = [(e.actor, e.action) for e in audit_of(app, "climate")]
    assert ("ana@coalition.example.org", "data_downloaded") in actions
    assert ("ana@coalition.example.org", "contact_erased") in actions
    assert AWA not in client.get(path).text
    # Someone else's letter stays closed to them.
    other = organiser("bo@elsewhere.example.org")
    token = log_in(client, other)
    assert client.get(f"{path}/data.json").status_code == 404
    assert client.post(f"{path}/data.json", data={"csrf_token": token}).status_code == 404


def test_a_bad_link_gets_a_clear_400_and_erases_nothing(app, client, make_letter, confirmed):
    make_letter()
    confirmed()
    assert client.get("/letters/climate/my-signature/forged/data.json").status_code == 400
    assert client.post("/letters/climate/my-signature/forged/data.json").status_code == 400
    assert client.post("/letters/climate/my-signature/forged/erase").status_code == 400
    assert stored(app, "climate")[0]["contact_email"] == AWA


def test_exports_with_contacts_are_audited_and_the_page_says_so(
    app, client, runner, make_letter, confirmed, organiser
):
    make_letter()
    runner.invoke(args=["signatures", "approve", "climate", str(confirmed())])
    me = organiser("ana@coalition.example.org", letters=("climate",))
    log_in(client, me)
    with app.test_request_context(), app.app_context():
        buttons = render_template("roster/_export_buttons.html", letter=get_letter("climate"))
    assert "it is logged with your name, the time and the letter" in buttons
    assert client.get("/organise/letters/climate/export.csv").status_code == 200
    assert audit_of(app, "climate", "contacts_exported") == []
    # Ticking "Include contact names and emails" on the downloads page, then its CSV button.
    page = client.get("/organise/letters/climate/downloads?contacts=yes").text
    with_contacts = press(client, page, "CSV")
    assert AWA in with_contacts.text
    assert runner.invoke(args=["letter", "export", "climate", "--include-contacts"]).exit_code == 0
    entries = audit_of(app, "climate", "contacts_exported")
    assert [(e.actor, e.detail) for e in entries] == [
        ("ana@coalition.example.org", {"format": "csv"}),
        ("cli", {"format": "txt"}),
    ]
    assert all(e.created_at is not None for e in entries)
