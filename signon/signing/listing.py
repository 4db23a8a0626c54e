"""The final list: approved organisations, one entry each, in final order."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.domain.batch import cycle_collection_paused
from signon.domain.ordering import Ordering, Sortable, ordered
from signon.letters.models import Letter
from signon.signing.models import Signatory, SignerKind, SignOn, SignOnStatus
from signon.storage.extensions import db


@dataclass(frozen=True)
class Contact:
    """A person who signed for an organisation (never shown in public)."""

    name: str
    email: str
    role: str


@dataclass(frozen=True)
class ListedSignatory:
    """One organisation as it appears under the letter."""

    id: int
    name: str
    acronym: str
    country: str
    website: str
    signed_at: datetime
    contacts: tuple[Contact, ...]
    kind: str = SignerKind.ORGANISATION
    # For an individual: "role, organisation", shown "for identification only".
    affiliation: str = ""


# Plain columns, not ORM entities: the list of a big letter is 100,000 rows.
COLUMNS = (
    Signatory.id,
    Signatory.kind,
    Signatory.country,
    SignOn.name_on_list.label("name"),
    SignOn.organisation,
    SignOn.role,
    SignOn.contact_name,
    SignOn.contact_email,
    SignOn.acronym,
    SignOn.website,
    SignOn.created_at,
)


def merge_rows(sign_ons: list[sa.Row]) -> ListedSignatory:
    """One signatory from its approved sign-on rows, earliest first (COLUMNS, at least).

    It is listed under the earliest row's `name` (`SignOn.name_on_list`).
    """
    first = sign_ons[0]
    individual = first.kind == SignerKind.INDIVIDUAL
    return ListedSignatory(
        id=first.id,
        kind=first.kind,
        affiliation=", ".join(p for p in (first.role, first.organisation) if p)
        if individual
        else "",
        name=first.name,
        acronym=next((s.acronym for s in sign_ons if s.acronym), ""),
        country=first.country,
        website=next((s.website for s in sign_ons if s.website), ""),
        signed_at=min(s.created_at for s in sign_ons),
        contacts=tuple(Contact(s.contact_name, s.contact_email, s.role) for s in sign_ons),
    )


def _approved(letter_id: int) -> list[ListedSignatory]:
    with cycle_collection_paused():
        return _read_approved(letter_id)


def _read_approved(letter_id: int) -> list[ListedSignatory]:
    rows = db.session.execute(
        sa.select(*COLUMNS)
        .join_from(Signatory, SignOn, SignOn.signatory_id == Signatory.id)
        .where(SignOn.letter_id == letter_id, SignOn.status == SignOnStatus.APPROVED)
        .order_by(SignOn.id)
    ).all()
    grouped: dict[int, list[sa.Row]] = {}
    for row in rows:
        grouped.setdefault(row.id, []).append(row)
    # Each row carries its signatory's columns too: the first row stands for it.
    return [merge_rows(sign_ons) for sign_ons in grouped.values()]


def _sortable(row: ListedSignatory) -> Sortable:
    return Sortable(name=row.name, country=row.country, signed_at=row.signed_at, id=row.id)


def final_list(letter: Letter, language: str | None = None) -> list[ListedSignatory]:
    """The list under the letter, in the letter's chosen order (the public page and exports).

    An export in `language` names countries in it and sorts by its collation.
    """
    return ordered(
        _approved(letter.id),
        letter.ordering or Ordering.AS_WRITTEN,
        _sortable,
        language or letter.language or "en",
        collate=language,
    )


def list_version(letter_id: int) -> tuple:
    """Changes whenever the letter's list or its public count may change: approvals,
    confirmations, and any organiser action.

    Counts and the sum of approved ids come from the (letter_id, status) index; every merge,
    correction or edit writes an audit entry, so the newest entry id covers the rest.
    """
    approved = SignOn.status == SignOnStatus.APPROVED
    count, id_sum, confirmed = db.session.execute(
        sa.select(
            sa.func.count(SignOn.id).filter(approved),
            sa.func.sum(SignOn.id).filter(approved),
            sa.func.count(SignOn.id).filter(SignOn.status == SignOnStatus.VERIFIED),
        ).where(
            SignOn.letter_id == letter_id,
            SignOn.status.in_((SignOnStatus.APPROVED, SignOnStatus.VERIFIED)),
        )
    ).one()
    last_audit = db.session.scalar(
        sa.select(sa.func.max(AuditEntry.id)).where(AuditEntry.letter_id == letter_id)
    )
    return (count, id_sum, confirmed, last_audit)


def signed_count(letter_id: int) -> int:
    """How many signatories have confirmed their email (approved or waiting for review).

    What a visitor reads before the list is public: a count, never a name.
    """
    return (
        db.session.scalar(
            sa.select(sa.func.count(sa.distinct(SignOn.signatory_id))).where(
                SignOn.letter_id == letter_id,
                SignOn.status.in_((SignOnStatus.VERIFIED, SignOnStatus.APPROVED)),
            )
        )
        or 0
    )
