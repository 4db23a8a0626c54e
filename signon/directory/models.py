"""An administrator's decisions on the directory: two spellings joined, or kept apart."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from signon.storage.database import Base, UTCDateTime, utcnow


class DirectoryDecision(Base):
    """Two organisations of the directory, each by its country and name key: joined ("merge")
    or kept apart ("apart"), as one letter's organisers decided and an administrator accepted.

    It holds no contact data, only what erasure keeps of a sign-on (the organisation's name
    key and country), so an erasure has nothing to reach here.
    """

    __tablename__ = "directory_decisions"
    __table_args__ = (
        sa.Index(
            "uq_directory_decisions_pair",
            "first_country",
            "first_key",
            "second_country",
            "second_key",
            unique=True,
        ),
        sa.CheckConstraint("decision IN ('merge', 'apart')", name="decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The letter whose organisers' decision was offered: its audit log records this one.
    letter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("letters.id", ondelete="CASCADE"), index=True
    )
    # The pair in a fixed order: (first_country, first_key) < (second_country, second_key).
    first_country: Mapped[str] = mapped_column(sa.String(2))
    first_key: Mapped[str] = mapped_column(sa.String(400))
    second_country: Mapped[str] = mapped_column(sa.String(2))
    second_key: Mapped[str] = mapped_column(sa.String(400))
    decision: Mapped[str] = mapped_column(sa.String(8))
    actor: Mapped[str] = mapped_column(sa.String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
