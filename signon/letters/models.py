"""The letter that organisations sign."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from signon.database import Base, UTCDateTime, utcnow


class LetterStatus(StrEnum):
    """Where a letter is in its life: drafts are private, only open letters take sign-ons."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Letter(Base):
    """A joint letter, its Markdown text and its state."""

    __tablename__ = "letters"
    __table_args__ = (sa.CheckConstraint("status IN ('draft', 'open', 'closed')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(16), default=LetterStatus.DRAFT)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_open(self) -> bool:
        return self.status == LetterStatus.OPEN

    @property
    def is_public(self) -> bool:
        return self.status != LetterStatus.DRAFT

    def __repr__(self) -> str:
        return f"<Letter {self.slug} {self.status}>"
