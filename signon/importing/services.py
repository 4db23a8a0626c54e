"""An import's rows handed to the one way sign-ons are created, and its report."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from flask_babel import gettext

from signon.audit.trail import record
from signon.core.errors import SignonError, WrongState
from signon.domain.import_rows import ImportRow
from signon.importing.erased_rows import mark_erased
from signon.importing.tables import STATUSES
from signon.letters.consent import INVITE_WORDING
from signon.letters.models import Letter
from signon.signing.creating import Batch, NewSignOn, SignOnInput, create_sign_ons
from signon.signing.models import SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)

ACTION = "imported"


@dataclass
class ImportReport:
    """What an import stored and what it left out, by row number."""

    added: list[int] = field(default_factory=list)  # sign-on ids
    unchanged: list[int] = field(default_factory=list)  # rows already there
    refused: list[int] = field(default_factory=list)  # rows with problems


class RowsWithProblems(SignonError):
    """Some rows cannot be stored, and the organiser has not said to leave them out."""

    def __init__(self, numbers: list[int]) -> None:
        self.numbers = numbers
        super().__init__(
            f"{len(numbers)} row(s) have problems ({row_list(numbers)}). Correct the file, "
            "or choose to import the other rows without them."
        )


def row_list(numbers: Sequence[int], shown: int = 20) -> str:
    """ "rows 3, 9 and 12", at most `shown` numbers and a count of the rest."""
    head = ", ".join(map(str, numbers[:shown]))
    rest = len(numbers) - shown
    return f"row{'s' if len(numbers) > 1 else ''} {head}" + (
        f" and {rest} more" if rest > 0 else ""
    )


def import_rows(
    letter: Letter,
    rows: Sequence[ImportRow],
    *,
    status: str,
    actor: str,
    file_name: str,
    skip_problems: bool = False,
    logged_as: str = "cli",
) -> ImportReport:
    """Store the rows as sign-ons of `letter`; the same row twice adds nothing the second time.

    Rows with problems are never stored; the others only when `skip_problems` says so.
    Commits once; pending sign-ons' confirmation emails go out paced through the outbox.
    """
    if status not in STATUSES:
        raise SignonError(gettext("Choose one of: %(choices)s.", choices=", ".join(STATUSES)))
    if status == "pending" and not letter.takes_sign_ons:
        raise WrongState(
            gettext("Open the letter first: pending sign-ons are asked to confirm by email.")
        )
    rows = mark_erased(letter.id, rows)  # an erased contact is never brought back
    report = ImportReport(refused=[r.number for r in rows if r.problems])
    if report.refused and not skip_problems:
        raise RowsWithProblems(report.refused)
    stored_status = STATUSES[status]
    now = utcnow()
    batch = Batch(
        letter.id,
        letter.version,
        letter.title,
        letter.language or "en",  # an imported contact is written to in the letter's language
        status=stored_status,
        columns=lambda: {
            "confirmed_at": None if stored_status == SignOnStatus.PENDING else now,
            "decided_at": now if stored_status == SignOnStatus.APPROVED else None,
        },
        pace=timedelta(minutes=1) / max(1, current_app.config["IMPORT_EMAILS_PER_MINUTE"]),
        audit=(actor, ACTION),
    )
    stored = [row for row in rows if not row.problems]
    wanted = [_new_sign_on(row, {"file": file_name, "status": status}) for row in stored]
    with db.writing():
        created = create_sign_ons(batch, wanted)
        report.added = [done.sign_on_id for done in created if done.new]
        pairs = zip(stored, created, strict=True)
        report.unchanged = [row.number for row, done in pairs if not done.new]
        record(
            batch.letter_id,
            actor,
            "import",
            file=file_name,
            status=status,
            added=len(report.added),
            unchanged=len(report.unchanged),
            refused=len(report.refused),
        )
    # `logged_as` names who without an address ("organiser 7", "cli"); the audit has `actor`.
    log.info(
        "import of %s into %s by %s: %s added, %s unchanged, %s refused",
        file_name,
        letter.slug,
        logged_as,
        len(report.added),
        len(report.unchanged),
        len(report.refused),
    )
    return report


def _new_sign_on(row: ImportRow, source: dict) -> NewSignOn:
    # In SignOnInput's order: organisation, country, contact name and email, acronym, website, role.
    values = (row.organisation, row.country, row.contact_name, row.email, row.acronym, row.website)
    # The invitation choice only where the file says yes for this very row.
    invited = INVITE_WORDING if row.invite_consent else None
    data = SignOnInput(*values, role=row.position, invite_consent=invited)
    return NewSignOn(data, row.signed_at, {**source, "row": row.number})


def summary(report: ImportReport, file_name: str) -> str:
    """One plain sentence on what an import did."""
    parts = [
        gettext(
            "Imported %(count)s sign-on(s) from %(file)s.", count=len(report.added), file=file_name
        )
    ]
    if report.unchanged:
        parts.append(
            gettext("%(count)s row(s) were already on the letter.", count=len(report.unchanged))
        )
    if report.refused:
        parts.append(
            gettext("Not imported because of problems: %(rows)s.", rows=row_list(report.refused))
        )
    return " ".join(parts)
