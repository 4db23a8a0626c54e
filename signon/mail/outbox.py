"""`send_email`: the one way to send mail. It writes to the outbox in the caller's transaction."""

import logging

import sqlalchemy as sa
from flask import render_template

from signon.domain.names import clean_text
from signon.extensions import db
from signon.mail.models import OutboxMessage

log = logging.getLogger(__name__)


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
    if not sa.event.contains(session, "after_commit", _wake_sender):
        sa.event.listen(session, "after_commit", _wake_sender, once=True)
    log.info("queued email %r (%s)", message.subject, template)
    return message


def _wake_sender(session: object) -> None:
    from signon.mail import sender

    sender.wake()
