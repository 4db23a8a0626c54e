"""A change to what is published about an approved entry waits for the organisers' decision."""

import re

import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.signing.models import ProposedChange, SignOn
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.signing.helpers import DETAILS, manage_path, post
from tests.support import csrf_token

FRAUD = {
    **DETAILS,
    "organisation": "HONEST ORG!!! ☠️ 🖕",
    "acronym": "FRAUD",
    "website": "phishing.example.net",
}


def approved_entry(app, make_letter, confirmed, runner, **fields):
    make_letter()
    s = confirmed(**fields)
    runner.invoke(args=["signatures", "approve", "climate", str(s)])
    return s


def press(client, page_path: str, label: str):
    """Press the button with this label on an organiser page, as a browser would."""
    page = client.get(page_path).text
    form = re.search(
        r'<form method="post" action="([^"]+)"[^>]*>\s*<input[^>]*value="([^"]+)"[^>]*>\s*'
        rf"<button[^>]*>{re.escape(label)}</button>",
        page,
    )
    assert form, page
    return client.post(form.group(1), data={"csrf_token": form.group(2)}, follow_redirects=True)


def test_the_list_keeps_the_approved_entry_until_the_organisers_decide(
    app, client, make_letter, confirmed, inbox, runner
):
    s = approved_entry(app, make_letter, confirmed, runner)
    path = manage_path(inbox, "awa@equitas.example.org")
    answer = post(client, path, **FRAUD)
    assert answer.status_code == 303
    page = client.get(answer.location).text
    assert "the organisers will review your change" in page
    assert "Your change awaits the organisers" in page and "FRAUD" in page
    listed = client.get("/letters/climate/signatories").text
    assert "Réseau Equitas Côte d&#39;Ivoire" in listed
    assert "HONEST ORG" not in listed and "FRAUD" not in listed and "phishing" not in listed
    with app.app_context():
        sign_on = db.session.get(SignOn, s)
        assert (sign_on.status, sign_on.acronym) == ("approved", "REQCI")
        assert sign_on.proposed_change.changes["acronym"] == "FRAUD"


def test_an_organiser_approves_the_change_from_the_sign_on_page(
    app, client, make_letter, confirmed, inbox, runner, organiser
):
    s = approved_entry(app, make_letter, confirmed, runner)
    post(client, manage_path(inbox, "awa@equitas.example.org"), **{**DETAILS, "acronym": "RECI"})
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    # The letter's home lists the request in its recent history, linked to the sign-on.
    home = client.get("/organise/letters/climate/").text
    assert "asked to change what is published about" in home
    sign_on_page = f"/organise/letters/climate/sign-ons/{s}"
    assert f'href="{sign_on_page}"' in home
    page = client.get(sign_on_page).text
    assert "Change awaiting review" in page and "RECI" in page
    done = press(client, sign_on_page, "Approve the change")
    assert "Change approved" in done.text and "Change awaiting review" not in done.text
    assert "approved the change asked for" in done.text  # the history says who decided
    assert "(RECI)" in client.get("/letters/climate/signatories").text
    with app.app_context():
        sign_on = db.session.get(SignOn, s)
        assert (sign_on.status, sign_on.acronym) == ("approved", "RECI")
        entry = db.session.scalar(
            sa.select(AuditEntry).where(AuditEntry.action == "change_approved")
        )
        assert entry.actor == "ana@coalition.example.org"
        assert (entry.detail["before"], entry.detail["after"]) == (
            {"acronym": "REQCI"},
            {"acronym": "RECI"},
        )


def test_an_organiser_rejects_the_change_and_the_approved_entry_stays(
    app, client, make_letter, confirmed, inbox, runner, organiser
):
    s = approved_entry(app, make_letter, confirmed, runner)
    path = manage_path(inbox, "awa@equitas.example.org")
    post(client, path, **FRAUD)
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    done = press(client, f"/organise/letters/climate/sign-ons/{s}", "Reject the change")
    assert "Change rejected" in done.text
    assert "HONEST ORG" not in client.get("/letters/climate/signatories").text
    with app.app_context():
        assert db.session.get(SignOn, s).organisation == DETAILS["organisation"]
        assert db.session.scalar(sa.select(sa.func.count(ProposedChange.id))) == 0
        assert (
            db.session.scalar(
                sa.select(AuditEntry.actor).where(AuditEntry.action == "change_rejected")
            )
            == "ana@coalition.example.org"
        )
    # The signatory's page no longer says a change is waiting.
    assert "awaits the organisers" not in client.get(path).text


def test_a_contact_s_own_details_are_not_published_and_change_at_once(
    app, client, make_letter, confirmed, inbox, runner
):
    s = approved_entry(app, make_letter, confirmed, runner)
    answer = post(
        client,
        manage_path(inbox, "awa@equitas.example.org"),
        **{**DETAILS, "contact_name": "Awa Koné-Diallo"},
    )
    assert "Your details are corrected" in client.get(answer.location).text
    with app.app_context():
        sign_on = db.session.get(SignOn, s)
        assert (sign_on.contact_name, sign_on.proposed_change) == ("Awa Koné-Diallo", None)


def test_deciding_needs_the_letter_s_organiser_and_a_waiting_change(
    app, client, make_letter, confirmed, inbox, runner, organiser
):
    s = approved_entry(app, make_letter, confirmed, runner)
    post(client, manage_path(inbox, "awa@equitas.example.org"), **FRAUD)
    token = csrf_token(client.get("/organise/sign-in").text)
    url = f"/organise/letters/climate/sign-ons/{s}/change/approve"
    assert client.post(url, data={"csrf_token": token}).status_code in (302, 303, 403, 404)
    token = log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    assert client.post(url).status_code == 400  # no CSRF token
    assert (
        client.post(url.replace("approve", "publish"), data={"csrf_token": token}).status_code
        == 400
    )
    with app.app_context():
        assert db.session.get(SignOn, s).acronym == "REQCI"
    client.post(url.replace("approve", "reject"), data={"csrf_token": token})
    again = client.post(url, data={"csrf_token": token}, follow_redirects=True)
    assert "No change is waiting" in again.text
