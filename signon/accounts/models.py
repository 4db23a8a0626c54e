"""Organisers: the secretariat members who sign in to run letters."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from signon.storage.database import Base, UTCDateTime, utcnow


class Organiser(Base):
    """A secretariat member who signs in by emailed link (no password)."""

    __tablename__ = "organisers"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so that uniqueness ignores case.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    is_admin: Mapped[bool] = mapped_column(default=False)
    # "each": an email per confirmed sign-on; "digest": one a day; "none".
    notify: Mapped[str] = mapped_column(sa.String(10), default="digest")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Session cookies carry the generation they began in; signing out moves to the next.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    # Until when the daily digest has reported confirmed sign-ons.
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
