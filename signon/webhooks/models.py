"""A letter's webhook endpoints, and the deliveries queued for them (the durable queue)."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from signon.storage.database import Base, UTCDateTime, utcnow

EVENTS = (
    "sign_on.confirmed",
    "sign_on.approved",
    "sign_on.rejected",
    "sign_on.withdrawn",
    "sign_on.erased",
    "letter.opened",
    "letter.published",
)
TEST_EVENT = "webhook.test"


class DeliveryStatus(StrEnum):
    """pending: to send (again); delivered and failed (given up after a day) are final."""

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


class WebhookEndpoint(Base):
    """An address the owners chose to hear of a letter's events, with its signing secret."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("letters.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(sa.String(2000))
    # The event types chosen, in EVENTS' order.
    events: Mapped[list] = mapped_column(sa.JSON, default=list)
    # `whsec_<base64>`, kept as it is because every delivery is signed with it; shown once
    # when made, never on a page, a log line or an audit entry afterwards.
    secret: Mapped[str] = mapped_column(sa.String(100))
    created_by: Mapped[str] = mapped_column(sa.String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when it had failed for a day; nothing is sent until an owner resumes it.
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The first failure since the last success.
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)

    deliveries: Mapped[list["WebhookDelivery"]] = relationship(
        back_populates="endpoint", cascade="all, delete-orphan", passive_deletes=True
    )


class WebhookDelivery(Base):
    """One event for one endpoint: written with the change, delivered after the commit."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        sa.CheckConstraint("status IN ('pending', 'delivered', 'failed')", name="status"),
        sa.Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    endpoint_id: Mapped[int] = mapped_column(
        sa.ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), index=True
    )
    event_type: Mapped[str] = mapped_column(sa.String(40))
    # The Standard Webhooks `webhook-id`: the same on every attempt, so receivers dedupe.
    event_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    # The sign-on the event is about: erasure scrubs its copies, and its events keep order.
    sign_on_id: Mapped[int | None] = mapped_column(index=True)
    payload: Mapped[dict] = mapped_column(sa.JSON)
    status: Mapped[str] = mapped_column(sa.String(16), default=DeliveryStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A worker's short lease while it sends (several workers never send a row together).
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status_code: Mapped[int | None] = mapped_column()
    last_error: Mapped[str] = mapped_column(sa.String(300), default="")
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    endpoint: Mapped[WebhookEndpoint] = relationship(back_populates="deliveries")
