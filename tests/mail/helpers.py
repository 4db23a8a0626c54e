"""The outbox as stored: every message, oldest first."""

import sqlalchemy as sa

from signon.mail.models import OutboxMessage
from signon.storage.extensions import db


def outbox(app) -> list[OutboxMessage]:
    with app.app_context():
        rows = list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))
        db.session.expunge_all()
        return rows
