"""An uploaded table kept between the upload and the organiser's confirmation."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from signon.storage.database import Base, UTCDateTime, utcnow


class ImportUpload(Base):
    """A parsed upload, keyed by a random id and the organiser who sent it.

    Kept on the server, not in the session cookie: a table of 10,000 rows would not fit.
    """

    __tablename__ = "import_uploads"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    letter_id: Mapped[int] = mapped_column(sa.ForeignKey("letters.id", ondelete="CASCADE"))
    organiser_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisers.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(sa.String(255))
    # [{"name": sheet name, "rows": [[cell, ...], ...]}, ...]
    sheets: Mapped[list] = mapped_column(sa.JSON)
    sheet: Mapped[str] = mapped_column(sa.String(200), default="")
    # One field name (or "") per column; None until the organiser has looked at it.
    mapping: Mapped[list | None] = mapped_column(sa.JSON)
    # Typed country -> the ISO code the organiser chose for it.
    countries: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    default_country: Mapped[str] = mapped_column(sa.String(2), default="")
    # What the rows become: approved, confirmed or pending (see importing.tables.STATUSES).
    status: Mapped[str] = mapped_column(sa.String(16), default="confirmed")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
