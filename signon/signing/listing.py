"""The final list: approved organisations, one entry each, in final order."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from signon.domain.collation import sorted_by_name
from signon.extensions import db
from signon.letters.models import Letter
from signon.signing.models import Signatory, SignerKind, SignOn, SignOnStatus


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


# The columns the list needs: plain rows cost a fraction of ORM objects for 10,000 entries.
_COLUMNS = (
    Signatory.id,
    Signatory.kind,
    Signatory.display_name,
    Signatory.country,
    SignOn.organisation,
    SignOn.contact_name,
    SignOn.contact_email,
    SignOn.role,
    SignOn.acronym,
    SignOn.website,
    SignOn.created_at,
)


def _merge(sign_ons: list[sa.Row]) -> ListedSignatory:
    first = sign_ons[0]
    individual = first.kind == SignerKind.INDIVIDUAL
    return ListedSignatory(
        id=first.id,
        kind=first.kind,
        affiliation=", ".join(p for p in (first.role, first.organisation) if p)
        if individual
        else "",
        name=first.display_name or (first.contact_name if individual else first.organisation),
        acronym=next((s.acronym for s in sign_ons if s.acronym), ""),
        country=first.country,
        website=next((s.website for s in sign_ons if s.website), ""),
        signed_at=min(s.created_at for s in sign_ons),
        contacts=tuple(Contact(s.contact_name, s.contact_email, s.role) for s in sign_ons),
    )


def approved_signatories(letter_id: int) -> list[ListedSignatory]:
    """Every signatory with an approved sign-on, earliest spelling first, in final order."""
    rows = db.session.execute(
        sa.select(*_COLUMNS)
        .join(SignOn, SignOn.signatory_id == Signatory.id)
        .where(SignOn.letter_id == letter_id, SignOn.status == SignOnStatus.APPROVED)
        .order_by(SignOn.id)
    ).all()
    grouped: dict[int, list[sa.Row]] = {}
    for row in rows:
        grouped.setdefault(row.id, []).append(row)
    merged = [_merge(sign_ons) for sign_ons in grouped.values()]
    return sorted_by_name(merged, lambda item: item.name)


def final_list(letter: Letter) -> list[ListedSignatory]:
    """The list under the letter, in the letter's chosen order (the public page and exports)."""
    return approved_signatories(letter.id)


def list_version(letter_id: int) -> tuple:
    """Changes whenever a sign-on of the letter is approved, or an approved one is not any more.

    Count and sum of ids come from the (letter_id, status) index alone: no table rows read.
    """
    count, id_sum = db.session.execute(
        sa.select(sa.func.count(SignOn.id), sa.func.sum(SignOn.id)).where(
            SignOn.letter_id == letter_id, SignOn.status == SignOnStatus.APPROVED
        )
    ).one()
    return (count, id_sum)
