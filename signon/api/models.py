"""API keys per letter, and the answers kept for an Idempotency-Key."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from signon.storage.database import Base, UTCDateTime, utcnow


class KeyScope:
    """What a key may do: read the list and statuses, or record sign-ons as well."""

    READ = "read"
    WRITE = "write"
    ALL = ("read", "write")


class ApiKey(Base):
    """One key of one letter; only its SHA-256 is stored, its prefix is shown."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("letters.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(100))
    scope: Mapped[str] = mapped_column(sa.String(8))
    # Contact names and emails too (personal data): chosen apart from the scope.
    contacts: Mapped[bool] = mapped_column(default=False)
    # The key is random (256 bits), so a plain SHA-256 cannot be reversed by guessing.
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    prefix: Mapped[str] = mapped_column(sa.String(16))
    created_by: Mapped[str] = mapped_column(sa.String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def may_write(self) -> bool:
        """Whether this key records sign-ons."""
        return self.scope == KeyScope.WRITE


class IdempotentAnswer(Base):
    """The answer a key's request with an Idempotency-Key got, to give again to a retry."""

    __tablename__ = "api_idempotency"
    __table_args__ = (sa.UniqueConstraint("api_key_id", "key_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    api_key_id: Mapped[int] = mapped_column(sa.ForeignKey("api_keys.id", ondelete="CASCADE"))
    key_hash: Mapped[str] = mapped_column(sa.String(64))
    # The request's body, hashed: the same key with another body is refused (422).
    request_hash: Mapped[str] = mapped_column(sa.String(64))
    status: Mapped[int] = mapped_column()
    body: Mapped[dict] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
