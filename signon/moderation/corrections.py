"""Organisers' corrections and notes on sign-ons, and the audit history they read."""

import sqlalchemy as sa
from flask_babel import gettext

from signon.audit import trail as audit
from signon.audit.models import AuditEntry
from signon.core.errors import SignonError
from signon.domain.names import clean_text, shows_something
from signon.letters.models import Letter
from signon.signing.models import Signatory, SignOn
from signon.storage.extensions import db


def set_display_name(sign_on: SignOn, name: str, actor: str) -> Signatory:
    """Correct the spelling on the list; empty goes back to the spelling as typed."""
    signatory = sign_on.signatory
    name = clean_text(name) or None
    if len(name or "") > 300:
        raise SignonError(gettext("Keep the name under 300 characters."))
    if name is not None and not shows_something(name):
        raise SignonError(gettext("Enter a name with at least one letter or digit."))
    _change(sign_on, signatory, "display_name", name, actor)
    return signatory


def set_note(sign_on: SignOn, note: str, actor: str) -> SignOn:
    """Replace the internal note on a sign-on."""
    _change(sign_on, sign_on, "note", (note or "").strip(), actor)
    return sign_on


def _change(sign_on: SignOn, target: object, attribute: str, value: object, actor: str) -> None:
    """Set one attribute, logged in the audit with its value before and after."""
    before = getattr(target, attribute)
    if value == before:
        return
    audit.record(
        sign_on.letter_id,
        actor,
        attribute,
        sign_on_id=sign_on.id,
        signatory_id=sign_on.signatory_id,
        before=before,
        after=value,
    )
    setattr(target, attribute, value)
    db.session.flush()


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
