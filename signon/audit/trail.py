"""Writing the audit log, in the caller's transaction."""

import logging

from signon.audit.models import AuditEntry
from signon.storage.extensions import db

log = logging.getLogger(__name__)


def record(
    letter_id: int,
    actor: str,
    action: str,
    *,
    sign_on_id: int | None = None,
    signatory_id: int | None = None,
    **detail: object,
) -> AuditEntry:
    """Add an audit entry; it is saved with the change it describes."""
    entry = AuditEntry(
        letter_id=letter_id,
        actor=actor,
        action=action,
        sign_on_id=sign_on_id,
        signatory_id=signatory_id,
        detail=detail,
    )
    db.session.add(entry)
    # The entry's detail may hold what a signatory typed: the log names only what happened.
    log.info("audit: %s %s on letter %s (sign-on %s)", who(actor), action, letter_id, sign_on_id)
    return entry


def who(actor: str) -> str:
    """An actor as logs name it: "cli", "signatory", "retention", never an email address."""
    return "organiser" if "@" in actor else actor
