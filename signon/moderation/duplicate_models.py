"""The kept candidate duplicates of each letter, the keys they are found by, and how far the
search has read the letter's sign-ons and audit trail."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from signon.storage.database import Base, UTCDateTime, utcnow


class DuplicateCandidate(Base):
    """Two live entries that may be one organisation, as `score` judged them."""

    __tablename__ = "duplicate_candidates"
    __table_args__ = (
        sa.UniqueConstraint("letter_id", "signatory_a", "signatory_b"),
        sa.CheckConstraint("signatory_a < signatory_b", name="ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(sa.ForeignKey("letters.id", ondelete="CASCADE"))
    signatory_a: Mapped[int] = mapped_column(
        sa.ForeignKey("signatories.id", ondelete="CASCADE"), index=True
    )
    signatory_b: Mapped[int] = mapped_column(
        sa.ForeignKey("signatories.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float] = mapped_column(sa.Float)
    # The reasons, one a line, as the rules wrote them.
    reason: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DuplicateKey(Base):
    """One blocking key of a live entry (`signon.domain.duplicate_keys`), as a 64-bit digest."""

    __tablename__ = "duplicate_keys"
    __table_args__ = (sa.Index("ix_duplicate_keys_letter_id_key", "letter_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(sa.ForeignKey("letters.id", ondelete="CASCADE"))
    key: Mapped[int] = mapped_column(sa.BigInteger)
    signatory_id: Mapped[int] = mapped_column(
        sa.ForeignKey("signatories.id", ondelete="CASCADE"), index=True
    )


class DuplicateProgress(Base):
    """The last sign-on and audit entry of a letter whose changes the candidates include."""

    __tablename__ = "duplicate_progress"

    letter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("letters.id", ondelete="CASCADE"), primary_key=True
    )
    sign_on_id: Mapped[int] = mapped_column(sa.Integer, default=0)
    audit_id: Mapped[int] = mapped_column(sa.Integer, default=0)
