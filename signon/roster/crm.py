"""CSV presets for CRMs: Action Network's and CiviCRM's import columns, a row per contact.

The contacts are always in them (a CRM imports people), so they download like any export
with contacts: by a button, audited. Cells are neutralised as every CSV export's are.
"""

import csv
import io
from collections.abc import Iterator

from signon.letters.models import Letter
from signon.roster.options import ExportOptions
from signon.roster.rows import Listing
from signon.roster.tabular import CSV_BOM, neutralise
from signon.signing.final_list import Contact, ListedSignatory

# Action Network's upload: its core fields by their names, then fields it keeps as custom.
ACTION_NETWORK = (
    "email", "first_name", "last_name", "country",
    "organization", "acronym", "website", "job_title", "signed_at",
)  # fmt: skip
# CiviCRM's contact import maps a column whose header is a field's title by itself.
CIVICRM = (
    "Email", "First Name", "Last Name", "Job Title", "Current Employer", "Website", "Country",
    "Source",
)  # fmt: skip


def split_name(name: str) -> tuple[str, str]:
    """First and last name as CRMs keep them: the last word is the family name."""
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return " ".join(words[:-1]), words[-1]


def _people(listing: Listing) -> Iterator[tuple[ListedSignatory, Contact]]:
    """Each contact of each signatory; a signatory whose contacts were erased, once, bare."""
    for row in listing.rows:
        kept = [c for c in row.contacts if c.email or c.name]
        for contact in kept or [Contact("", "", "")]:
            yield row, contact


def _csv(header: tuple[str, ...], rows: Iterator[list[str]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    first = True
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
        if buffer.tell() > 64 * 1024 or first:
            yield (CSV_BOM if first else "") + buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            first = False
    if first or buffer.tell():
        yield (CSV_BOM if first else "") + buffer.getvalue()


def to_action_network(letter: Letter, listing: Listing, options: ExportOptions) -> Iterator[str]:
    """Action Network's columns; people without an email (erased) are left out: it needs one."""

    def rows() -> Iterator[list[str]]:
        for row, contact in _people(listing):
            if not contact.email:
                continue
            first, last = split_name(contact.name)
            yield [
                contact.email, first, last, row.country, row.name, row.acronym, row.website,
                contact.role, row.signed_at.date().isoformat(),
            ]  # fmt: skip

    return _csv(ACTION_NETWORK, rows())


def to_civicrm(letter: Letter, listing: Listing, options: ExportOptions) -> Iterator[str]:
    """CiviCRM's contact import columns, the letter as each row's source."""
    source = f"Signon: {letter.title}"

    def rows() -> Iterator[list[str]]:
        for row, contact in _people(listing):
            first, last = split_name(contact.name)
            employer = row.affiliation if row.kind == "individual" else row.name
            yield [
                contact.email, first, last, contact.role, employer, row.website, row.country,
                source,
            ]  # fmt: skip

    return _csv(CIVICRM, rows())
