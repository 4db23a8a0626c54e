"""Writing the audit log, in the caller's transaction."""

import logging
from collections.abc import Sequence
from typing import NamedTuple

import sqlalchemy as sa
from flask import current_app

from signon.audit.models import AuditEntry
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)

# Packages above this one that act on what is recorded, in the same transaction (webhooks
# queue their deliveries this way): `app.extensions[LISTENERS]` lists functions, each called
# with the entries just added (`Recorded`), without this package knowing them.
LISTENERS = "signon.audit.listeners"


class Recorded(NamedTuple):
    """What an audit entry says, as its listeners get it."""

    letter_id: int
    actor: str
    action: str
    sign_on_id: int | None
    detail: dict


def _tell(entries: Sequence[Recorded]) -> None:
    for listener in current_app.extensions.get(LISTENERS, ()):
        listener(entries)


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
    _tell([Recorded(letter_id, actor, action, sign_on_id, detail)])
    return entry


class Item(NamedTuple):
    """One entry of a batch: the sign-on and signatory it is about, and its detail."""

    sign_on_id: int | None
    signatory_id: int | None
    detail: dict


def record_batch(letter_id: int, actor: str, action: str, items: Sequence[Item]) -> None:
    """Add one entry per item in one statement (an import's thousands of rows), logged once."""
    if not items:
        return
    now = utcnow()
    db.session.execute(
        sa.insert(AuditEntry),
        [
            {
                "letter_id": letter_id,
                "actor": actor,
                "action": action,
                "sign_on_id": item.sign_on_id,
                "signatory_id": item.signatory_id,
                "detail": item.detail,
                "created_at": now,
            }
            for item in items
        ],
    )
    log.info("audit: %s %s x%s on letter %s", who(actor), action, len(items), letter_id)
    _tell([Recorded(letter_id, actor, action, item.sign_on_id, item.detail) for item in items])


def announce(
    letter_id: int, actor: str, action: str, *, sign_on_id: int | None = None, **detail: object
) -> None:
    """Tell the listeners of an event the log does not keep (a sign-on's confirmation: its
    time is on the sign-on itself), as `record` tells them of those it keeps."""
    _tell([Recorded(letter_id, actor, action, sign_on_id, detail)])


def who(actor: str) -> str:
    """An actor as logs name it: "cli", "signatory", "retention", never an email address."""
    return "organiser" if "@" in actor else actor
