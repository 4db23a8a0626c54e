"""Rows of an import whose contact was erased from the letter: never imported again."""

from collections.abc import Sequence
from dataclasses import replace

from signon.domain.import_rows import ImportRow
from signon.domain.messages import translatable as _t
from signon.signing.erased import email_key, erased_keys


def mark_erased(letter_id: int, rows: Sequence[ImportRow]) -> list[ImportRow]:
    """The rows, those with an erased contact's address carrying that as their problem."""
    keys = erased_keys(letter_id)
    if not keys:
        return list(rows)
    problem = _t("This contact's details were erased from the letter: not imported again.")
    return [
        replace(row, problems=(*row.problems, problem))
        if row.email and email_key(row.email) in keys
        else row
        for row in rows
    ]
