"""Contacts whose details were erased, remembered by a keyed hash of their address only.

An erasure blanks the address itself, so nothing else could tell that a row of a later
import is that same contact: the import checks this list and never brings them back.
"""

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from signon.domain.addresses import same_mailbox
from signon.storage.database import Base, UTCDateTime, utcnow
from signon.storage.extensions import db
from signon.web.tokens import keyed_digest


class ErasedContact(Base):
    """One erased contact of a letter: HMAC-SHA256 of the address under SECRET_KEY."""

    __tablename__ = "erased_contacts"
    __table_args__ = (sa.UniqueConstraint("letter_id", "email_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(sa.ForeignKey("letters.id", ondelete="CASCADE"))
    email_key: Mapped[str] = mapped_column(sa.String(64))
    # Erased on the contact's own request (or an organiser's on it), not by the retention
    # period: such a contact is never invited to a later letter (signon.invitations).
    on_request: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def email_key(address: str) -> str:
    """The address's key: keyed, so the table alone does not let anyone test addresses."""
    return keyed_digest(same_mailbox(address))


def remember(letter_id: int, addresses: Iterable[str], *, on_request: bool = True) -> None:
    """Note these erased addresses of the letter (each once), and whether the contact asked;
    flushed, the caller commits."""
    keys = {email_key(a) for a in addresses if a}
    if not keys:
        return
    known = erased_keys(letter_id)
    db.session.add_all(
        ErasedContact(letter_id=letter_id, email_key=key, on_request=on_request)
        for key in sorted(keys - known)
    )
    if on_request and keys & known:
        db.session.execute(
            sa.update(ErasedContact)
            .where(ErasedContact.letter_id == letter_id, ErasedContact.email_key.in_(keys & known))
            .values(on_request=True)
        )
    db.session.flush()


def erased_keys(letter_id: int) -> set[str]:
    """The keys of every erased contact of the letter."""
    return set(
        db.session.scalars(
            sa.select(ErasedContact.email_key).where(ErasedContact.letter_id == letter_id)
        )
    )
