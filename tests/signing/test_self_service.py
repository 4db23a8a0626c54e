"""Signatories correct their details or withdraw through their own link, until the letter closes."""

import pytest
import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.signing.helpers import DETAILS, manage_path, post
from tests.support import csrf_token


def test_signatory_corrects_a_typo_before_approval_and_the_organiser_sees_it(
    app, client, make_letter, organiser, confirmed, inbox
):
    make_letter()
    s = confirmed(organisation="Reseau Equitas Cote dIvoir")
    path = manage_path(inbox, "awa@equitas.example.org")
    page = client.get(path)
    assert page.status_code == 200 and "Reseau Equitas Cote dIvoir" in page.text
    answer = post(client, path, **DETAILS)
    assert answer.status_code == 303
    assert "Your details are corrected" in client.get(answer.location).text
    # Not approved yet: the organisers review it with the new name anyway.
    with app.app_context():
        sign_on = db.session.get(SignOn, s)
        assert (sign_on.organisation, sign_on.status) == (DETAILS["organisation"], "verified")
        [corrected] = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "corrected")
        ).all()
        assert corrected.actor == "signatory"
        assert corrected.detail["before"] == {"organisation": "Reseau Equitas Cote dIvoir"}
    me = organiser("ana@coalition.example.org", letters=("climate",))
    log_in(client, me)
    history = client.get(f"/organise/letters/climate/sign-ons/{s}").text
    assert "signatory</strong> corrected" in history and "Reseau Equitas Cote dIvoir" in history


def test_bad_details_are_explained(client, make_letter, confirmed, inbox, sent_back):
    make_letter()
    confirmed()
    path = manage_path(inbox, "awa@equitas.example.org")
    answer = sent_back(post(client, path, **{**DETAILS, "acronym": "ACR", "country": "XX"}), path)
    assert "Choose a country from the list" in answer.text and 'value="ACR"' in answer.text
    # Shown once: reloading the page shows the details as they stand.
    again = client.get(path).text
    assert "Choose a country from the list" not in again and 'value="REQCI"' in again


def test_withdrawal_removes_the_signature_from_list_and_counts(
    app, client, make_letter, confirmed, inbox, runner, organiser
):
    make_letter()
    s = confirmed()
    runner.invoke(args=["signatures", "approve", "climate", str(s)])
    assert "Réseau Equitas" in client.get("/letters/climate/signatories").text
    path = manage_path(inbox, "awa@equitas.example.org")
    page = client.get(path)
    answer = client.post(f"{path}/withdraw", data={"csrf_token": csrf_token(page.text)})
    assert answer.status_code == 303
    assert "Réseau Equitas" not in client.get("/letters/climate/signatories").text
    assert "You have withdrawn this signature" in client.get(path).text
    # Withdrawing twice changes nothing; an organiser cannot approve it again.
    again = client.post(f"{path}/withdraw", data={"csrf_token": csrf_token(page.text)})
    assert again.status_code == 303
    out = runner.invoke(args=["signatures", "approve", "climate", str(s)])
    assert out.exit_code != 0 and "withdrawn" in out.output
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    assert "<dt>Withdrawn</dt><dd>1</dd>" in client.get("/organise/").text


def test_nothing_changes_once_the_letter_is_closed(
    app, client, make_letter, confirmed, inbox, runner
):
    make_letter()
    s = confirmed()
    path = manage_path(inbox, "awa@equitas.example.org")
    runner.invoke(args=["letter", "close", "climate"])
    page = client.get(path)
    assert "The letter is closed" in page.text and 'name="organisation"' not in page.text
    # Posting anyway (from a page opened before the letter closed) is refused.
    token = csrf_token(client.get("/organise/sign-in").text)
    withdrawn = client.post(f"{path}/withdraw", data={"csrf_token": token}, follow_redirects=True)
    assert "can no longer be withdrawn" in withdrawn.text
    corrected = client.post(path, data={**DETAILS, "csrf_token": token}, follow_redirects=True)
    assert "can no longer be changed" in corrected.text
    with app.app_context():
        assert db.session.get(SignOn, s).status == "verified"


def test_forged_manage_link_is_refused(client, make_letter, confirmed, inbox):
    make_letter()
    confirmed()
    path = manage_path(inbox, "awa@equitas.example.org")
    assert client.get(path[:-4] + "abcd").status_code == 400
    assert client.get(path.replace("/climate/", "/other/")).status_code == 404


def test_an_individual_may_leave_the_organisation_empty(app, client, make_letter, confirmed, inbox):
    make_letter()
    with app.app_context():
        from signon.letters.services import get_letter

        get_letter("climate").accept_individuals = True
        db.session.commit()
    s = confirmed(signing_as="individual", contact_name="Bo Li", contact_email="bo@example.org")
    path = manage_path(inbox, "bo@example.org")
    answer = post(client, path, **{**DETAILS, "organisation": "", "contact_name": "Bo Li-Chen"})
    assert answer.status_code == 303
    with app.app_context():
        sign_on = db.session.get(SignOn, s)
        assert (sign_on.contact_name, sign_on.organisation) == ("Bo Li-Chen", "")


@pytest.mark.parametrize(
    ("language", "says"),
    [("fr", ["Votre signature", "Retirer ma signature", "Télécharger mes données"]),
     ("es", ["Su firma", "Retirar mi firma", "Descargar mis datos"])],
)  # fmt: skip
def test_the_signatory_s_own_page_speaks_their_language(
    client, make_letter, confirmed, inbox, language, says
):
    make_letter()
    confirmed()
    page = client.get(
        manage_path(inbox, "awa@equitas.example.org"), headers={"Accept-Language": language}
    )
    assert page.status_code == 200 and f'<html lang="{language}">' in page.text
    for words in says:
        assert words in page.text
    assert "Your signature" not in page.text
