"""What an import would do, row by row, before anything is stored.

It asks the same questions as the sign-on matching: is this name (by its key) and country
already a signatory of the letter, has this contact already signed for it; and, for the
rest, the duplicate candidates the organisers' duplicates page would show.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext

from signon.domain.countries import country_name
from signon.domain.duplicates import Entry, find_candidates
from signon.domain.import_rows import ImportRow, repeats_in_file, unresolved_countries
from signon.importing.erased_rows import mark_erased
from signon.letters.models import Letter
from signon.moderation.duplicates import distinct_pairs, entries
from signon.signing.models import Signatory, SignerKind, SignOn
from signon.storage.extensions import db
from signon.web.i18n import current_language

ORGANISATION = SignerKind.ORGANISATION.value


@dataclass
class RowView:
    """A row with what the preview says about it."""

    row: ImportRow
    outcome: str = "new"  # new | another contact | nothing new | problem
    notes: list[str] = field(default_factory=list)

    @property
    def country_name(self) -> str:
        return country_name(self.row.country, current_language()) if self.row.country else ""


@dataclass
class Preview:
    """Every row's outcome, the countries left to choose, and the totals."""

    rows: list[RowView]
    unresolved: dict[str, tuple[str, ...]]

    @property
    def problems(self) -> list[RowView]:
        return [r for r in self.rows if r.row.problems]

    def count(self, outcome: str) -> int:
        """How many rows have this outcome."""
        return sum(1 for r in self.rows if r.outcome == outcome)


def existing_signatories(letter: Letter) -> dict[tuple[str, str], int]:
    """(country, name key) -> signatory id, for the letter's organisations."""
    query = sa.select(Signatory.country, Signatory.name_key, Signatory.id).where(
        Signatory.letter_id == letter.id, Signatory.kind == ORGANISATION
    )
    return {(c, k): i for c, k, i in db.session.execute(query)}


def existing_contacts(letter: Letter) -> set[tuple[int, str]]:
    """(signatory id, lower-cased email) of every sign-on of the letter."""
    query = sa.select(SignOn.signatory_id, sa.func.lower(SignOn.contact_email)).where(
        SignOn.letter_id == letter.id
    )
    return {(i, e) for i, e in db.session.execute(query)}


def preview(letter: Letter, rows: Sequence[ImportRow]) -> Preview:
    """Each row as it will be stored, and what it meets on the letter and in the file."""
    rows = mark_erased(letter.id, rows)
    signatories = existing_signatories(letter)
    contacts = existing_contacts(letter)
    repeats = repeats_in_file(rows)
    views: list[RowView] = []
    seen_contacts: set[tuple[tuple[str, str], str]] = set()
    for row in rows:
        view = RowView(row)
        views.append(view)
        if row.problems:
            view.outcome = "problem"
            continue
        key = (row.country, row.key)
        signatory_id = signatories.get(key)
        email = row.email.lower()
        if signatory_id is not None:
            view.notes.append(gettext("Already on the letter."))
            same = (signatory_id, email) in contacts or not email
            view.outcome = "nothing new" if same else "another contact"
        if row.number in repeats:
            view.notes.append(gettext("Repeats row %(row)s.", row=repeats[row.number]))
            if (key, email) in seen_contacts or not email:
                view.outcome = "nothing new"
            elif view.outcome == "new":
                view.outcome = "another contact"
        seen_contacts.add((key, email))
    _candidates(letter, views, signatories)
    return Preview(views, unresolved_countries(rows))


def _candidates(
    letter: Letter, views: list[RowView], signatories: dict[tuple[str, str], int]
) -> None:
    """Note the likely duplicates of the rows that are neither on the letter nor repeats."""
    new = {
        v.row.number: v
        for v in views
        if v.outcome == "new" and (v.row.country, v.row.key) not in signatories
    }
    if not new:
        return
    existing = entries(letter)
    names = {e.id: e for e in existing}
    imported = [
        Entry(
            id=-number,
            name=v.row.organisation,
            country=v.row.country,
            acronyms=(v.row.acronym,) if v.row.acronym else (),
            websites=(v.row.website,) if v.row.website else (),
            emails=(v.row.email,) if v.row.email else (),
        )
        for number, v in new.items()
    ]
    for candidate in find_candidates([*existing, *imported], distinct_pairs(letter)):
        a, b = candidate.first.id, candidate.second.id
        if a >= 0 and b >= 0:
            continue  # two signatories already on the letter: the duplicates page's business
        reasons = "; ".join(candidate.reasons)
        for mine, other in ((a, b), (b, a)):
            if mine < 0 and other >= 0:
                entry = names[other]
                new[-mine].notes.append(
                    gettext(
                        "May be “%(name)s” (%(country)s), already on the letter: %(reasons)s.",
                        name=entry.name,
                        country=country_name(entry.country, current_language()),
                        reasons=reasons,
                    )
                )
            elif mine < 0 and other < 0 and -other < -mine:
                new[-mine].notes.append(
                    gettext("May repeat row %(row)s: %(reasons)s.", row=-other, reasons=reasons)
                )
