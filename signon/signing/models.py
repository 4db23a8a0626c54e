"""Sign-ons (one per form submission) and signatories (one per organisation on a letter)."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from signon.letters.models import Letter
from signon.storage.database import Base, UTCDateTime, utcnow


class SignOnStatus(StrEnum):
    """pending: email not confirmed yet; verified: confirmed; then an organiser decides."""

    PENDING = "pending"
    VERIFIED = "verified"
    APPROVED = "approved"
    REJECTED = "rejected"
    # The signatory took their signature back through their own link.
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """The word organisers read for this status, the same on every page."""
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    SignOnStatus.PENDING: _l("pending confirmation"),
    SignOnStatus.VERIFIED: _l("confirmed"),
    SignOnStatus.APPROVED: _l("approved"),
    SignOnStatus.REJECTED: _l("rejected"),
    SignOnStatus.WITHDRAWN: _l("withdrawn"),
}


class SignerKind(StrEnum):
    """Organisations and individuals are listed apart."""

    ORGANISATION = "organisation"
    INDIVIDUAL = "individual"


def own_name(signing_as: str, organisation: str, contact_name: str) -> str:
    """The name a sign-on puts on the list: an individual's own name, or the organisation's.

    `SignOn.listed_name` is the same rule in SQL; the form's input uses it before a sign-on
    exists.
    """
    return contact_name if signing_as == SignerKind.INDIVIDUAL else organisation


class Signatory(Base):
    """One organisation on one letter; every sign-on for it points here.

    The unique key makes the database itself merge two identical sign-ons, even when they
    arrive at the same instant.
    """

    __tablename__ = "signatories"
    __table_args__ = (sa.UniqueConstraint("letter_id", "kind", "country", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(sa.ForeignKey("letters.id", ondelete="CASCADE"))
    country: Mapped[str] = mapped_column(sa.String(2))
    name_key: Mapped[str] = mapped_column(sa.String(400))
    kind: Mapped[str] = mapped_column(sa.String(16), default=SignerKind.ORGANISATION)
    # An organiser's choice of spelling; otherwise the earliest approved sign-on's.
    display_name: Mapped[str | None] = mapped_column(sa.String(300))
    # Set when an organiser merged this signatory into another: its sign-ons went there,
    # and later sign-ons under this name follow them.
    merged_into_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("signatories.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    letter: Mapped[Letter] = relationship()
    sign_ons: Mapped[list["SignOn"]] = relationship(
        back_populates="signatory", order_by="SignOn.id", foreign_keys="SignOn.signatory_id"
    )


class SignOn(Base):
    """What one person submitted through the form, and where it stands."""

    __tablename__ = "sign_ons"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('pending', 'verified', 'approved', 'rejected', 'withdrawn')",
            name="status",
        ),
        sa.Index("ix_sign_ons_letter_status", "letter_id", "status"),
        # A CRM's sync reads a letter's sign-ons changed since a time, in (updated_at, id).
        sa.Index("ix_sign_ons_letter_updated", "letter_id", "updated_at", "id"),
        # One sign-on per contact and signatory, even when identical ones arrive at once.
        sa.Index("uq_sign_ons_contact_key", "contact_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(sa.ForeignKey("letters.id", ondelete="CASCADE"))
    # The entry this sign-on is listed under: the root of `home`'s merges (see
    # signon.signing.entries). Readers group by it; only entries.py and matching move it.
    signatory_id: Mapped[int] = mapped_column(
        sa.ForeignKey("signatories.id", ondelete="CASCADE"), index=True
    )
    # The spelling it came under (the signatory of its own name and country), when that is
    # not `signatory_id`: set once a merge carries it into another entry. None = the same.
    home_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("signatories.id", ondelete="CASCADE"), index=True
    )
    organisation: Mapped[str] = mapped_column(sa.String(300))
    acronym: Mapped[str] = mapped_column(sa.String(40), default="")
    country: Mapped[str] = mapped_column(sa.String(2))
    website: Mapped[str] = mapped_column(sa.String(300), default="")
    contact_name: Mapped[str] = mapped_column(sa.String(200))
    contact_email: Mapped[str] = mapped_column(sa.String(254))
    role: Mapped[str] = mapped_column(sa.String(200), default="")
    # An individual is listed by contact_name; organisation and role are an affiliation.
    signing_as: Mapped[str] = mapped_column(sa.String(16), default=SignerKind.ORGANISATION)
    status: Mapped[str] = mapped_column(sa.String(16), default=SignOnStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the one reminder to confirm went out (`flask mail remind`); never a second.
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When its confirmation email was sent again from the check-your-email page (once only).
    confirmation_resent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The organisers' internal note; never shown to the signatory or the public.
    note: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # The sender's address range (IPv4 /24, IPv6 /48), for the "same range" trust signal.
    ip_prefix: Mapped[str] = mapped_column(sa.String(64), default="", server_default="")
    # The version of the letter's text this sign-on was made on.
    letter_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # The page's language when it was made: its emails go out in it.
    language: Mapped[str] = mapped_column(sa.String(8), default="en", server_default="en")
    # The consent record: the ConsentVersion accepted, when, and in which language.
    # None for sign-ons made before consent texts were versioned.
    consent_version: Mapped[int | None] = mapped_column()
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_language: Mapped[str] = mapped_column(sa.String(8), default="", server_default="")
    # The contact agreed to hear of the coalition's later letters: the version of the choice's
    # words it ticked (`consent.INVITE_WORDING`); None when it did not (the form leaves it
    # unticked; an import sets it only where its file says so for the row).
    invite_consent: Mapped[int | None] = mapped_column(sa.SmallInteger)
    # When the contact data was erased (retention period over, or on request).
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A hash of the signatory it was made for and its address (`matching.contact_key`); unique.
    # Only the form's sign-ons carry one, and erasure clears it.
    contact_key: Mapped[str | None] = mapped_column(sa.String(64))
    # When anything of it last changed (status, details, merge, erasure): an UPDATE of the
    # row, the ORM's or a bulk statement, sets it unless it says otherwise (a reminder).
    updated_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    letter: Mapped[Letter] = relationship()
    signatory: Mapped[Signatory] = relationship(
        back_populates="sign_ons", foreign_keys=[signatory_id]
    )
    # What the signatory asked to change on an approved entry, until an organiser decides.
    proposed_change: Mapped["ProposedChange | None"] = relationship(
        back_populates="sign_on", cascade="all, delete-orphan", passive_deletes=True
    )

    # The name on the list is defined here once, for Python and for SQL (the exports sort
    # and the moderation page orders by it): every page, email and export reads these.
    @hybrid_property
    def listed_name(self) -> str:
        """This sign-on's own name as typed: an individual's name, or the organisation's."""
        return own_name(self.signing_as, self.organisation, self.contact_name)

    @listed_name.inplace.expression
    @classmethod
    def _listed_name_sql(cls) -> sa.ColumnElement[str]:
        individual = cls.signing_as == SignerKind.INDIVIDUAL
        return sa.case((individual, cls.contact_name), else_=cls.organisation)

    @hybrid_property
    def name_on_list(self) -> str:
        """The organisers' spelling of the signatory when they chose one, else `listed_name`.

        In SQL the query must join Signatory (SQLAlchemy warns of a cartesian product if not).
        """
        return self.signatory.display_name or self.listed_name

    @name_on_list.inplace.expression
    @classmethod
    def _name_on_list_sql(cls) -> sa.ColumnElement[str]:
        return sa.func.coalesce(sa.func.nullif(Signatory.display_name, ""), cls.listed_name)


class ProposedChange(Base):
    """A change to what is published about an approved sign-on, waiting for the organisers.

    The list keeps the approved version until an organiser approves or rejects it; one per
    sign-on (a later correction replaces it).
    """

    __tablename__ = "proposed_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    sign_on_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sign_ons.id", ondelete="CASCADE"), unique=True
    )
    # Field name -> the value asked for (only fields that differ from the sign-on's).
    changes: Mapped[dict] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    sign_on: Mapped[SignOn] = relationship(back_populates="proposed_change")
