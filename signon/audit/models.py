"""The audit log: who did what, when, to a letter or one of its sign-ons."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from signon.storage.database import Base, UTCDateTime, utcnow


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
