"""Events reach a real receiver signed as Standard Webhooks sign them, after the commit,
retried after a 500, in commit order per sign-on, and with nothing personal after erasure."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from standardwebhooks.webhooks import Webhook

from signon.letters.services import get_letter
from signon.moderation import decisions
from signon.privacy import access
from signon.signing.models import SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.privacy.helpers import closed_days_ago
from tests.support import VALID_SIGN_ON
from tests.webhooks.helpers import add_endpoint, deliveries, running_receiver, send


@pytest.fixture
def receiver(app):
    yield from running_receiver(app)


def _approve(app, sign_on_id: int) -> None:
    with app.app_context():
        decisions.approve(get_letter("climate"), [sign_on_id], actor="ana@coalition.example.org")
        db.session.commit()


def test_a_confirmed_sign_on_reaches_the_receiver_signed_after_a_retry(
    app, runner, make_letter, confirmed, receiver
):
    make_letter()
    secret = add_endpoint(runner, receiver.url)
    sign_on_id = confirmed()
    # Queued with the change, sent by the worker only.
    assert receiver.received == []
    assert [d.event_type for d in deliveries(app)] == ["sign_on.confirmed"]
    receiver.answers = [500]
    assert "0 delivered, 1 failed" in send(runner)
    (row,) = deliveries(app)
    assert (row.status, row.attempts, row.last_status_code) == ("pending", 1, 500)
    assert row.next_attempt_at - row.last_attempt_at == timedelta(seconds=30)
    with app.app_context():
        db.session.get(WebhookDelivery, row.id).next_attempt_at = utcnow()
        db.session.commit()
    assert "1 delivered, 0 failed" in send(runner)
    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == row.event_id
    payload = Webhook(secret).verify(second.body, second.headers)
    assert payload["type"] == "sign_on.confirmed"
    data = payload["data"]
    assert data["identifiers"] == [f"signon:{sign_on_id}"]
    assert data["status"] == "confirmed"
    assert data["organization"] == {
        "name": VALID_SIGN_ON["organisation"],
        "acronym": "REQCI",
        "country": "CI",
        "website": "https://equitas.example.org",
    }
    assert data["_links"]["osdi:petition"]["href"] == "https://sign.example.org/letters/climate"
    assert VALID_SIGN_ON["contact_email"] not in second.body.decode()
    (row,) = deliveries(app)
    assert (row.status, row.attempts, row.last_status_code) == ("delivered", 2, 200)


def test_a_sign_ons_events_arrive_in_commit_order_even_when_one_is_retried(
    app, runner, make_letter, confirmed, receiver
):
    make_letter()
    add_endpoint(runner, receiver.url)
    sign_on_id = confirmed()
    receiver.answers = [500]
    send(runner)  # the confirmation fails once
    _approve(app, sign_on_id)
    send(runner)  # the approval waits behind the confirmation still to retry
    assert [r.payload["type"] for r in receiver.received] == ["sign_on.confirmed"]
    with app.app_context():
        db.session.execute(sa.update(WebhookDelivery).values(next_attempt_at=utcnow()))
        db.session.commit()
    send(runner)
    assert [r.payload["type"] for r in receiver.received] == [
        "sign_on.confirmed",
        "sign_on.confirmed",
        "sign_on.approved",
    ]


def test_erasure_leaves_nothing_personal_in_any_delivery(
    app, runner, make_letter, confirmed, receiver
):
    make_letter()
    add_endpoint(runner, receiver.url)
    name, email = "Jo Individual", "jo@person.example.org"
    with app.app_context():
        letter = get_letter("climate")
        letter.accept_individuals = True
        db.session.commit()
    sign_on_id = confirmed(signing_as="individual", contact_name=name, contact_email=email)
    _approve(app, sign_on_id)
    assert any(name in str(d.payload) for d in deliveries(app))
    with app.app_context():
        access.erase_contact_details(db.session.get(SignOn, sign_on_id), "signatory")
        db.session.commit()
    rows = deliveries(app)
    assert [d.event_type for d in rows][-1] == "sign_on.erased"
    for row in rows:
        assert name not in str(row.payload) and email not in str(row.payload)
        assert name not in row.last_error
    send(runner)
    assert all(name not in r.body.decode() for r in receiver.received)
    erased = receiver.received[-1].payload
    assert erased["type"] == "sign_on.erased"
    assert set(erased["data"]) == {"identifiers", "modified_date", "_links"}


def test_letter_events_and_the_choice_of_events(app, runner, make_letter, receiver):
    make_letter(status="draft")
    add_endpoint(runner, receiver.url, "letter.opened")
    assert runner.invoke(args=["letter", "open", "climate"]).exit_code == 0
    send(runner)
    (opened,) = receiver.received
    assert opened.payload["type"] == "letter.opened"
    assert opened.payload["data"]["title"] == "Joint letter on climate finance"


def test_a_day_of_failures_pauses_the_endpoint_and_emails_its_owners(
    app, runner, make_letter, organiser, confirmed, receiver, deliver, inbox
):
    make_letter()
    organiser("ana@coalition.example.org", letters=("climate",))
    add_endpoint(runner, receiver.url)
    confirmed()
    receiver.answers = [503, 503]
    send(runner)
    with app.app_context():
        endpoint = db.session.scalar(sa.select(WebhookEndpoint))
        endpoint.failing_since = utcnow() - timedelta(hours=25)
        db.session.execute(sa.update(WebhookDelivery).values(next_attempt_at=utcnow()))
        db.session.commit()
    send(runner)
    with app.app_context():
        assert db.session.scalar(sa.select(WebhookEndpoint)).paused_at is not None
    deliver()
    (notice,) = inbox.to("ana@coalition.example.org")[-1:]
    assert "paused" in notice["Subject"]
    assert receiver.url in inbox.text(notice)
    # Paused: nothing more is sent.
    with app.app_context():
        db.session.execute(sa.update(WebhookDelivery).values(next_attempt_at=utcnow()))
        db.session.commit()
    count = len(receiver.received)
    send(runner)
    assert len(receiver.received) == count


def test_the_retention_run_scrubs_the_deliveries_too(app, runner, make_letter, confirmed, receiver):
    make_letter()
    add_endpoint(runner, receiver.url, "sign_on.approved")
    with app.app_context():
        get_letter("climate").accept_individuals = True
        db.session.commit()
    sign_on_id = confirmed(signing_as="individual", contact_name="Wanjiru Private")
    _approve(app, sign_on_id)
    assert "Wanjiru Private" in str(deliveries(app)[0].payload)
    assert runner.invoke(args=["letter", "close", "climate"]).exit_code == 0
    closed_days_ago(app, "climate", 400)
    assert runner.invoke(args=["privacy", "run"]).exit_code == 0
    (row,) = deliveries(app)
    assert "Wanjiru" not in str(row.payload)
    assert row.payload["data"]["identifiers"] == [f"signon:{sign_on_id}"]


def test_imported_sign_ons_are_events_as_they_arrive(app, runner, make_letter, tmp_path, receiver):
    make_letter()
    add_endpoint(runner, receiver.url)
    rows = "Organisation,Country,Contact,Email\nAlpha Aid,Kenya,Ann,ann@alpha.example.org\n"
    (tmp_path / "approved.csv").write_text(rows, encoding="utf-8")
    imported = runner.invoke(
        args=["signatures", "import", "climate", str(tmp_path / "approved.csv"),
              "--status", "approved"]
    )  # fmt: skip
    assert imported.exit_code == 0, imported.output
    (row,) = deliveries(app)
    assert row.event_type == "sign_on.approved"
    assert row.payload["data"]["organization"]["name"] == "Alpha Aid"
    assert "ann@alpha.example.org" not in str(row.payload)
