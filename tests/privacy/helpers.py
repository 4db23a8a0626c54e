"""Helpers of the privacy tests: ending a letter some days ago, the stored record, exports."""

import json
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from signon.audit.models import AuditEntry
from signon.letters.services import get_letter
from signon.mail.models import OutboxMessage
from signon.signing.models import SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db

CONTACT_FIELDS = ("contact_name", "contact_email", "role", "ip_prefix", "note")
KEPT_FIELDS = ("organisation", "acronym", "country", "website", "status", "created_at")
# Exports whose bytes carry no time of making (PDF, DOCX and XLSX stamp their creation).
STABLE_FORMATS = ("txt", "md", "html", "csv", "json")


def closed_days_ago(app: Flask, slug: str, days: int) -> None:
    """Move the letter's closing back by `days` days, as if it had closed then."""
    with app.app_context():
        letter = get_letter(slug)
        letter.closed_at = utcnow() - timedelta(days=days)
        db.session.commit()


def stored(app: Flask, slug: str) -> list[dict]:
    """Every sign-on of the letter as stored, field by field."""
    with app.app_context():
        letter = get_letter(slug)
        rows = db.session.scalars(
            sa.select(SignOn).where(SignOn.letter_id == letter.id).order_by(SignOn.id)
        )
        return [{c.key: getattr(row, c.key) for c in SignOn.__table__.columns} for row in rows]


def audit_of(app: Flask, slug: str, action: str | None = None) -> list[AuditEntry]:
    """The letter's audit entries (of one action), oldest first."""
    with app.app_context():
        query = sa.select(AuditEntry).where(AuditEntry.letter_id == get_letter(slug).id)
        if action:
            query = query.where(AuditEntry.action == action)
        entries = db.session.scalars(query.order_by(AuditEntry.id)).all()
        db.session.expunge_all()
        return list(entries)


def everything_written_about(app: Flask) -> str:
    """The audit log and the outbox as one text, to look for personal data in."""
    with app.app_context():
        audit = [(e.actor, e.action, e.detail) for e in db.session.scalars(sa.select(AuditEntry))]
        mail = [
            (m.recipient, m.body_text, m.body_html, m.last_error, m.params)
            for m in db.session.scalars(sa.select(OutboxMessage))
        ]
    return json.dumps([audit, mail], ensure_ascii=False, default=str)


def list_and_exports(client: FlaskClient, runner: FlaskCliRunner, slug: str) -> dict[str, bytes]:
    """The public list page and its downloads, and every stable export, as bytes."""
    found = {
        "page": client.get(f"/letters/{slug}/signatories").data,
        "public.txt": client.get(f"/letters/{slug}/signatories.txt").data,
        "public.json": client.get(f"/letters/{slug}/signatories.json").data,
        "embed.json": client.get(f"/letters/{slug}.json").data,
    }
    for fmt in STABLE_FORMATS:
        result = runner.invoke(args=["letter", "export", slug, "--format", fmt])
        assert result.exit_code == 0, result.output
        found[fmt] = result.stdout_bytes
    return found
