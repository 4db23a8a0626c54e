"""Recording a signature: the sign-on form's validation, the one way sign-ons are created,
the confirmation email unless a write key vouches, Idempotency-Key, errors in JSON."""

import json

import pytest
import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.letters.models import Letter
from signon.storage.extensions import db
from tests.api.helpers import get, new_key, person, post
from tests.helpers_db import sign_ons, stored
from tests.signing.helpers import FIELD_CASES
from tests.webhooks.helpers import add_endpoint, running_receiver
from tests.webhooks.helpers import send as send_hooks

SIGNATURES = "/api/v1/letters/climate/signatures"
NOTHING = {"sign_ons": 0, "signatories": 0, "outbox": 0}
# Where each of the form's fields goes in the Record Signature Helper's body.
PLACES = {
    "organisation": ("organization", "name"),
    "acronym": ("organization", "acronym"),
    "country": ("organization", "country"),
    "website": ("organization", "website"),
    "contact_name": ("person", "name"),
    "role": ("person", "job_title"),
}


@pytest.fixture
def writer(make_letter, runner):
    make_letter("climate")
    return new_key(runner, "climate", "--scope", "write", "--name", "CiviCRM")


def body_with(field: str, value: str) -> dict:
    body = person()
    if field == "contact_email":
        body["person"]["email_addresses"] = [{"address": value}]
    elif field == "contact_name":
        body["person"] = {"name": value, "email_addresses": body["person"]["email_addresses"]}
    else:
        part, name = PLACES[field]
        body[part][name] = value
    return body


# The key's holder collected the consent: the box a person ticks is not the API's to send.
API_CASES = [case for case in FIELD_CASES if case[0] != "consent"]


@pytest.mark.parametrize(("field", "value", "message"), API_CASES)
def test_the_form_s_refusals_come_back_with_their_field(app, client, writer, field, value, message):
    answer = post(client, SIGNATURES, writer, body_with(field, value))
    assert answer.status_code == 422, answer.text
    errors = answer.json["errors"]
    place = ".".join(PLACES.get(field, ("person", "email_addresses")))
    assert any(e["field"] == place and message in e["message"] for e in errors), errors
    assert stored(app) == NOTHING


def test_a_pending_sign_on_gets_its_confirmation_email(
    app, client, writer, deliver, inbox, confirm
):
    answer = post(client, SIGNATURES, writer, person())
    assert answer.status_code == 201, answer.text
    assert answer.mimetype == "application/hal+json"
    made = answer.json
    assert made["status"] == "pending"
    assert made["person"]["name"] == "Awa Koné"
    assert made["organization"]["name"] == "Réseau Equitas"
    assert "Set-Cookie" not in answer.headers
    deliver()
    (message,) = inbox.to("awa@equitas.example.org")
    assert confirm(inbox.link(message)).status_code == 200
    (sign_on,) = sign_ons(app)
    assert sign_on.status == "verified" and sign_on.website == "https://equitas.example.org"
    with app.app_context():
        actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert "api.recorded" in actions and "api.write" in actions


def test_a_write_key_vouches_and_no_email_goes(app, client, writer, deliver, inbox):
    answer = post(client, SIGNATURES, writer, {**person(), "status": "approved"})
    assert answer.status_code == 201
    assert answer.json["status"] == "approved"
    deliver()
    assert inbox.to("awa@equitas.example.org") == []
    petition = get(client, "/api/v1/letters/climate", writer).json
    assert petition["total_signatures"] == 1
    assert "Réseau Equitas" in client.get("/letters/climate/signatories").text


def test_the_same_contact_twice_is_one_sign_on(app, client, writer):
    first = post(client, SIGNATURES, writer, person())
    again = post(client, SIGNATURES, writer, person())
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["identifiers"] == first.json["identifiers"]
    assert stored(app)["sign_ons"] == 1


def test_an_idempotency_key_twice_records_once_and_answers_the_same(app, client, writer, runner):
    headers = {"Idempotency-Key": "sync-7f3a"}
    first = post(client, SIGNATURES, writer, person(), **headers)
    again = post(client, SIGNATURES, writer, person(), **headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"
    assert stored(app)["sign_ons"] == 1
    other = post(client, SIGNATURES, writer, person("bo@other.example.org"), **headers)
    assert other.status_code == 422
    assert other.json["errors"][0]["field"] == "Idempotency-Key"
    # Another key's Idempotency-Key is its own.
    second = new_key(runner, "climate", "--scope", "write")
    mine = post(client, SIGNATURES, second, person("bo@other.example.org"), **headers)
    assert mine.status_code == 201
    assert stored(app)["sign_ons"] == 2
    with app.app_context():
        kept = db.session.execute(sa.text("SELECT key_hash FROM api_idempotency")).scalars().all()
    assert "sync-7f3a" not in kept and len(kept) == 2
    with app.app_context():
        actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
        replays = db.session.scalars(
            sa.select(AuditEntry.detail).where(AuditEntry.action == "api.write")
        ).all()
    assert actions.count("api.recorded") == 2  # one per sign-on created
    assert [bool(d.get("replayed")) for d in replays] == [False, True, False]
    assert actions.count("api.write_refused") == 1  # the same key with another body


@pytest.mark.parametrize(
    ("data", "content_type", "code"),
    [
        ("not json", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ('"text"', "application/json", 400),
        (json.dumps(person()), "text/plain", 415),
        ("organisation=x", "application/x-www-form-urlencoded", 415),
        (json.dumps({**person(), "padding": "x" * 20000}), "application/json", 413),
        (json.dumps({"person": "Awa"}), "application/json", 400),
        (json.dumps({"person": {"name": 5}}), "application/json", 400),
        (json.dumps({**person(), "organization": [1]}), "application/json", 400),
        (json.dumps({"person": {"email_addresses": "a@b.org"}}), "application/json", 400),
        (json.dumps({"person": {"email_addresses": [{"address": 5}]}}), "application/json", 400),
        (json.dumps({**person(), "status": "verified"}), "application/json", 400),
        (json.dumps({**person(), "language": "de"}), "application/json", 400),
        (json.dumps({**person(), "comments": ["x"]}), "application/json", 400),
        (b"\xff\xfe", "application/json", 400),
    ],
)
def test_bodies_that_are_not_a_signature_get_a_4xx_in_json(
    app, client, writer, data, content_type, code
):
    answer = client.post(
        SIGNATURES,
        data=data,
        content_type=content_type,
        headers={"Authorization": f"Bearer {writer}"},
    )
    assert answer.status_code == code, answer.text
    assert answer.json["errors"][0]["message"]
    assert stored(app) == NOTHING
    with app.app_context():
        refused = db.session.scalars(
            sa.select(AuditEntry.detail).where(AuditEntry.action == "api.write_refused")
        ).all()
    assert [d["status"] for d in refused] == [code]


def test_a_closed_letter_takes_no_pending_sign_on(app, client, make_letter, runner):
    make_letter("climate", status="closed")
    key = new_key(runner, "climate", "--scope", "write")
    answer = post(client, SIGNATURES, key, person())
    assert answer.status_code == 409 and answer.json["errors"]
    assert stored(app) == NOTHING


def test_an_individual_only_where_the_letter_takes_them(app, client, writer):
    body = {**person(), "signing_as": "individual"}
    answer = post(client, SIGNATURES, writer, body)
    assert answer.status_code == 422
    assert answer.json["errors"][0]["field"] == "signing_as"
    assert stored(app) == NOTHING
    with app.app_context():
        letter = db.session.scalar(sa.select(Letter))
        letter.accept_individuals = True
        db.session.commit()
    answer = post(client, SIGNATURES, writer, body)
    assert answer.status_code == 201, answer.text
    assert answer.json["signing_as"] == "individual"
    assert answer.json["person"]["name"] == "Awa Koné"
    assert post(client, SIGNATURES, writer, {**body, "signing_as": "robot"}).status_code == 422


def test_a_vouched_sign_on_reaches_the_webhooks_as_approved_a_pending_one_not_yet(
    app, client, writer, runner
):
    receiving = running_receiver(app)
    receiver = next(receiving)
    add_endpoint(runner, receiver.url, "sign_on.confirmed", "sign_on.approved")
    assert post(client, SIGNATURES, writer, {**person(), "status": "approved"}).status_code == 201
    other = person(email="ben@other.example.org", name="Other Org")
    assert post(client, SIGNATURES, writer, other).status_code == 201  # pending: no event yet
    send_hooks(runner)
    assert [r.payload["type"] for r in receiver.received] == ["sign_on.approved"]
    next(receiving, None)  # the receiver stops
