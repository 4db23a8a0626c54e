"""The final list arranged for an export, as a stream: 100,000 signatories in bounded memory.

It chooses one of `signing.final_list`'s readers. For the default ordering the database sorts
with the ICU collation and rows are read as they come (`stream`). Where the database has no
ICU collation, only (id, kind, country, name) are read to find the order, then full rows are
fetched in chunks. For any other ordering, `final_list()` itself, so the order is always the
letter's.
"""

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from signon.domain.countries import country_order
from signon.domain.ordering import Ordering
from signon.letters.models import Letter
from signon.roster.options import ExportOptions
from signon.signing.final_list import (
    ListedSignatory,
    fetch,
    final_list,
    sort_entries,
    stream,
    summary,
)
from signon.signing.models import SignerKind
from signon.storage.collations import collation


@dataclass
class Listing:
    """The arranged list: how many, whether both kinds are present, and the rows."""

    count: int
    mixed: bool
    rows: Iterator[ListedSignatory] = field(repr=False)


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
        grouped = options.group_by_country
        ranks = country_order(options.language, options.international) if grouped else None
        apart = options.individuals_apart
        rows = stream(letter.id, icu, individuals_apart=apart, country_ranks=ranks)
        return Listing(count, mixed, rows)
    if letter.ordering == Ordering.AS_WRITTEN:
        entries = sort_entries(letter.id, options.language)
        # Stable: rows with equal keys keep the order of their first sign-on, as final_list.
        entries.sort(key=lambda e: (arrange_key(options, e[2], e[3]), e[0]))
        mixed = len({e[2] for e in entries}) > 1
        ids = array("q", (e[1] for e in entries))
        del entries
        return Listing(len(ids), mixed, fetch(ids))
    rows = final_list(letter, options.language)
    rows.sort(key=lambda r: arrange_key(options, r.kind, r.country))
    return Listing(len(rows), len({r.kind for r in rows}) > 1, iter(rows))
