"""Delivering the outbox in batches: claim, render, send over one connection, record at once."""

import logging
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask, current_app

from signon.mail import claims, smtp
from signon.mail.models import MessageStatus, OutboxMessage
from signon.mail.outbox import batch_rendering, render
from signon.mail.registry import CannotRender, NoLongerNeeded, mail_extension
from signon.mail.unsubscribe import optional_headers
from signon.storage import singleton
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)
# An SMTP reply code and its enhanced status code, "550 5.1.1".
_REPLY_CODE = re.compile(r"\d{3}(?: \d\.\d{1,3}\.\d{1,3})?")
# Or an exception's name ("ConnectionRefusedError"), up to what follows it.
_ERROR_NAME = re.compile(r"[A-Za-z_][\w.]*(?=:|$)")

_outbox = OutboxMessage.__table__
_RESULT_COLUMNS = (
    "status", "attempts", "last_error", "next_attempt_at", "sent_at", "body_text", "body_html",
    "reply_to", "from_name",
)  # fmt: skip
_record = (
    sa.update(_outbox)
    .where(_outbox.c.id == sa.bindparam("_id"))
    .values(
        {name: sa.bindparam(f"_{name}") for name in _RESULT_COLUMNS}
        | {"locked_until": None, "claimed_by": None}
    )
)


@dataclass
class SendReport:
    """What one pass over the outbox did."""

    sent: int = 0
    failed: int = 0
    batches: int = field(default=0, repr=False)
    # The database could not record a sent email: this pass stops there.
    paused: bool = field(default=False, repr=False)


def _backoff(attempts: int) -> timedelta:
    cfg = current_app.config
    base, most = cfg["MAIL_RETRY_BASE_SECONDS"], cfg["MAIL_RETRY_MAX_SECONDS"]
    return timedelta(seconds=min(base * 2 ** (attempts - 1), most))


def _fail(message: claims.Claimed, status: str, reason: str, report: SendReport) -> None:
    message.status, message.last_error = status, reason[:2000]
    report.failed += 1
    log.warning("email %s %s: %s", message.id, status, _reply_code(reason))


def _retry_later(message: claims.Claimed, reason: str, report: SendReport) -> None:
    message.attempts += 1
    message.last_error = reason[:2000]
    message.next_attempt_at = utcnow() + _backoff(message.attempts)
    if message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        message.status = MessageStatus.FAILED
    report.failed += 1
    log.warning("email %s failed (will retry): %s", message.id, _reply_code(reason))


def _reply_code(reason: str) -> str:
    """What a log may say of a failure: the reply code, never its text (it may quote the
    recipient's address: "550 5.1.1 <someone@example.org>: no such user")."""
    found = _REPLY_CODE.match(reason) or _ERROR_NAME.match(reason)
    return found.group(0) if found else "error"


def _render_all(batch: list[claims.Claimed], report: SendReport) -> list[claims.Claimed]:
    """Render what needs it (each template's rows loaded at once); the messages to send."""
    extension, keep = mail_extension(), []
    by_template: dict[str, list[dict]] = {}
    for message in batch:
        if message.body_text is None and message.template in extension.templates:
            by_template.setdefault(message.template, []).append(message.params or {})
    for name, params in by_template.items():
        prefetch = extension.templates[name].prefetch
        if prefetch is not None:
            keep.append(prefetch(params))  # held until the batch is rendered
    ready = []
    with batch_rendering():
        for message in batch:
            _render_one(message, report, ready)
    return ready


def _render_one(message: claims.Claimed, report: SendReport, ready: list) -> None:
    """Render one message of the batch; it joins `ready`, or is failed or retried later."""
    try:
        render(message)
    except CannotRender as exc:
        _fail(message, MessageStatus.FAILED, f"cannot render: {exc}", report)
    except NoLongerNeeded as exc:
        _fail(message, MessageStatus.CANCELLED, str(exc), report)
    except Exception as exc:
        log.exception("email %s (%s) could not be rendered", message.id, message.template)
        _retry_later(message, f"rendering failed: {type(exc).__name__}: {exc}", report)
    else:
        ready.append(message)


def _deliver(
    batch: list[claims.Claimed],
    link: smtp.Connection | None,
    receipts: claims.Receipts,
    report: SendReport,
) -> None:
    """Send each message (or print it without MAIL_SERVER), noting the outcome on it.

    Each accepted message is stored as sent before the next one goes: a kill mid-batch can
    leave only the message being handed over to be sent twice.
    """
    domain, unsubscribe = smtp.service_domain(), optional_headers(batch)
    down: str | None = None
    for message in batch:
        if down is not None:  # the server cannot be reached: the rest waits for its retry
            _retry_later(message, down, report)
            continue
        try:
            email = smtp.build(message, unsubscribe.get(message.id, smtp.Extra()), domain)
            if link is None:
                print(f"\n--- email to {message.recipient}: {message.subject}\n"
                      f"{message.body_text}\n---", flush=True)  # fmt: skip
            else:
                link.send(email, message.recipient)
        except smtp.PermanentFailure as exc:
            _fail(message, MessageStatus.UNDELIVERABLE, str(exc), report)
            message.attempts += 1
        except smtp.TemporaryFailure as exc:
            _retry_later(message, str(exc), report)
            down = str(exc) if link is not None and link.unreachable else None
        except Exception as exc:
            # Whatever else one message raises is its own: it must not stop the batch (and
            # the sender's every pass) behind it. The session's state is unknown: start anew.
            log.exception("email %s could not be sent", message.id)
            if link is not None:
                link.close()
            _fail(message, MessageStatus.UNDELIVERABLE, f"{type(exc).__name__}: {exc}", report)
            message.attempts += 1
        else:
            message.status, message.sent_at = MessageStatus.SENT, utcnow()
            message.attempts += 1
            report.sent += 1
            try:
                receipts.sent(message)
            except claims.NotRecorded as exc:
                # Sending on without a record could send the rest twice after a crash: the
                # rest waits, unattempted, for the next pass (the batch's record tries again).
                log.warning("could not record a sent email, pausing: %s", type(exc).__name__)
                report.paused = True
                return


def _send_batch(owner: str, limit: int, now: datetime, link: smtp.Connection | None,
                only: list[int] | None = None) -> SendReport:  # fmt: skip
    report = SendReport()
    batch = claims.claim(owner, limit, now, only)
    if not batch:
        return report
    report.batches = 1
    with claims.leased(owner):
        ready = _render_all(batch, report)
        # End the reading transaction before SMTP talks: on SQLite it holds the write lock.
        db.session.commit()
        receipts = claims.Receipts(db.engine)
        try:
            _deliver(ready, link, receipts, report)
        finally:
            receipts.close()
        db.session.execute(
            _record,
            [{"_id": m.id} | {f"_{c}": getattr(m, c) for c in _RESULT_COLUMNS} for m in batch],
            execution_options={"synchronize_session": False},
        )
        db.session.commit()
    log.info("mail batch: %s sent, %s failed", report.sent, report.failed)
    return report


def _connection() -> smtp.Connection | None:
    return smtp.Connection() if current_app.config["MAIL_SERVER"] else None


def send_these(message_ids: list[int], now: datetime | None = None) -> SendReport:
    """Send these messages if still due (the queue's job), over one connection; skip the rest."""
    link = _connection()
    try:
        limit = len(message_ids)
        return _send_batch(claims.new_owner(), limit, now or utcnow(), link, only=message_ids)
    finally:
        if link is not None:
            link.close()


def send_pending(limit: int = 10_000, now: datetime | None = None,
                 link: smtp.Connection | None = None) -> SendReport:  # fmt: skip
    """Send what is due, batch after batch over one connection; failures wait and retry."""
    now, report = now or utcnow(), SendReport()
    own_link = link is None
    link = _connection() if own_link else link
    try:
        while report.sent + report.failed < limit:
            size = min(current_app.config["MAIL_BATCH_SIZE"], limit - report.sent - report.failed)
            done = _send_batch(claims.new_owner(), size, now, link)
            report.sent, report.failed = report.sent + done.sent, report.failed + done.failed
            if done.batches == 0 or done.sent == 0 or done.paused:
                break  # nothing due, the server or the database is down: the next pass
    finally:
        if own_link and link is not None:
            link.close()
    return report


def run_worker(app: Flask, stop: threading.Event | None = None) -> None:
    """Deliver mail until `stop` is set, waking early when new mail is queued; run the jobs."""
    stop, extension = stop or threading.Event(), mail_extension(app)
    poll, last_run = app.config["MAIL_POLL_SECONDS"], {}
    link: smtp.Connection | None = None
    while not stop.is_set():
        try:
            with app.app_context():
                link = link or _connection()
                send_pending(link=link)
                run_due_jobs(extension.jobs, last_run)
        except Exception:
            log.exception("mail sender pass failed; retrying")
        if not extension.wakeup.wait(poll) and link is not None:
            link.close()  # idle: do not hold the server's connection
            link = None
        extension.wakeup.clear()
    if link is not None:
        link.close()


def run_due_jobs(jobs: list, last_run: dict[str, float]) -> None:
    """Run each scheduled job whose interval has passed since its last run in this worker."""
    clock = utcnow().timestamp()
    for job in jobs:
        if clock - last_run.get(job.name, 0.0) >= job.every_seconds:
            last_run[job.name] = clock
            # Every web process (on every node) runs the schedule; one runs each job at once.
            with singleton.only_one(db.engine, f"job:{job.name}") as mine:
                if mine:
                    job.run()
                    db.session.commit()


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
