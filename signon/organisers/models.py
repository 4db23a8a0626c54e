"""Organisers, the letters they run, and the audit log of what they did."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from signon.database import Base, UTCDateTime, utcnow
from signon.letters.models import Letter


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

    memberships: Mapped[list["LetterOrganiser"]] = relationship(back_populates="organiser")


class LetterOrganiser(Base):
    """An organiser belongs to a letter; owners may add co-organisers."""

    __tablename__ = "letter_organisers"

    letter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("letters.id", ondelete="CASCADE"), primary_key=True
    )
    organiser_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisers.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    is_owner: Mapped[bool] = mapped_column(default=False)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    letter: Mapped[Letter] = relationship()
    organiser: Mapped[Organiser] = relationship(back_populates="memberships")


class AuditEntry(Base):
    """Who did what, when, to a letter or one of its sign-ons."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("letters.id", ondelete="CASCADE"), index=True
    )
    sign_on_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sign_ons.id", ondelete="SET NULL"), index=True
    )
    signatory_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("signatories.id", ondelete="SET NULL")
    )
    # An organiser's email, "cli", or "signatory" for a signatory's own change.
    actor: Mapped[str] = mapped_column(sa.String(254))
    action: Mapped[str] = mapped_column(sa.String(40))
    detail: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
