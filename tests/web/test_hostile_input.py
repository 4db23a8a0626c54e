"""Hostile input on every public form and route: never a 500, nothing stored from rejected
input, and every payload escaped wherever it shows (pages, emails, exports)."""

import csv
import io
from urllib.parse import quote

import sqlalchemy as sa
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from signon.domain.names import clean_text
from signon.letters.services import get_letter
from signon.mail.models import OutboxMessage
from signon.moderation import services as organisers
from signon.roster.formats import export
from signon.roster.options import ExportOptions
from signon.roster.tabular import FORMULA_STARTS
from signon.signing import services as signing
from signon.signing.final_list import final_list
from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.support import csrf_token
from tests.web.hostile import PAYLOADS, field, hostile_emails, hostile_text

FAST = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Strings that never occur in our own templates: finding one means a payload went out raw.
RAW_MARKERS = ("<script>", "<img src=x")


def rows(app) -> tuple[int, int]:
    with app.app_context():
        count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
        return count(SignOn), count(OutboxMessage)


def assert_no_raw_markup(text: str) -> None:
    assert not any(marker in text for marker in RAW_MARKERS), text[:2000]


form_data = st.fixed_dictionaries(
    {
        "organisation": field("Réseau Equitas"),
        "acronym": field("RE"),
        "country": st.one_of(st.just("CI"), hostile_text),
        "website": field("equitas.example.org"),
        "contact_name": field("Awa Koné"),
        "contact_email": hostile_emails,
        "role": field("Director"),
        "consent": st.one_of(st.just("y"), hostile_text),
        "signing_as": st.one_of(st.just("organisation"), hostile_text),
    },
    optional={"fax": hostile_text},
)


@FAST
@given(data=form_data)
def test_the_sign_on_form_survives_anything(app, client, make_letter, deliver, inbox, data):
    _make_letter_once(make_letter, client)
    before = rows(app)
    token = csrf_token(client.get("/letters/climate").text)
    response = client.post("/letters/climate", data={**data, "csrf_token": token})
    after = rows(app)
    # A NUL byte is refused before the form is read (PostgreSQL cannot store one).
    if any("\x00" in value for value in data.values()):
        assert response.status_code == 400 and after == before
        assert_no_raw_markup(response.text)
        return
    assert response.status_code == 303, response.text[:2000]
    if response.headers["Location"] == "/letters/climate#sign":
        # Refused, or asked "Did you mean…?": nothing stored, and the form comes back (from the
        # session cookie, which stays small: a cookie over 4 KB would warn, and fail the test).
        assert after == before, "rejected input was stored"
        page = client.get("/letters/climate")
        assert page.status_code == 200
        assert_no_raw_markup(page.text)
        return
    assert after[0] - before[0] <= 1
    inbox.messages.clear()
    deliver()
    for message in inbox.messages:
        assert "Bcc" not in message and "\n" not in str(message["To"])
        # A repeat goes to the address first given, which may differ in case.
        assert str(message["To"]).lower() == clean_text(data["contact_email"]).lower()
        assert_no_raw_markup(inbox.html(message))


def _make_letter_once(make_letter, client) -> None:
    if client.get("/letters/climate").status_code == 404:
        make_letter()


segment = st.one_of(st.text(min_size=1, max_size=60), st.sampled_from(PAYLOADS))


@FAST
@given(slug=segment, token=segment, query=st.text(max_size=40), body=st.text(max_size=200))
def test_every_public_route_answers_without_a_server_error(
    app, client, make_letter, slug, token, query, body
):
    _make_letter_once(make_letter, client)
    s, t, q = quote(slug, safe=""), quote(token, safe=""), quote(query, safe="=&")
    responses = [
        client.get(f"/letters/{s}?{q}"),
        client.get(f"/letters/{s}/signatories"),
        client.get(f"/letters/{s}/check-email"),
        client.get(f"/letters/climate/confirm/{t}"),
        client.post(f"/letters/climate/confirm/{t}", data=body),
        client.post(f"/letters/{s}", data=body, content_type="application/x-www-form-urlencoded"),
        client.get(f"/{s}"),
        client.get(f"/dev/outbox/{t}"),
        client.get(f"/healthz?{q}", headers={"X-Request-ID": q}),
    ]
    for response in responses:
        assert response.status_code < 500, (response.request.path, response.text[:500])
        assert_no_raw_markup(response.text)


names = hostile_text.filter(lambda s: any(c.isalnum() for c in s))


@FAST
@given(name=names, acronym=st.one_of(st.just(""), hostile_text))
def test_hostile_names_are_escaped_on_the_list_and_neutralised_in_exports(
    app, client, make_letter, name, acronym
):
    _make_letter_once(make_letter, client)
    token = csrf_token(client.get("/letters/climate").text)
    form = {
        "organisation": name,
        "acronym": acronym,
        "country": "FR",
        "contact_name": "Jo",
        "contact_email": "jo@example.org",
        "consent": "y",
        "csrf_token": token,
    }
    response = client.post("/letters/climate", data=form)
    # A name the form refused (sent back to the form) is another test's business.
    assume(response.headers.get("Location", "").endswith("/check-email"))
    with app.app_context():
        letter = get_letter("climate")
        sign_on = db.session.scalar(sa.select(SignOn).order_by(SignOn.id.desc()).limit(1))
        signing.confirm_sign_on(sign_on)
        organisers.approve(letter, [sign_on.id])
        db.session.commit()
        listed = final_list(letter)
        csv_bytes = b"".join(export(letter, "csv", ExportOptions()))
        exported = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    page = client.get("/letters/climate/signatories")
    assert page.status_code == 200
    assert_no_raw_markup(page.text)
    for entry in listed:
        assert str(escape(entry.name)) in page.text
    for cells in exported[1:]:
        assert not any(cell.startswith(FORMULA_STARTS) for cell in cells), cells
