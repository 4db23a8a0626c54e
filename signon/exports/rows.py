"""The final list as a stream, so that 100,000 signatories export with bounded memory.

`final_list()` builds every row with its contacts at once. For the default ordering we
read only (id, kind, country, name) to find the order, then fetch full rows in chunks.
For any other ordering we take `final_list()` itself, so the order is always the letter's.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

import sqlalchemy as sa

from signon.domain.collation import sort_key
from signon.exports.options import ExportOptions
from signon.extensions import db
from signon.letters.models import Letter, Ordering
from signon.signing.listing import ListedSignatory, _merge, final_list
from signon.signing.models import Signatory, SignerKind, SignOn, SignOnStatus

CHUNK = 500


@dataclass
class Listing:
    """The arranged list: how many, whether both kinds are present, and the rows."""

    count: int
    mixed: bool
    rows: Iterator[ListedSignatory] = field(repr=False)


def _order_keys(letter_id: int) -> list[tuple[int, str, str]]:
    """(signatory id, kind, country) in final order, reading light columns only."""
    first_name: dict[int, tuple[str, str, str]] = {}
    query = (
        sa.select(
            Signatory.id,
            Signatory.kind,
            Signatory.country,
            Signatory.display_name,
            SignOn.organisation,
            SignOn.contact_name,
        )
        .join(SignOn, SignOn.signatory_id == Signatory.id)
        .where(SignOn.letter_id == letter_id, SignOn.status == SignOnStatus.APPROVED)
        .order_by(SignOn.id)
        .execution_options(yield_per=2000)
    )
    for sid, kind, country, display, organisation, contact in db.session.execute(query):
        if sid not in first_name:
            # The same choice of spelling as listing._merge: display name, else earliest.
            name = display or (contact if kind == SignerKind.INDIVIDUAL else organisation)
            first_name[sid] = (kind, country, name)
    keyed = sorted(first_name.items(), key=lambda item: sort_key(item[1][2]))
    return [(sid, kind, country) for sid, (kind, country, _) in keyed]


def _fetch(ids: list[int]) -> Iterator[ListedSignatory]:
    """Full rows for `ids`, chunk by chunk, in the order given."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = db.session.execute(
            sa.select(Signatory, SignOn)
            .join(SignOn, SignOn.signatory_id == Signatory.id)
            .where(Signatory.id.in_(chunk), SignOn.status == SignOnStatus.APPROVED)
            .order_by(SignOn.id)
        ).all()
        grouped: dict[int, tuple[Signatory, list[SignOn]]] = {}
        for signatory, sign_on in rows:
            grouped.setdefault(signatory.id, (signatory, []))[1].append(sign_on)
        merged = {sid: _merge(s, sign_ons) for sid, (s, sign_ons) in grouped.items()}
        # Let the session forget this chunk: its identity map would otherwise keep them all.
        for signatory, sign_on in rows:
            db.session.expunge(sign_on)
            if signatory in db.session:
                db.session.expunge(signatory)
        yield from (merged[sid] for sid in chunk if sid in merged)


def arrange_key(options: ExportOptions, kind: str, country: str) -> tuple:
    """Stable-sort key: organisations before individuals, then country groups by name."""
    kind_rank = 1 if options.individuals_apart and kind == SignerKind.INDIVIDUAL else 0
    group = sort_key(options.country_name(country)) if options.group_by_country else ()
    return (kind_rank, group)


def listing(letter: Letter, options: ExportOptions) -> Listing:
    """The letter's signatories in final order, grouped as the options ask, as a stream."""
    if letter.ordering == Ordering.AS_WRITTEN:
        keys = _order_keys(letter.id)
        keys.sort(key=lambda k: arrange_key(options, k[1], k[2]))
        kinds = {kind for _, kind, _ in keys}
        return Listing(len(keys), len(kinds) > 1, _fetch([sid for sid, _, _ in keys]))
    rows = final_list(letter)
    rows.sort(key=lambda r: arrange_key(options, r.kind, r.country))
    return Listing(len(rows), len({r.kind for r in rows}) > 1, iter(rows))
