"""`/healthz`: is this process able to serve, database included, and is mail going out?"""

import logging

import sqlalchemy as sa
from flask import Blueprint, current_app

from signon.mail.models import MessageStatus, OutboxMessage
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.storage.sqlite import read_only

log = logging.getLogger(__name__)

bp = Blueprint("health", __name__)


def outbox_backlog() -> dict[str, float | int]:
    """Emails due now, and how long the oldest has waited for a sender (0 when none)."""
    now = utcnow()
    count, oldest = db.session.execute(
        sa.select(sa.func.count(), sa.func.min(OutboxMessage.next_attempt_at)).where(
            OutboxMessage.status == MessageStatus.PENDING, OutboxMessage.next_attempt_at <= now
        )
    ).one()
    # min() comes back naive from SQLite: the column type does not apply to an aggregate.
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=now.tzinfo)
    age = (now - oldest).total_seconds() if oldest is not None else 0.0
    return {"due": count, "oldest_due_seconds": round(max(age, 0.0), 1)}


@bp.get("/healthz")
@read_only
def healthz() -> tuple[dict, int]:
    """200 when the database answers and mail is not stalled; 503 with the reason otherwise.

    A message that waits for a sender longer than `HEALTH_MAIL_MAX_AGE_SECONDS` means no
    sender is running (SMTP down is not a stall: the sender retries and reschedules).
    """
    try:
        backlog = outbox_backlog()
    except sa.exc.SQLAlchemyError as exc:
        log.warning("health check: database unavailable: %s", type(exc).__name__)
        db.session.rollback()
        return {"status": "unavailable", "database": type(exc).__name__}, 503
    body = {"status": "ok", "database": "ok", "outbox": backlog}
    if backlog["oldest_due_seconds"] > current_app.config["HEALTH_MAIL_MAX_AGE_SECONDS"]:
        log.warning("health check: mail stalled: %s", backlog)
        return body | {"status": "mail stalled"}, 503
    return body, 200
