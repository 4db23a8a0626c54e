"""`send_email`: the one way to send mail. It writes to the outbox in the caller's transaction."""

import logging

import sqlalchemy as sa
from flask import current_app, render_template
from sqlalchemy.orm import Session

from signon.domain.names import clean_text
from signon.extensions import db
from signon.mail.models import OutboxMessage

log = logging.getLogger(__name__)

# Session.info key: messages added in the open transaction, handed over once it commits.
NEW_MESSAGES = "signon_new_outbox_messages"


def send_email(recipient: str, subject: str, template: str, **context: object) -> OutboxMessage:
    """Queue `email/<template>.txt` and `.html`; the sender delivers it once the caller commits."""
    message = OutboxMessage(
        recipient=recipient,
        subject=clean_text(subject)[:300],
        body_text=render_template(f"email/{template}.txt", **context),
        body_html=render_template(f"email/{template}.html", **context),
    )
    db.session.add(message)
    session = db.session
    session.info.setdefault(NEW_MESSAGES, []).append(message)
    if not sa.event.contains(session, "after_commit", _after_commit):
        sa.event.listen(session, "after_commit", _after_commit)
        sa.event.listen(session, "after_soft_rollback", _after_rollback)
    log.info("queued email %r (%s)", message.subject, template)
    return message


def _after_rollback(session: Session, previous_transaction: object) -> None:
    if not session.in_transaction():
        session.info.pop(NEW_MESSAGES, None)


def _after_commit(session: Session) -> None:
    """The messages are stored: hand them to the queue, or wake the built-in sender."""
    messages = session.info.pop(NEW_MESSAGES, [])
    if not messages:
        return
    if current_app.config["REDIS_URL"]:
        from signon.mail import queue

        # The identity survives the commit's expiry, so no SQL is needed (none is allowed here).
        ids = [key.identity[0] for key in map(sa.inspect, messages) if key.identity]
        queue.enqueue(ids)
    else:
        from signon.mail import sender

        sender.wake()
