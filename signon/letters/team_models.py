"""A letter's team: the organisers who run it."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from signon.accounts.models import Organiser
from signon.letters.models import Letter
from signon.storage.database import Base, UTCDateTime, utcnow


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
    organiser: Mapped[Organiser] = relationship()
