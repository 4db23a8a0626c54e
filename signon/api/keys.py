"""API keys: made by a letter's owners, shown once, stored hashed, revoked at once, audited.

A key is looked up in the database on every request (by the SHA-256 of what was sent), so a
revoked key answers 401 on every worker from the moment the revocation commits.
"""

import hashlib
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext

from signon.api.models import ApiKey, KeyScope
from signon.audit import trail
from signon.core.errors import SignonError
from signon.letters.models import Letter
from signon.storage.database import utcnow
from signon.storage.extensions import db

# What every key starts with, so that secret scanners and people recognise one.
KEY_START = "signon_"
PREFIX_LENGTH = len(KEY_START) + 6
NAME_MAX = 100


@dataclass(frozen=True)
class NewKey:
    """A key just made: its row, and the key itself, which is never shown again."""

    row: ApiKey
    secret: str


def key_hash(secret: str) -> str:
    """What is stored of a key: its SHA-256 in hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(letter: Letter, *, name: str, scope: str, contacts: bool, actor: str) -> NewKey:
    """Make a key for `letter` (flushed, audited; the caller commits)."""
    name = " ".join((name or "").split())[:NAME_MAX]
    if scope not in KeyScope.ALL:
        raise SignonError(gettext("Choose one of: %(choices)s.", choices=", ".join(KeyScope.ALL)))
    if not name:
        raise SignonError(gettext("Give the key a name: who or what will use it."))
    secret = KEY_START + secrets.token_urlsafe(32)
    row = ApiKey(
        letter_id=letter.id,
        name=name,
        scope=scope,
        contacts=contacts,
        key_hash=key_hash(secret),
        prefix=secret[:PREFIX_LENGTH],
        created_by=actor,
        created_at=utcnow(),
    )
    db.session.add(row)
    db.session.flush()
    trail.record(
        letter.id, actor, "api_key.created", key=row.id, name=name, scope=scope, contacts=contacts
    )
    return NewKey(row, secret)


def keys_of(letter: Letter) -> list[ApiKey]:
    """The letter's keys, newest first, revoked ones included (they say when)."""
    return list(
        db.session.scalars(
            sa.select(ApiKey).where(ApiKey.letter_id == letter.id).order_by(ApiKey.id.desc())
        )
    )


def revoke_key(letter: Letter, key_id: int, *, actor: str) -> ApiKey:
    """Revoke one of the letter's keys (flushed, audited); revoking twice changes nothing."""
    row = db.session.get(ApiKey, key_id)
    if row is None or row.letter_id != letter.id:
        raise SignonError(gettext("There is no such key."))
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        trail.record(letter.id, actor, "api_key.revoked", key=row.id, name=row.name)
        db.session.flush()
    return row


def find_key(secret: str) -> ApiKey | None:
    """The live key that `secret` is, read now from the database; None if none or revoked."""
    if not secret.startswith(KEY_START) or len(secret) > 200:
        return None
    row = db.session.scalar(sa.select(ApiKey).where(ApiKey.key_hash == key_hash(secret)))
    return None if row is None or row.revoked_at is not None else row


def actor_of(row: ApiKey) -> str:
    """How the audit log names a key: its number and name, never the key."""
    return f"api key {row.id} ({row.name})"


def record_use(row: ApiKey, action: str, **detail: object) -> None:
    """Note the key's use: its last use, and an audit entry (the caller commits)."""
    row.last_used_at = utcnow()
    trail.record(row.letter_id, actor_of(row), action, key=row.id, **detail)
