"""The outbox: every email is a row, written in the transaction that caused it."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from signon.storage.database import Base, UTCDateTime, utcnow


class MessageStatus(StrEnum):
    """pending: to send (again); the rest are final."""

    PENDING = "pending"
    SENT = "sent"
    # Given up after many attempts, or what it was about is gone.
    FAILED = "failed"
    # The receiving server refused it for good (an SMTP 5xx): no retry.
    UNDELIVERABLE = "undeliverable"
    # No longer wanted (the recipient unsubscribed, or the sign-on was confirmed meanwhile).
    CANCELLED = "cancelled"


NOT_DELIVERED = (MessageStatus.FAILED, MessageStatus.UNDELIVERABLE)


class OutboxMessage(Base):
    """An email waiting to go out, sent, or given up on."""

    __tablename__ = "outbox"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'failed', 'undeliverable', 'cancelled')", name="status"
        ),
        sa.Index("ix_outbox_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(300))
    # Either rendered when queued, or rendered by the sender from `template` and `params`.
    body_text: Mapped[str | None] = mapped_column(sa.Text)
    body_html: Mapped[str | None] = mapped_column(sa.Text)
    template: Mapped[str | None] = mapped_column(sa.String(100))
    params: Mapped[dict | None] = mapped_column(sa.JSON)
    reply_to: Mapped[str | None] = mapped_column(sa.String(254))
    # The display name of From (the letter's sender); None: MAIL_DEFAULT_SENDER's own.
    from_name: Mapped[str | None] = mapped_column(sa.String(200))
    # What the email is about, for the organisers' pages (no foreign keys: the outbox is a
    # record of what was sent, kept when what it was about is deleted).
    letter_id: Mapped[int | None] = mapped_column(index=True)
    sign_on_id: Mapped[int | None] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(sa.String(16), default=MessageStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A sender's short lease: renewed while its batch is being sent, so two senders never
    # send a message together and a dead sender's messages are free again within seconds.
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(sa.String(32))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Unsubscribe(Base):
    """An address that wants no more optional emails about one letter (RFC 8058)."""

    __tablename__ = "mail_unsubscribes"
    __table_args__ = (sa.UniqueConstraint("letter_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(sa.ForeignKey("letters.id", ondelete="CASCADE"))
    # Lower-cased.
    email: Mapped[str] = mapped_column(sa.String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
