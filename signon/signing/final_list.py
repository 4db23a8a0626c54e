"""The final list, in one place: approved signatories, one entry each, and the ways to read it.

One column list (`COLUMNS`) and one merge (`merge_rows`) serve every reader, side by side:
whole and in the letter's order (`final_list`), streamed in the database's ICU order
(`stream`), the light sort entries and full rows fetched by id in chunks for a database
without ICU (`sort_entries`, `fetch`), and counted (`summary`, `signed_count`, `list_version`).
An entry is listed under its earliest approved sign-on's `name_on_list`; ties in a name break
on the raw text, then on that first sign-on, whichever reader sorts.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from signon.audit.models import AuditEntry
from signon.domain.batch import cycle_collection_paused
from signon.domain.collation import key_in
from signon.domain.ordering import Ordering, Sortable, ordered
from signon.letters.models import Letter
from signon.signing.models import Signatory, SignerKind, SignOn, SignOnStatus
from signon.storage.collations import binary_for
from signon.storage.extensions import db

CHUNK = 500


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


# Plain columns, not ORM entities: the list of a big letter is 100,000 rows. `name` is the
# row's own listed name; `stream` puts its first sign-on's in its place.
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


def by_signatory(rows: Iterable[sa.Row]) -> dict[int, list[sa.Row]]:
    """Rows (`id` = the signatory's) grouped per signatory, in the order they come."""
    grouped: dict[int, list[sa.Row]] = {}
    for row in rows:
        grouped.setdefault(row.id, []).append(row)
    return grouped


def merge_rows(sign_ons: list[sa.Row]) -> ListedSignatory:
    """One signatory from its approved sign-on rows, earliest first (COLUMNS, at least).

    It is listed under the earliest row's `name` (`SignOn.name_on_list`).
    """
    first = sign_ons[0]  # each row carries its signatory's columns too
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


def approved_on(letter_id: int) -> tuple[sa.ColumnElement[bool], ...]:
    """The conditions for a letter's approved sign-ons."""
    return (SignOn.letter_id == letter_id, SignOn.status == SignOnStatus.APPROVED)


def first_sign_ons(letter_id: int) -> sa.Subquery:
    """Each signatory's earliest approved sign-on id (`signatory_id`, `first_id`)."""
    return (
        sa.select(SignOn.signatory_id, sa.func.min(SignOn.id).label("first_id"))
        .where(*approved_on(letter_id))
        .group_by(SignOn.signatory_id)
        .subquery()
    )


def _read_approved(letter_id: int) -> list[ListedSignatory]:
    with cycle_collection_paused():
        rows = db.session.execute(
            sa.select(*COLUMNS)
            .join_from(Signatory, SignOn, SignOn.signatory_id == Signatory.id)
            .where(*approved_on(letter_id))
            .order_by(SignOn.id)
        ).all()
        return [merge_rows(sign_ons) for sign_ons in by_signatory(rows).values()]


def _sortable(row: ListedSignatory) -> Sortable:
    return Sortable(name=row.name, country=row.country, signed_at=row.signed_at, id=row.id)


def final_list(letter: Letter, language: str | None = None) -> list[ListedSignatory]:
    """The list under the letter, whole, in the letter's chosen order (pages and exports).

    An export in `language` names countries in it and sorts by its collation.
    """
    return ordered(
        _read_approved(letter.id),
        letter.ordering or Ordering.AS_WRITTEN,
        _sortable,
        language or letter.language or "en",
        collate=language,
    )


def stream(
    letter_id: int,
    icu: str,
    *,
    individuals_apart: bool = False,
    country_ranks: dict[str, int] | None = None,
) -> Iterator[ListedSignatory]:
    """Every approved signatory sorted by the database with `icu`, merged as rows come.

    Individuals after organisations when `individuals_apart`; grouped by country in the
    order of `country_ranks` (then by code) when given; memory stays flat.
    """
    first = first_sign_ons(letter_id)
    first_on = aliased(SignOn)
    name = first_on.name_on_list
    order: list[sa.ColumnElement] = []
    if individuals_apart:
        order.append(sa.case((Signatory.kind == SignerKind.INDIVIDUAL, 1), else_=0))
    if country_ranks is not None:
        rank = sa.case(country_ranks, value=Signatory.country, else_=len(country_ranks))
        order += [rank, Signatory.country]
    order += [name.collate(icu), name.collate(binary_for(icu)), first.c.first_id, SignOn.id]
    query = (
        sa.select(*(name.label("name") if c.key == "name" else c for c in COLUMNS))
        .join(first, first.c.signatory_id == Signatory.id)
        .join(first_on, first_on.id == first.c.first_id)
        .join(SignOn, SignOn.signatory_id == Signatory.id)
        .where(*approved_on(letter_id))
        .order_by(*order)
        .execution_options(yield_per=1000)
    )
    group: list[sa.Row] = []
    for row in db.session.execute(query):
        if group and row.id != group[0].id:
            yield merge_rows(group)
            group = []
        group.append(row)
    if group:
        yield merge_rows(group)


def sort_entries(letter_id: int, language: str) -> list[tuple[tuple[bytes, str], int, str, str]]:
    """(sort key, signatory id, kind, country) per signatory, from light columns only.

    The name is the one `merge_rows` picks, the earliest approved sign-on's; the database
    finds that sign-on, so no per-signatory dict is kept here.
    """
    first = first_sign_ons(letter_id)
    query = (
        sa.select(Signatory.id, Signatory.kind, Signatory.country, SignOn.name_on_list)
        .join(first, first.c.signatory_id == Signatory.id)
        .join(SignOn, SignOn.id == first.c.first_id)
        .order_by(first.c.first_id)
        .execution_options(yield_per=2000)
    )
    sort_key = key_in(language)
    shared: dict[str, str] = {}  # one string object per country and kind, not one per row
    entries = []
    for sid, kind, country, name in db.session.execute(query):
        kind, country = shared.setdefault(kind, kind), shared.setdefault(country, country)
        entries.append((sort_key(name), sid, kind, country))
    return entries


def fetch(ids: Sequence[int]) -> Iterator[ListedSignatory]:
    """Full entries for signatory `ids`, chunk by chunk, in the order given."""
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        grouped = by_signatory(
            db.session.execute(
                sa.select(*COLUMNS)
                .join(SignOn, SignOn.signatory_id == Signatory.id)
                .where(Signatory.id.in_(chunk), SignOn.status == SignOnStatus.APPROVED)
                .order_by(SignOn.id)
            )
        )
        yield from (merge_rows(grouped[sid]) for sid in chunk if sid in grouped)


def summary(letter_id: int) -> tuple[int, bool]:
    """How many signatories, and whether both organisations and individuals are among them."""
    rows = db.session.execute(
        sa.select(Signatory.kind, sa.func.count(sa.distinct(Signatory.id)))
        .join(SignOn, SignOn.signatory_id == Signatory.id)
        .where(*approved_on(letter_id))
        .group_by(Signatory.kind)
    ).all()
    return sum(count for _, count in rows), len(rows) > 1


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
