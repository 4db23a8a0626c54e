"""Each sign-on keeps the consent text it accepted; the privacy notice is a click away."""

import logging
import re

from tests.organiser_helpers import log_in
from tests.pages import press
from tests.privacy.helpers import audit_of, stored
from tests.privacy.test_privacy_access import href
from tests.signing.helpers import manage_path
from tests.support import VALID_SIGN_ON, csrf_token

AWA = "awa@equitas.example.org"
DEFAULT = "I am authorised to sign on behalf of this organisation"
# The letter's text unchanged: only the privacy terms change.
EDIT = {
    "title": "Joint letter on climate finance",
    "body": "Dear Ministers,\n\nWe **urge** you to act.",
}


def test_each_sign_on_stores_the_consent_version_it_accepted(app, make_letter, confirmed):
    make_letter()
    confirmed()
    [row] = stored(app, "climate")
    assert (row["consent_version"], row["consent_language"]) == (1, "en")
    assert row["consent_at"] is not None


def test_the_form_links_the_privacy_notice(client, make_letter):
    make_letter()
    form = client.get("/letters/climate").text
    assert DEFAULT in form and 'name="consent_version" value="1"' in form
    notice = client.get(href(form, "privacy notice"))
    assert notice.status_code == 200
    for fact in (
        "Who is responsible for your data",
        "The organisers of this letter.",
        "180 days after the letter closes or is published",
        "download your data",
        "erase your contact details",
        "Your email address is never published",
    ):
        assert fact in notice.text
    assert client.get("/letters/nope/privacy").status_code == 404
    assert client.get("/letters/climate/privacy?version=9").status_code == 404


def test_every_email_links_the_privacy_notice(make_letter, confirmed, inbox):
    make_letter()
    confirmed()
    [message] = inbox.to(AWA)
    link = "https://sign.example.org/letters/climate/privacy"
    assert link in inbox.text(message) and f'href="{link}"' in inbox.html(message)


def test_an_organiser_edit_makes_a_new_version_and_each_sign_on_keeps_its_own(
    app, client, make_letter, confirmed, organiser, sign
):
    make_letter()
    first = confirmed()
    me = organiser("ana@coalition.example.org", letters=("climate",))
    token = log_in(client, me)
    editor = client.get("/organise/letters/climate/edit").text
    assert DEFAULT in editor and 'name="retention_days"' in editor
    # Someone opened the form before the change, and sends it after.
    stale = client.get("/letters/climate").text
    answer = client.post(
        "/organise/letters/climate/edit",
        data={
            **EDIT,
            "consent_text": "Nous acceptons d'être listés publiquement.",
            "controller": "Réseau Climat, 1 rue de la Paix, Paris – dpo@reseau.example.org",
            "retention_days": "90",
            "privacy_notice": "Ask us **anything**.",
            "csrf_token": token,
        },
    )
    assert answer.status_code == 303
    [entry] = audit_of(app, "climate", "privacy_text")
    assert entry.detail["number"] == 2 and "retention_days" in entry.detail["fields"]
    # Saving again unchanged, or without the privacy fields, makes no new version.
    client.post("/organise/letters/climate/edit", data={**EDIT, "csrf_token": token})
    assert len(audit_of(app, "climate", "privacy_text")) == 1

    form = client.get("/letters/climate").text
    assert "Nous acceptons" in form and 'name="consent_version" value="2"' in form
    second = confirmed(organisation="Green Earth", contact_email="g@green.example.org")
    data = {
        "organisation": "Sol Collective",
        "country": "KE",
        "contact_name": "Wanjiru",
        "contact_email": "w@sol.example.org",
        "consent": "y",
        "consent_version": "1",
        "csrf_token": csrf_token(stale),
    }
    assert client.post("/letters/climate", data=data).status_code == 303
    rows = {row["id"]: row for row in stored(app, "climate")}
    assert rows[first]["consent_version"] == 1 and rows[second]["consent_version"] == 2
    assert [row["consent_version"] for row in rows.values()][-1] == 1

    token = log_in(client, me)
    page = client.get(f"/organise/letters/climate/sign-ons/{first}").text
    old = client.get(href(page, "consent text version 1")).text
    assert DEFAULT in old and "This is an earlier version" in old
    notice = client.get("/letters/climate/privacy").text
    assert (
        "Réseau Climat" in notice and "90 days" in notice and "<strong>anything</strong>" in notice
    )


def test_bad_retention_days_are_explained(client, make_letter, organiser):
    make_letter()
    token = log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    answer = client.post(
        "/organise/letters/climate/edit",
        data={**EDIT, "retention_days": "0", "csrf_token": token},
    )
    assert answer.status_code == 422 and "Choose between 1 and 3650 days" in answer.text


def test_logs_carry_no_email_addresses_or_tokens(
    client, make_letter, confirmed, inbox, organiser, caplog
):
    caplog.set_level(logging.INFO, logger="signon")
    make_letter()
    sign_on = confirmed()
    path = manage_path(inbox, AWA)
    page = client.get(path).text
    press(client, page, "Download my data")
    token = log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    client.post(
        "/organise/letters/climate/sign-ons/decide",
        data={"ids": str(sign_on), "action": "approve", "csrf_token": token},
    )
    press(client, client.get("/organise/letters/climate/downloads?contacts=yes").text, "CSV")
    assert caplog.records
    logged = caplog.text
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", logged), logged
    for secret in re.findall(r"/(?:confirm|my-signature)/([^/\s]+)", inbox.text(inbox.to(AWA)[0])):
        assert secret not in logged
    assert "[token]" in logged


def test_a_french_signer_reads_and_accepts_the_default_statement_in_french(
    app, client, make_letter
):
    make_letter()
    page = client.get("/letters/climate", headers={"Accept-Language": "fr"}).text
    assert "Je suis habilité·e à signer au nom de cette organisation" in page
    assert DEFAULT not in page
    answer = client.post(
        "/letters/climate",
        data={**VALID_SIGN_ON, "csrf_token": csrf_token(page)},
        headers={"Accept-Language": "fr"},
    )
    assert answer.status_code == 303
    [row] = stored(app, "climate")
    assert (row["consent_version"], row["consent_language"]) == (1, "fr")
    notice = client.get(
        href(page, "politique de confidentialité"), headers={"Accept-Language": "fr"}
    )
    assert "Je suis habilité·e à signer" in notice.text
