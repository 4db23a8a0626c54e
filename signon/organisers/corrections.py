"""Organisers' corrections and notes on sign-ons, and the audit history they read."""

import sqlalchemy as sa

from signon.domain.names import clean_text
from signon.errors import SignonError
from signon.extensions import db
from signon.letters.models import Letter
from signon.organisers import audit
from signon.organisers.models import AuditEntry
from signon.signing.models import Signatory, SignOn


def set_display_name(sign_on: SignOn, name: str, actor: str) -> Signatory:
    """Correct the spelling on the list; empty goes back to the spelling as typed."""
    signatory = sign_on.signatory
    name = clean_text(name) or None
    if len(name or "") > 300:
        raise SignonError("Keep the name under 300 characters.")
    if name == signatory.display_name:
        return signatory
    audit.record(
        sign_on.letter_id,
        actor,
        "display_name",
        sign_on_id=sign_on.id,
        signatory_id=signatory.id,
        before=signatory.display_name,
        after=name,
    )
    signatory.display_name = name
    db.session.commit()
    return signatory


def set_note(sign_on: SignOn, note: str, actor: str) -> SignOn:
    """Replace the internal note on a sign-on."""
    note = (note or "").strip()
    if note == sign_on.note:
        return sign_on
    audit.record(
        sign_on.letter_id,
        actor,
        "note",
        sign_on_id=sign_on.id,
        signatory_id=sign_on.signatory_id,
        before=sign_on.note,
        after=note,
    )
    sign_on.note = note
    db.session.commit()
    return sign_on


def history(sign_on: SignOn) -> list[AuditEntry]:
    """Audit entries about this sign-on or its signatory, oldest first."""
    return list(
        db.session.scalars(
            sa.select(AuditEntry)
            .where(
                AuditEntry.letter_id == sign_on.letter_id,
                sa.or_(
                    AuditEntry.sign_on_id == sign_on.id,
                    AuditEntry.signatory_id == sign_on.signatory_id,
                ),
            )
            .order_by(AuditEntry.id)
        )
    )


def letter_history(letter: Letter, limit: int = 200) -> list[AuditEntry]:
    """The letter's latest audit entries, newest first."""
    return list(
        db.session.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.letter_id == letter.id)
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        )
    )
