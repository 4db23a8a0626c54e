"""Organisers' decisions on candidate duplicates: merges (undoable) and 'distinct' pairs."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from signon.signing.models import Signatory
from signon.storage.database import Base, UTCDateTime, utcnow


class SignatoryMerge(Base):
    """One signatory folded into another, with what undoing it needs to restore."""

    __tablename__ = "signatory_merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("letters.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[int] = mapped_column(sa.ForeignKey("signatories.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("signatories.id", ondelete="CASCADE"))
    # The sign-ons moved from source to target, and the target's own choice of name before.
    sign_on_ids: Mapped[list] = mapped_column(sa.JSON, default=list)
    previous_display_name: Mapped[str | None] = mapped_column(sa.String(300))
    kept_name: Mapped[str] = mapped_column(sa.String(300))
    merged_name: Mapped[str] = mapped_column(sa.String(300))
    actor: Mapped[str] = mapped_column(sa.String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    target: Mapped[Signatory] = relationship(foreign_keys=[target_id])
    source: Mapped[Signatory] = relationship(foreign_keys=[source_id])


class DistinctPair(Base):
    """Two signatories an organiser said are different organisations: never proposed again."""

    __tablename__ = "distinct_signatories"
    __table_args__ = (sa.CheckConstraint("first_id < second_id", name="ordered"),)

    first_id: Mapped[int] = mapped_column(
        sa.ForeignKey("signatories.id", ondelete="CASCADE"), primary_key=True
    )
    second_id: Mapped[int] = mapped_column(
        sa.ForeignKey("signatories.id", ondelete="CASCADE"), primary_key=True
    )
    letter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("letters.id", ondelete="CASCADE"), index=True
    )
    actor: Mapped[str] = mapped_column(sa.String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
