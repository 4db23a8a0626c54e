"""Reading what the database holds, for assertions."""

import sqlalchemy as sa
from flask import Flask

from signon.mail.models import OutboxMessage
from signon.signing.models import Signatory, SignOn
from signon.storage.extensions import db


def count(app: Flask, model: type) -> int:
    """How many rows a table holds."""
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def sign_ons(app: Flask) -> list[SignOn]:
    """Every sign-on, oldest first, detached from the session."""
    with app.app_context():
        rows = list(db.session.scalars(sa.select(SignOn).order_by(SignOn.id)))
        db.session.expunge_all()
        return rows


def stored(app: Flask) -> dict[str, int]:
    """Row counts of what a sign-on writes."""
    return {
        "sign_ons": count(app, SignOn),
        "signatories": count(app, Signatory),
        "outbox": count(app, OutboxMessage),
    }
