"""The final list as a stream, so that 100,000 signatories export with bounded memory.

`final_list()` builds every row with its contacts at once. For the default ordering the
database sorts with the ICU collation and we read rows as they come (sorted_stream). Where
the database has no ICU collation, we read only (id, kind, country, name) to find the order,
then fetch full rows in chunks. For any other ordering we take `final_list()` itself, so the
order is always the letter's.
"""

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa

from signon.domain.collation import key_in
from signon.domain.ordering import Ordering
from signon.letters.models import Letter
from signon.roster.options import ExportOptions
from signon.roster.sorted_stream import (
    collation,
    first_sign_ons,
    merge,
    ordered_rows,
    summary,
)
from signon.signing.listing import ListedSignatory, final_list
from signon.signing.models import Signatory, SignerKind, SignOn, SignOnStatus
from signon.storage.extensions import db

CHUNK = 500


@dataclass
class Listing:
    """The arranged list: how many, whether both kinds are present, and the rows."""

    count: int
    mixed: bool
    rows: Iterator[ListedSignatory] = field(repr=False)


def _order_entries(letter_id: int, language: str) -> list[tuple[tuple[bytes, str], int, str, str]]:
    """(sort key, signatory id, kind, country) per signatory, from light columns only.

    The name is the one listing.merge_rows picks: `SignOn.name_on_list` of the earliest approved
    sign-on; the database finds that sign-on, so no per-signatory dict is kept here.
    """
    first = first_sign_ons(letter_id)
    query = (
        sa.select(
            Signatory.id,
            Signatory.kind,
            Signatory.country,
            SignOn.name_on_list,
        )
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


def _fetch(ids: Sequence[int]) -> Iterator[ListedSignatory]:
    """Full rows for `ids`, chunk by chunk, in the order given (plain rows, no ORM objects)."""
    columns = (
        Signatory.id,
        Signatory.kind,
        Signatory.country,
        SignOn.name_on_list.label("name"),
        SignOn.organisation,
        SignOn.contact_name,
        SignOn.contact_email,
        SignOn.role,
        SignOn.acronym,
        SignOn.website,
        SignOn.created_at,
    )
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        grouped: dict[int, list[sa.Row]] = {}
        for row in db.session.execute(
            sa.select(*columns)
            .join(SignOn, SignOn.signatory_id == Signatory.id)
            .where(Signatory.id.in_(chunk), SignOn.status == SignOnStatus.APPROVED)
            .order_by(SignOn.id)
        ):
            grouped.setdefault(row.id, []).append(row)
        yield from (merge(grouped[sid]) for sid in chunk if sid in grouped)


def arrange_key(options: ExportOptions, kind: str, country: str) -> tuple:
    """Stable-sort key: organisations before individuals, then country groups by name."""
    kind_rank = 1 if options.individuals_apart and kind == SignerKind.INDIVIDUAL else 0
    group = options.country_key(country) if options.group_by_country else ()
    return (kind_rank, group)


def listing(letter: Letter, options: ExportOptions) -> Listing:
    """The letter's signatories in final order, grouped as the options ask, as a stream."""
    options = options.resolved(letter.language)
    if letter.ordering == Ordering.AS_WRITTEN and (icu := collation(options.language)):
        count, mixed = summary(letter.id)
        return Listing(count, mixed, ordered_rows(letter.id, options, icu))
    if letter.ordering == Ordering.AS_WRITTEN:
        entries = _order_entries(letter.id, options.language)
        # Stable: rows with equal keys keep the order of their first sign-on, as final_list.
        entries.sort(key=lambda e: (arrange_key(options, e[2], e[3]), e[0]))
        mixed = len({e[2] for e in entries}) > 1
        ids = array("q", (e[1] for e in entries))
        del entries
        return Listing(len(ids), mixed, _fetch(ids))
    rows = final_list(letter, options.language)
    rows.sort(key=lambda r: arrange_key(options, r.kind, r.country))
    return Listing(len(rows), len({r.kind for r in rows}) > 1, iter(rows))
