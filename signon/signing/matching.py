"""Which signatory a sign-on joins: the database's unique key decides, even under a race.

These run for every sign-on, so the statements are built once and executed with parameters.
"""

import hashlib
from functools import cache
from typing import NamedTuple

import sqlalchemy as sa

from signon.signing.entries import root_of
from signon.signing.models import Signatory, SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db

_signatories = Signatory.__table__
_sign_ons = SignOn.__table__
_KEY = ("letter_id", "kind", "country", "name_key")


@cache
def _insert_if_new(dialect: str) -> sa.Insert:
    # Both engines say INSERT ... ON CONFLICT DO NOTHING, through their own constructs.
    from sqlalchemy.dialects import postgresql, sqlite

    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return (
        insert(_signatories)
        .on_conflict_do_nothing(index_elements=list(_KEY))
        .returning(_signatories.c.id)
    )


_FIND = sa.select(_signatories.c.id, _signatories.c.merged_into_id).where(
    *(_signatories.c[name] == sa.bindparam(name) for name in _KEY)
)
_SAME_CONTACT = (
    sa.select(_sign_ons.c.id, _sign_ons.c.contact_email)
    .where(
        _sign_ons.c.signatory_id == sa.bindparam("signatory_id"),
        sa.func.lower(_sign_ons.c.contact_email) == sa.bindparam("email"),
        _sign_ons.c.anonymised_at.is_(None),
    )
    .order_by(_sign_ons.c.id)
    .limit(1)
)


@cache
def _new_sign_on(dialect: str) -> sa.Insert:
    # A sign-on whose contact key is taken (the same contact, a moment ago) is not stored.
    from sqlalchemy.dialects import postgresql, sqlite

    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return (
        insert(_sign_ons)
        .on_conflict_do_nothing(index_elements=["contact_key"])
        .returning(_sign_ons.c.id)
    )


def contact_key(signatory_id: int, email: str) -> str:
    """What the unique key of a sign-on holds: its signatory and address, hashed."""
    return hashlib.sha256(f"{signatory_id}:{email.lower()}".encode()).hexdigest()


class Place(NamedTuple):
    """Where a sign-on under a name goes: its entry, whether new, and its own spelling."""

    id: int
    is_new: bool
    # The signatory of this very name and country when a merge made it part of `id`.
    home_id: int | None = None


def signatory_for(letter_id: int, kind: str, country: str, key: str) -> Place:
    """The entry of the letter's signatory for this name and country, and whether it is new."""
    session = db.session
    key_values = {"letter_id": letter_id, "kind": kind, "country": country, "name_key": key}
    statement = _insert_if_new(session.get_bind().dialect.name)
    new_id = session.execute(statement, {**key_values, "created_at": utcnow()}).scalar()
    if new_id is not None:
        return Place(new_id, True)
    # It exists (perhaps inserted a moment ago by a sign-on racing this one): join it, or
    # the entry an organiser merged it into (a name once merged stays so).
    signatory_id, merged_into = session.execute(_FIND, key_values).one()
    if merged_into is None:
        return Place(signatory_id, False)
    return Place(root_of(signatory_id), False, signatory_id)


def same_contact(signatory_id: int, email: str) -> tuple[int, str] | None:
    """The earliest sign-on of this signatory from this email address (in any case)."""
    params = {"signatory_id": signatory_id, "email": email.lower()}
    row = db.session.execute(_SAME_CONTACT, params).first()
    return None if row is None else (row.id, row.contact_email)


def insert_sign_on(**values: object) -> int | None:
    """Store a sign-on row; its id, or None when the same contact's is there already.

    A row without an address (an imported one) holds no contact key.
    """
    email = values["contact_email"]
    key = contact_key(values["signatory_id"], email) if email else None  # type: ignore[arg-type]
    statement = _new_sign_on(db.session.get_bind().dialect.name)
    row = {"created_at": utcnow(), "contact_key": key, **values}
    return db.session.execute(statement, row).scalar()
