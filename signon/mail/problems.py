"""Emails to signatories that could not be delivered, for the organisers' pages."""

import sqlalchemy as sa
from flask import Flask

from signon.mail.models import NOT_DELIVERED, OutboxMessage
from signon.storage.extensions import db


def undelivered_emails(
    letter_id: int | None = None, sign_on_id: int | None = None
) -> list[OutboxMessage]:
    """Emails about a letter's sign-ons (or one sign-on) given up on, newest first."""
    query = sa.select(OutboxMessage).where(
        OutboxMessage.status.in_(NOT_DELIVERED), OutboxMessage.sign_on_id.is_not(None)
    )
    if letter_id is not None:
        query = query.where(OutboxMessage.letter_id == letter_id)
    if sign_on_id is not None:
        query = query.where(OutboxMessage.sign_on_id == sign_on_id)
    return list(db.session.scalars(query.order_by(OutboxMessage.id.desc())))


def install(app: Flask) -> None:
    """Let the organisers' templates include `mail/_undelivered_*.html`."""
    app.jinja_env.globals["undelivered_emails"] = undelivered_emails
