"""What an organiser saw: a short fingerprint of an entry's text, sent back with a decision.

A decision form carries, beside each sign-on's id (`ids`), a hidden `seen` field "ID:PRINT";
the change review form carries `change`. A decision is refused for an entry whose fingerprint
no longer matches: the signatory corrected it between the page and the press, and the
organiser has not seen the new text. A fingerprint of the text itself, not a counter, so a
reminder or a note saved meanwhile refuses nothing.
"""

import hashlib
import json
from collections.abc import Iterable

import sqlalchemy as sa

from signon.signing.models import ProposedChange, SignOn

# The columns whose values the organiser reads before deciding; a decision's UPDATE also
# requires them unchanged (signing.transitions), closing the gap between check and write.
TEXT_COLUMNS: tuple[sa.orm.InstrumentedAttribute, ...] = (
    SignOn.organisation,
    SignOn.acronym,
    SignOn.country,
    SignOn.website,
    SignOn.contact_name,
    SignOn.contact_email,
    SignOn.role,
    SignOn.signing_as,
    SignOn.signatory_id,
)


def _digest(values: object) -> str:
    data = json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def fingerprint(sign_on: SignOn) -> str:
    """The fingerprint of the sign-on's text as pages show it (the listed name included)."""
    values = [getattr(sign_on, column.key) for column in TEXT_COLUMNS]
    return _digest([sign_on.name_on_list, *values])


def change_fingerprint(change: ProposedChange | None) -> str:
    """The fingerprint of a change waiting for review (which fields, which new values)."""
    return _digest(change.changes if change is not None else None)


def parse(values: Iterable[str]) -> dict[int, str]:
    """The `seen` fields of a form as {sign-on id: fingerprint}; malformed ones are ignored."""
    found: dict[int, str] = {}
    for value in values:
        number, _, printed = value.partition(":")
        if number.isdigit() and len(number) < 19 and printed:
            found[int(number)] = printed
    return found
