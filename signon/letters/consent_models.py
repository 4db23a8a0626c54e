"""The consent and privacy text of a letter, one row per version that sign-ons accepted."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from signon.storage.database import Base, UTCDateTime, utcnow


class ConsentVersion(Base):
    """The exact consent statement and privacy notice shown with a letter's form.

    A row is never changed: an edit of any part makes the next number, so each sign-on's
    `consent_version` names the very text its signatory accepted.
    """

    __tablename__ = "consent_versions"
    __table_args__ = (sa.UniqueConstraint("letter_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(sa.ForeignKey("letters.id", ondelete="CASCADE"))
    number: Mapped[int]
    # The statement beside the checkbox a signatory ticks.
    consent_text: Mapped[str] = mapped_column(sa.Text)
    # Who is responsible for the data (the "controller"), as the notice names them.
    controller: Mapped[str] = mapped_column(sa.Text, default="")
    # The organisers' own words in the notice, after the facts Signon states itself.
    notice_text: Mapped[str] = mapped_column(sa.Text, default="")
    retention_days: Mapped[int]
    # The language the texts are written in.
    language: Mapped[str] = mapped_column(sa.String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # "default" for the first text, else the organiser who made this version.
    created_by: Mapped[str] = mapped_column(sa.String(254), default="")
