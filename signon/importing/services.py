"""Storing imported rows through the sign-on matching, each with its source in the audit log."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext

from signon.audit.models import AuditEntry
from signon.audit.trail import record
from signon.core.errors import SignonError, WrongState
from signon.domain.import_rows import ImportRow
from signon.importing.erased_rows import mark_erased
from signon.importing.tables import STATUSES
from signon.letters.models import Letter
from signon.mail.outbox import send_email_later
from signon.signing import emails
from signon.signing.matching import same_contact, signatory_for
from signon.signing.models import SignerKind, SignOn, SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)

ACTION = "imported"
_NEW_SIGN_ONS = sa.insert(SignOn).returning(SignOn.id, sort_by_parameter_order=True)


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
    now = utcnow()
    stored_status = STATUSES[status]
    pace = timedelta(minutes=1) / max(1, current_app.config["IMPORT_EMAILS_PER_MINUTE"])
    letter_id, version, title = letter.id, letter.version, letter.title
    fixed = {
        "letter_id": letter_id,
        "status": stored_status,
        "signing_as": SignerKind.ORGANISATION,
        "ip_prefix": "",
        "letter_version": version,
        "confirmed_at": None if stored_status == SignOnStatus.PENDING else now,
        "decided_at": now if stored_status == SignOnStatus.APPROVED else None,
    }
    with db.writing():
        # Which signatory each row joins is the sign-on matching's answer, row by row; the
        # new sign-ons are then written in one statement (so a repeat further down the
        # file is checked against those waiting here too).
        waiting: list[tuple[ImportRow, int, int | None]] = []
        added_contacts: set[tuple[int, str]] = set()
        for row in rows:
            if row.problems:
                continue
            place = signatory_for(letter_id, SignerKind.ORGANISATION, row.country, row.key)
            signatory_id = place.id
            contact = (signatory_id, row.email.lower())
            if not place.is_new and (
                not row.email or contact in added_contacts or same_contact(signatory_id, row.email)
            ):
                report.unchanged.append(row.number)
                continue
            added_contacts.add(contact)
            waiting.append((row, signatory_id, place.home_id))
        report.added = _insert(waiting, fixed, now)
        if report.added:
            detail = {"file": file_name, "status": status}
            db.session.execute(
                sa.insert(AuditEntry),
                [
                    {
                        "letter_id": letter_id,
                        "actor": actor,
                        "action": ACTION,
                        "sign_on_id": sign_on_id,
                        "signatory_id": signatory_id,
                        "detail": {**detail, "row": row.number},
                        "created_at": now,
                    }
                    for sign_on_id, (row, signatory_id, _) in zip(
                        report.added, waiting, strict=True
                    )
                ],
            )
        if stored_status == SignOnStatus.PENDING:
            for i, (sign_on_id, (row, _, _new)) in enumerate(
                zip(report.added, waiting, strict=True)
            ):
                send_email_later(
                    row.email,
                    f"Please confirm your signature: {title}",
                    emails.CONFIRM,
                    {"sign_on_id": sign_on_id},
                    letter_id=letter_id,
                    sign_on_id=sign_on_id,
                    not_before=now + pace * i,
                )
        record(
            letter_id,
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


def _insert(
    waiting: list[tuple[ImportRow, int, int | None]], fixed: dict, now: datetime
) -> list[int]:
    """Write the new sign-ons in one statement; their ids, in the rows' order."""
    if not waiting:
        return []
    values = [
        {
            **fixed,
            "signatory_id": signatory_id,
            "home_id": home_id,
            "organisation": row.organisation,
            "acronym": row.acronym,
            "country": row.country,
            "website": row.website,
            "contact_name": row.contact_name,
            "contact_email": row.email,
            "role": row.position,
            "created_at": row.signed_at or now,
        }
        for row, signatory_id, home_id in waiting
    ]
    return list(db.session.scalars(_NEW_SIGN_ONS, values))


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
