"""An invitation: one contact of an earlier letter asked to sign a new one, and what came of it."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from signon.letters.models import Letter
from signon.signing.models import SignOn
from signon.storage.database import Base, UTCDateTime, utcnow


class Invitation(Base):
    """One email address and organisation invited to sign one letter; its link works once.

    The form it opens is filled from `source`, the contact's own latest sign-on: an erased
    or deleted one takes the invitation with it, so nothing is shown of it.
    """

    __tablename__ = "invitations"
    # One per contact email and organisation (its country and name key) on each letter.
    __table_args__ = (sa.UniqueConstraint("letter_id", "email", "country", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(sa.ForeignKey("letters.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sign_ons.id", ondelete="CASCADE"), index=True
    )
    # Lower-cased: the address the invitation went to, and the one that signs in one step.
    email: Mapped[str] = mapped_column(sa.String(254))
    country: Mapped[str] = mapped_column(sa.String(2))
    name_key: Mapped[str] = mapped_column(sa.String(400))
    # The language the contact signed in: the invitation speaks it.
    language: Mapped[str] = mapped_column(sa.String(8), default="en")
    created_by: Mapped[str] = mapped_column(sa.String(254), default="")
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The one reminder; never a second.
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When its form was first sent back (a link opened by a mail scanner is not counted).
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the link was used to sign: it works once.
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sign_on_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sign_ons.id", ondelete="SET NULL")
    )

    letter: Mapped[Letter] = relationship()
    source: Mapped[SignOn] = relationship(foreign_keys=[source_id])
