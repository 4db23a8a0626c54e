"""One reminder to confirm, the unsubscribe link of optional emails, and the outbox in /healthz."""

import re
from datetime import timedelta

import sqlalchemy as sa

from signon.mail.models import OutboxMessage
from signon.signing.models import SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db
from tests.support import csrf_token


def age_sign_ons(app, days: float) -> None:
    with app.app_context():
        db.session.execute(sa.update(SignOn).values(created_at=utcnow() - timedelta(days=days)))
        db.session.commit()


def test_a_pending_sign_on_gets_one_reminder_after_three_days_and_never_another(
    app, runner, make_letter, sign, deliver, inbox
):
    make_letter()
    sign()
    deliver()
    assert runner.invoke(args=["mail", "remind"]).output.strip() == "0 reminders queued."
    age_sign_ons(app, 3.1)
    assert runner.invoke(args=["mail", "remind"]).output.strip() == "1 reminder queued."
    assert runner.invoke(args=["mail", "remind"]).output.strip() == "0 reminders queued."
    deliver()
    reminder = inbox.messages[-1]
    assert reminder["Subject"].startswith("Reminder: please confirm your signature")
    assert "only reminder" in inbox.text(reminder)
    assert "/letters/climate/confirm/" in inbox.text(reminder)
    assert reminder["List-Unsubscribe"].startswith("<https://sign.example.org/unsubscribe/")
    assert reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert len(inbox.messages) == 2


def test_a_confirmed_sign_on_is_not_reminded(
    app, runner, make_letter, sign, deliver, confirm, inbox
):
    make_letter()
    sign()
    deliver()
    confirm(inbox.link(inbox.messages[0]))
    age_sign_ons(app, 10)
    assert runner.invoke(args=["mail", "remind"]).output.strip() == "0 reminders queued."


def test_the_worker_schedule_runs_the_reminders(app, make_letter, sign, deliver, inbox):
    from signon.mail.registry import mail_extension
    from signon.mail.sender import run_due_jobs

    make_letter()
    sign()
    age_sign_ons(app, 4)
    with app.app_context():
        run_due_jobs(mail_extension().jobs, {})
    deliver()
    assert [m["Subject"].split(":")[0] for m in inbox.messages] == [
        "Please confirm your signature",
        "Reminder",
    ]


def unsubscribe_path(message) -> str:
    return re.sub(r"^<https?://[^/]+|>$", "", message["List-Unsubscribe"])


def test_one_click_unsubscribe_stops_the_letters_optional_emails_to_that_address(
    app, client, runner, make_letter, sign, deliver, inbox
):
    make_letter()
    sign()
    age_sign_ons(app, 4)
    runner.invoke(args=["mail", "remind"])
    deliver()
    path = unsubscribe_path(inbox.messages[-1])
    # A mail provider's RFC 8058 POST: no form of ours, no CSRF token.
    response = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You are unsubscribed" in response.text
    # A second reminder is never sent anyway; a new version of the text is not sent either.
    with app.app_context():
        from signon.mail.outbox import send_email

        sign_on = db.session.get(SignOn, 1)
        queued = send_email(
            sign_on.contact_email,
            "The text you signed has changed",
            "version_changed",
            letter_id=sign_on.letter_id,
            sign_on=sign_on,
            letter=sign_on.letter,
            changes=[],
            manage_url="",
        )
        assert queued is None


def test_a_person_opening_the_unsubscribe_link_gets_a_button_first(
    app, client, runner, make_letter, sign, deliver, inbox
):
    make_letter()
    sign()
    age_sign_ons(app, 4)
    runner.invoke(args=["mail", "remind"])
    deliver()
    path = unsubscribe_path(inbox.messages[-1])
    page = client.get(path)
    assert "Stop emails about this letter?" in page.text
    assert "awa@equitas.example.org" in page.text
    with app.app_context():
        assert db.session.scalar(sa.text("SELECT count(*) FROM mail_unsubscribes")) == 0
    done = client.post(path, data={"csrf_token": csrf_token(page.text)})
    assert "You are unsubscribed" in done.text
    assert client.post(path, data={}).status_code == 400  # a forged form: no CSRF token
    assert client.get("/unsubscribe/not-a-token").status_code == 400


def test_healthz_reports_the_outbox_backlog_and_503_when_mail_is_stalled(
    app, client, make_letter, sign
):
    make_letter()
    sign()
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json["outbox"]["due"] == 1
    with app.app_context():
        db.session.execute(
            sa.update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(minutes=20))
        )
        db.session.commit()
    stalled = client.get("/healthz")
    assert stalled.status_code == 503
    assert stalled.json["status"] == "mail stalled"
    assert stalled.json["outbox"]["oldest_due_seconds"] >= 1200
