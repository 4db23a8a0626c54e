"""Delivering the outbox: claim due messages, send them, retry failures with backoff."""

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask, current_app
from flask_mail import Message

from signon.database import utcnow
from signon.extensions import db, mail
from signon.mail.models import OutboxMessage
from signon.mail.outbox import render

log = logging.getLogger(__name__)

_wakeup = threading.Event()


@dataclass
class SendReport:
    """What one pass over the outbox did."""

    sent: int = 0
    failed: int = 0


def wake() -> None:
    """Tell the background sender that new mail is waiting."""
    _wakeup.set()


def deliver(message: OutboxMessage) -> None:
    """Hand one message to SMTP, or print it when no `MAIL_SERVER` is configured."""
    if not current_app.config["MAIL_SERVER"]:
        print(  # noqa: T201 - the console is the embedded default's mailbox
            f"\n--- email to {message.recipient}: {message.subject}\n{message.body_text}\n---",
            flush=True,
        )
        return
    mail.send(
        Message(
            subject=message.subject,
            recipients=[message.recipient],
            body=message.body_text,
            html=message.body_html,
        )
    )


def _claim(message_id: int, now: datetime) -> bool:
    """Take a message for this sender; False when another sender has it or it is done."""
    # Locks count from the real clock: a long pass must not hand out already expired claims.
    clock = max(now, utcnow())
    claimed = db.session.execute(
        sa.update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == "pending",
            OutboxMessage.next_attempt_at <= now,
            sa.or_(OutboxMessage.locked_until.is_(None), OutboxMessage.locked_until < clock),
        )
        .values(locked_until=clock + timedelta(seconds=current_app.config["MAIL_CLAIM_SECONDS"]))
    )
    db.session.commit()
    return claimed.rowcount == 1


def _backoff(attempts: int) -> timedelta:
    cfg = current_app.config
    seconds = min(
        cfg["MAIL_RETRY_BASE_SECONDS"] * 2 ** (attempts - 1), cfg["MAIL_RETRY_MAX_SECONDS"]
    )
    return timedelta(seconds=seconds)


def _send(message_id: int, now: datetime, report: SendReport) -> None:
    """Claim, send and record one message; a message another sender holds is left alone."""
    if not _claim(message_id, now):
        return
    message = db.session.get(OutboxMessage, message_id)
    try:
        render(message)
    except LookupError as exc:
        # What the email was about is gone (a deleted letter): no retry can bring it back.
        message.status, message.last_error = "failed", f"cannot render: {exc}"[:2000]
        message.locked_until = None
        report.failed += 1
        log.warning("email %s not rendered: %s", message.id, exc)
        db.session.commit()
        return
    try:
        deliver(message)
    except Exception as exc:  # noqa: BLE001 - any SMTP or network failure means retry
        message.attempts += 1
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        message.locked_until = None
        message.next_attempt_at = utcnow() + _backoff(message.attempts)
        if message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
            message.status = "failed"
        report.failed += 1
        log.warning("email %s failed: %s", message.id, type(exc).__name__)
    else:
        message.status = "sent"
        message.sent_at = utcnow()
        message.attempts += 1
        report.sent += 1
        log.info("email %s sent", message.id)
    db.session.commit()


def send_one(message_id: int, now: datetime | None = None) -> SendReport:
    """Send one message if it is still due (the queue's job); otherwise do nothing."""
    report = SendReport()
    _send(message_id, now or utcnow(), report)
    return report


def send_pending(limit: int = 100, now: datetime | None = None) -> SendReport:
    """Send every message that is due, once each; failures wait and try again later."""
    now = now or utcnow()
    report = SendReport()
    due = db.session.scalars(
        sa.select(OutboxMessage.id)
        .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    for message_id in due:
        _send(message_id, now, report)
    return report


def run_worker(app: Flask, stop: threading.Event | None = None) -> None:
    """Deliver mail until `stop` is set, waking early when new mail is queued."""
    stop = stop or threading.Event()
    poll = app.config["MAIL_POLL_SECONDS"]
    while not stop.is_set():
        try:
            with app.app_context():
                send_pending()
        except Exception:  # noqa: BLE001 - a database hiccup must not kill the sender
            log.exception("mail sender pass failed; retrying")
        _wakeup.wait(poll)
        _wakeup.clear()


def install(app: Flask) -> None:
    """Start the background sender with the first request of a web process."""
    if not app.config["MAIL_BACKGROUND_SENDER"] or app.testing:
        return
    started = threading.Lock()
    state = {"thread": None}

    @app.before_request
    def _start_sender() -> None:
        if state["thread"] is not None:
            return
        with started:
            if state["thread"] is None:
                thread = threading.Thread(
                    target=run_worker, args=(app,), name="signon-mail", daemon=True
                )
                thread.start()
                state["thread"] = thread
