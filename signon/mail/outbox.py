"""`send_email`: the one way to send mail. It writes to the outbox in the caller's transaction.

Most emails are rendered at once. A sign-on's are hot-path work, so `send_email_later` stores
the template's name and a few parameters instead, and the sender renders them: a function
registered with `@email_context(template)` turns the parameters back into the context.
"""

import logging
from collections.abc import Callable

import sqlalchemy as sa
from flask import current_app, render_template
from sqlalchemy.orm import Session

from signon.database import utcnow
from signon.domain.names import clean_text
from signon.extensions import db
from signon.mail.models import OutboxMessage

log = logging.getLogger(__name__)

# Session.info key: messages added in the open transaction, handed over once it commits.
NEW_MESSAGES = "signon_new_outbox_messages"

# Messages queued by older versions may carry the host of their request: it is ignored,
# since links come from BASE_URL alone.
LEGACY_HOST_PARAM = "_base_url"

ContextBuilder = Callable[..., dict[str, object]]
_contexts: dict[str, ContextBuilder] = {}


def email_context(template: str) -> Callable[[ContextBuilder], ContextBuilder]:
    """Register how the sender rebuilds `template`'s context from its stored parameters."""

    def register(build: ContextBuilder) -> ContextBuilder:
        _contexts[template] = build
        return build

    return register


def _bodies(template: str, context: dict[str, object]) -> tuple[str, str]:
    text = render_template(f"email/{template}.txt", **context)
    return text, render_template(f"email/{template}.html", **context)


def send_email(recipient: str, subject: str, template: str, **context: object) -> OutboxMessage:
    """Queue `email/<template>.txt` and `.html`; the sender delivers it once the caller commits."""
    body_text, body_html = _bodies(template, context)
    message = OutboxMessage(
        recipient=recipient,
        subject=clean_text(subject)[:300],
        body_text=body_text,
        body_html=body_html,
    )
    db.session.add(message)
    _hand_over_after_commit(db.session, message)
    log.info("queued email %r (%s)", message.subject, template)
    return message


_NEW_LATER = OutboxMessage.__table__.insert().returning(OutboxMessage.__table__.c.id)


def send_email_later(recipient: str, subject: str, template: str, **params: object) -> int:
    """Queue `template` to be rendered by the sender from `params` (JSON values); its id."""
    if template not in _contexts:
        raise LookupError(f"no @email_context registered for {template!r}")
    now = utcnow()
    values = {"recipient": recipient, "subject": clean_text(subject)[:300], "template": template}
    values |= {"params": params, "created_at": now, "next_attempt_at": now}
    message_id = db.session.execute(_NEW_LATER, values).scalar_one()
    _hand_over_after_commit(db.session, message_id)
    log.info("queued email %s %r (%s, rendered on sending)", message_id, subject, template)
    return message_id


def render(message: OutboxMessage) -> None:
    """Fill in the bodies of a message queued with `send_email_later` (once: they are kept)."""
    if message.body_text is not None and message.body_html is not None:
        return
    params = dict(message.params or {})
    params.pop(LEGACY_HOST_PARAM, None)
    context = _contexts[message.template](**params)
    message.body_text, message.body_html = _bodies(message.template, context)


def _hand_over_after_commit(session: Session, message: OutboxMessage | int) -> None:
    session.info.setdefault(NEW_MESSAGES, []).append(message)
    if not sa.event.contains(session, "after_commit", _after_commit):
        sa.event.listen(session, "after_commit", _after_commit)
        sa.event.listen(session, "after_soft_rollback", _after_rollback)


def _after_rollback(session: Session, previous_transaction: object) -> None:
    if not session.in_transaction():
        session.info.pop(NEW_MESSAGES, None)


def _message_id(message: OutboxMessage | int) -> int | None:
    if isinstance(message, int):
        return message
    # The identity survives the commit's expiry, so no SQL is needed (none is allowed here).
    identity = sa.inspect(message).identity
    return identity[0] if identity else None


def _after_commit(session: Session) -> None:
    """The messages are stored: hand them to the queue, or wake the built-in sender."""
    messages = session.info.pop(NEW_MESSAGES, [])
    if not messages:
        return
    if current_app.config["REDIS_URL"]:
        from signon.mail import queue

        queue.enqueue([i for i in map(_message_id, messages) if i is not None])
    else:
        from signon.mail import sender

        sender.wake()
