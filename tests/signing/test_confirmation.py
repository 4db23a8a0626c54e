"""Confirming a sign-on by the link in its email: signed, time-limited, single use."""

import re
import time

import pytest

from signon.signing.models import SignOnStatus
from tests.helpers_db import sign_ons, stored


@pytest.fixture
def signed(app, sign, make_letter, deliver, inbox):
    """A pending sign-on and its delivered confirmation email."""
    make_letter()
    sign()
    deliver()
    [message] = inbox.messages
    return message


def test_email_has_plain_text_and_html_with_the_link(signed, inbox):
    assert signed["To"] == "awa@equitas.example.org"
    assert "Please confirm" in signed["Subject"]
    link = inbox.link(signed)
    assert link.startswith("https://sign.example.org/letters/climate/confirm/")
    assert link in inbox.html(signed)
    assert "Réseau Equitas Côte d&#39;Ivoire" in inbox.html(signed)
    assert "7 days" in inbox.text(signed)


def test_opening_the_link_does_not_confirm(app, client, signed, inbox):
    page = client.get(inbox.link(signed).removeprefix("https://sign.example.org"))
    assert page.status_code == 200
    assert "<button" in page.text and "Confirm" in page.text
    assert sign_ons(app)[0].status == SignOnStatus.PENDING


def test_confirm_button_confirms(app, confirm, signed, inbox):
    response = confirm(inbox.link(signed))
    assert response.status_code == 200
    assert "your signature is confirmed" in response.text
    [row] = sign_ons(app)
    assert row.status == SignOnStatus.VERIFIED
    assert row.confirmed_at is not None


def test_link_works_once(app, client, confirm, signed, inbox):
    link = inbox.link(signed)
    confirm(link)
    first = sign_ons(app)[0].confirmed_at
    again = client.get(link.removeprefix("https://sign.example.org"))
    assert again.status_code == 200
    assert "Already confirmed" in again.text
    assert sign_ons(app)[0].confirmed_at == first


def test_confirm_post_needs_csrf(app, client, signed, inbox):
    path = inbox.link(signed).removeprefix("https://sign.example.org")
    assert client.post(path).status_code == 400
    assert sign_ons(app)[0].status == SignOnStatus.PENDING


def test_expired_link_gets_a_clear_page(
    app, client, make_letter, sign, deliver, inbox, monkeypatch
):
    make_letter()
    eight_days_ago = time.time() - 8 * 24 * 3600
    # The token is signed with the clock of its sending: send it eight days ago.
    sign()
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: eight_days_ago)
    deliver()
    monkeypatch.undo()
    response = client.get(inbox.link(inbox.messages[0]).removeprefix("https://sign.example.org"))
    assert response.status_code == 400
    assert "expired" in response.text
    assert sign_ons(app)[0].status == SignOnStatus.PENDING


def test_max_age_is_configurable(app, client, signed, inbox):
    app.config["CONFIRM_TOKEN_MAX_AGE"] = -1
    path = inbox.link(signed).removeprefix("https://sign.example.org")
    assert "expired" in client.get(path).text


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: "eyJpZCI6Mn0" + t[t.index(".") :],  # another sign-on's id, old signature
        lambda t: "garbage",
    ],
)
def test_tampered_link_changes_nothing(app, client, signed, inbox, tamper):
    link = inbox.link(signed).removeprefix("https://sign.example.org")
    prefix, token = link.rsplit("/", 1)
    response = client.get(f"{prefix}/{tamper(token)}")
    assert response.status_code == 400
    assert "not valid" in response.text
    assert client.post(f"{prefix}/{tamper(token)}").status_code == 400
    assert sign_ons(app)[0].status == SignOnStatus.PENDING


def test_link_is_bound_to_its_letter(app, client, make_letter, signed, inbox):
    make_letter("other")
    token = inbox.link(signed).rsplit("/", 1)[1]
    assert client.get(f"/letters/other/confirm/{token}").status_code == 400


def test_token_for_another_purpose_is_refused(app, client, signed):
    from itsdangerous import URLSafeTimedSerializer

    forged = URLSafeTimedSerializer("test-secret", salt="signon.other").dumps({"id": 1})
    assert client.get(f"/letters/climate/confirm/{forged}").status_code == 400


def test_repeat_by_another_contact_is_one_signatory(app, sign, deliver, inbox, signed):
    response = sign(
        contact_email="info@equitas.example.org", organisation="RÉSEAU  equitas  Côte d’Ivoire"
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/check-email")
    deliver()
    assert "Please confirm" in inbox.to("info@equitas.example.org")[0]["Subject"]
    assert stored(app) == {"sign_ons": 2, "signatories": 1, "outbox": 2}


def _without_links(text: str) -> str:
    return re.sub(r"https?://\S+", "LINK", text)


def test_the_mail_to_a_second_contact_does_not_tell_who_else_signed(
    app, sign, deliver, inbox, signed
):
    # Someone types the name of an organisation that signed (unconfirmed, unlisted) and
    # their own address: their mail is word for word the one a first signer gets.
    sign(contact_email="curious@example.net", contact_name="Eve")
    sign(
        contact_email="first@example.net",
        contact_name="Eve",
        organisation="Réseau Equitas Côte d'Ivoire du Nord",
    )
    deliver()
    [probe] = inbox.to("curious@example.net")
    [first] = inbox.to("first@example.net")
    for body in (inbox.text, inbox.html):
        assert "already" not in body(probe) and "someone else" not in body(probe)
        assert _without_links(body(probe)) == _without_links(body(first)).replace(" du Nord", "")
    assert probe["Subject"] == first["Subject"]


def test_repeat_by_the_same_contact_stores_nothing_new(app, sign, deliver, inbox, signed):
    response = sign(contact_email="AWA@equitas.example.org")
    assert response.status_code == 303
    deliver()
    repeat = inbox.messages[1]
    assert "You have already signed" in repeat["Subject"]
    assert "/confirm/" in inbox.text(repeat)  # still pending: the link comes again
    assert stored(app) == {"sign_ons": 1, "signatories": 1, "outbox": 2}


def test_same_name_in_another_country_is_another_signatory(app, sign, signed):
    sign(country="SN", contact_email="dakar@equitas.example.org")
    assert stored(app)["signatories"] == 2


def _close(app, how: str) -> None:
    from datetime import timedelta

    from signon.letters.services import get_letter
    from signon.storage.database import utcnow
    from signon.storage.extensions import db
    from tests.support import close_letter

    with app.app_context():
        if how == "closed":
            close_letter("climate")
        else:
            get_letter("climate").deadline = utcnow() - timedelta(minutes=1)
            db.session.commit()


@pytest.mark.parametrize("how", ["closed", "deadline passed"])
def test_a_sign_on_confirmed_after_the_letter_closed_is_not_added(app, client, signed, inbox, how):
    from tests.support import csrf_token

    path = inbox.link(signed).removeprefix("https://sign.example.org")
    button = client.get(path)  # opened while the letter was open
    _close(app, how)
    answer = client.post(path, data={"csrf_token": csrf_token(button.text)})
    assert answer.status_code == 409
    assert "stopped taking signatures before your confirmation reached us" in answer.text
    assert "confirmed" not in answer.text.split("<h1>")[1].split("</h1>")[0]
    assert [row.status for row in sign_ons(app)] == [SignOnStatus.PENDING]
    # Opened again later, in Spanish: the same news, and no button.
    later = client.get(path, headers={"Accept-Language": "es"}, query_string={"lang": "es"})
    assert later.status_code == 409 and "<button" not in later.text.split("<main")[-1]
    assert "no se añadió su firma" in later.text


def test_the_confirm_page_is_never_stored(client, signed, inbox):
    page = client.get(inbox.link(signed).removeprefix("https://sign.example.org"))
    assert page.headers["Cache-Control"] == "no-store"
