"""The letter that organisations sign."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from signon.domain.ordering import Ordering
from signon.storage.database import Base, UTCDateTime, utcnow


class LetterStatus(StrEnum):
    """Where a letter is in its life: drafts are private, only open letters take sign-ons."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        """The word organisers read for this status, in their language."""
        return str(LETTER_STATUS_LABELS[self])


# Module-level and lazy: each is translated when it is shown.
LETTER_STATUS_LABELS = {
    LetterStatus.DRAFT: _l("draft"),
    LetterStatus.OPEN: _l("open"),
    LetterStatus.CLOSED: _l("closed"),
    LetterStatus.PUBLISHED: _l("published"),
}


class LetterState:
    """What a letter's status and deadline allow; shared by the model and its cached facts."""

    status: str
    deadline: datetime | None

    @property
    def is_open(self) -> bool:
        return self.status == LetterStatus.OPEN

    @property
    def deadline_passed(self) -> bool:
        """Whether the signing deadline is behind us."""
        return self.deadline is not None and utcnow() >= self.deadline

    @property
    def takes_sign_ons(self) -> bool:
        """Open and before its deadline: the form closes by itself at the deadline."""
        return self.is_open and not self.deadline_passed

    @property
    def is_public(self) -> bool:
        return self.status != LetterStatus.DRAFT


class LetterParts:
    """The parts of a formal letter around its Markdown body: the letter's and a translation's."""

    letterhead: Mapped[str] = mapped_column(sa.Text, default="")
    reference: Mapped[str] = mapped_column(sa.String(200), default="")
    addressee: Mapped[str] = mapped_column(sa.Text, default="")
    subject: Mapped[str] = mapped_column(sa.String(300), default="")
    place_date: Mapped[str] = mapped_column(sa.String(200), default="")
    salutation: Mapped[str] = mapped_column(sa.String(200), default="")
    closing: Mapped[str] = mapped_column(sa.String(200), default="")
    # A JSON list of {"name", "title", "organisation"}: the senders who sign the letter.
    signature_blocks: Mapped[list] = mapped_column(sa.JSON, default=list)
    copy_line: Mapped[str] = mapped_column(sa.Text, default="")


class Letter(LetterState, LetterParts, Base):
    """A joint letter, its Markdown text and its state."""

    __tablename__ = "letters"
    __table_args__ = (
        sa.CheckConstraint("status IN ('draft', 'open', 'closed', 'published')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(16), default=LetterStatus.DRAFT)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The day the letter went out, as the organisers gave it when publishing: the public page
    # and the exports show it (published_at stays the moment of the step, for retention).
    sent_on: Mapped[date | None] = mapped_column(sa.Date)
    # Sign-ons are refused after this moment.
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # The parts of a formal letter, around the Markdown body.
    language: Mapped[str] = mapped_column(sa.String(8), default="en")

    accept_individuals: Mapped[bool] = mapped_column(default=False)
    ordering: Mapped[str] = mapped_column(sa.String(20), default=Ordering.AS_WRITTEN)
    # Show the list to the public before the letter is published; off for new letters.
    live_list: Mapped[bool] = mapped_column(default=False)
    # Listed on the home page while it is open (the organisers choose).
    listed_on_home: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # A secret for the read-only preview link of a draft; None when no link is shared.
    preview_token: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    # The number of the current text; earlier ones are LetterVersion rows.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Contact data is erased this many days after the letter closes or is published.
    retention_days: Mapped[int] = mapped_column(default=180, server_default="180")
    # The number of the consent and privacy text the form shows now (a ConsentVersion).
    consent_version: Mapped[int] = mapped_column(default=1, server_default="1")

    # Who the emails about this letter come from: the From name (the address stays the
    # service's), the signature under them, and where replies go (never shown publicly).
    sender_name: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    email_signature: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    contact_email: Mapped[str] = mapped_column(sa.String(254), default="", server_default="")

    def __repr__(self) -> str:
        return f"<Letter {self.slug} {self.status}>"


class LetterVersion(Base):
    """The text of a letter as it was before an edit made while it took signatures."""

    __tablename__ = "letter_versions"
    __table_args__ = (sa.UniqueConstraint("letter_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(sa.ForeignKey("letters.id", ondelete="CASCADE"))
    number: Mapped[int]
    # Every part of the letter (title, body, addressee, ...), as a JSON object.
    parts: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Who made the edit that replaced this version.
    replaced_by: Mapped[str] = mapped_column(sa.String(254), default="")


class LetterTranslation(LetterParts, Base):
    """The letter's text in another language: every part the editor holds, one row a language.

    All versions share the letter's one list and form. `out_of_date` is set when the main
    text changes and cleared when the translation is saved again.
    """

    __tablename__ = "letter_translations"
    __table_args__ = (sa.UniqueConstraint("letter_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(sa.ForeignKey("letters.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(sa.String(8))
    title: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    # The letter's version the translation was made from.
    source_version: Mapped[int] = mapped_column(default=1)
    out_of_date: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(sa.String(254), default="")
