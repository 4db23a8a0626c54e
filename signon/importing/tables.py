"""From a file or pasted text to the rows that would be stored, and the uploads kept meanwhile."""

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext

from signon.accounts.models import Organiser
from signon.core.errors import NotFound, SignonError
from signon.domain.country_lookup import lookup_country
from signon.domain.import_columns import apply_mapping, split_header
from signon.domain.import_rows import ImportRow, prepare_rows
from signon.domain.sign_on_fields import normalise_website
from signon.domain.spreadsheets import Sheet, read_pasted, read_upload
from signon.importing.models import ImportUpload
from signon.letters.models import Letter
from signon.signing.models import SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db

# What the organiser chooses imported rows become (the CLI's --status names them so).
STATUSES = {
    "approved": SignOnStatus.APPROVED,
    "confirmed": SignOnStatus.VERIFIED,
    "pending": SignOnStatus.PENDING,
}
PASTED = "pasted text"
KEEP_UPLOADS = timedelta(days=1)


def is_country(text: str) -> bool:
    """Whether a piece of text resolves to exactly one country."""
    return lookup_country(text).resolved


def read_sheets(data: bytes, file_name: str) -> list[Sheet]:
    """The sheets of a CSV or XLSX file; FileProblem says plainly what is wrong."""
    return read_upload(data, file_name)


def read_text(text: str) -> list[Sheet]:
    """Pasted text as one sheet."""
    return [read_pasted(text, is_country)]


@dataclass(frozen=True)
class Table:
    """One sheet of an upload: its columns, its numbered rows, and the organiser's choices."""

    file_name: str
    sheet: str
    sheet_names: list[str]
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    guessed: list[str]
    mapping: list[str]
    countries: dict[str, str] = field(default_factory=dict)
    default_country: str = ""

    def prepared(self, status: str) -> list[ImportRow]:
        """Every row as it would be stored with this status."""
        return prepare_rows(
            self.rows,
            self.mapping,
            countries=self.countries,
            default_country=self.default_country,
            needs_email=status == "pending",
            website=normalise_website,
        )


def table(
    file_name: str,
    sheets: list[Sheet],
    sheet: str = "",
    chosen: dict[int, str] | None = None,
    countries: dict[str, str] | None = None,
    default_country: str = "",
) -> Table:
    """The named sheet (the first by default) with the mapping guessed, then as chosen."""
    names = [s.name for s in sheets]
    if sheet and sheet not in names:
        raise SignonError(
            gettext(
                "No sheet '%(sheet)s'; the sheets are: %(value)s.",
                sheet=sheet,
                value=", ".join(names),
            )
        )
    current = next(s for s in sheets if s.name == (sheet or names[0]))
    headers, rows, guessed = split_header(current.rows, is_country)
    return Table(
        file_name=file_name,
        sheet=current.name,
        sheet_names=names,
        headers=headers,
        rows=rows,
        guessed=guessed,
        mapping=apply_mapping(guessed, chosen or {}),
        countries=countries or {},
        default_country=default_country,
    )


def keep_upload(
    letter: Letter, organiser: Organiser, file_name: str, sheets: list[Sheet]
) -> ImportUpload:
    """Store a parsed upload for this organiser (and forget every day-old one)."""
    purge_uploads(utcnow())
    upload = ImportUpload(
        id=secrets.token_urlsafe(18),
        letter_id=letter.id,
        organiser_id=organiser.id,
        file_name=file_name[:255],
        sheets=[{"name": s.name, "rows": s.rows} for s in sheets],
        sheet=sheets[0].name,
        countries={},
        default_country="",
        status="confirmed",
    )
    db.session.add(upload)
    db.session.flush()
    return upload


def get_upload(letter: Letter, organiser: Organiser, upload_id: str) -> ImportUpload:
    """An upload of this organiser for this letter; NotFound for anyone else's."""
    upload = db.session.get(ImportUpload, upload_id[:32])
    if upload is None or upload.organiser_id != organiser.id or upload.letter_id != letter.id:
        raise NotFound(gettext("This import is not there any more: upload the file again."))
    return upload


def upload_table(upload: ImportUpload) -> Table:
    """The table an upload holds, with the organiser's choices so far."""
    sheets = [Sheet(s["name"], s["rows"]) for s in upload.sheets]
    sheet = upload.sheet if upload.sheet in {s.name for s in sheets} else ""
    found = table(upload.file_name, sheets, sheet, None, upload.countries, upload.default_country)
    if upload.mapping is not None and len(upload.mapping) == len(found.headers):
        return Table(**{**found.__dict__, "mapping": list(upload.mapping)})
    return found


def choose(
    upload: ImportUpload,
    *,
    sheet: str | None = None,
    mapping: list[str] | None = None,
    countries: dict[str, str] | None = None,
    default_country: str | None = None,
    status: str | None = None,
) -> None:
    """Save the organiser's choices on the upload (a new sheet starts from a new guess)."""
    if sheet is not None and sheet != upload.sheet:
        upload.sheet, upload.mapping = sheet, None
    elif mapping is not None:
        upload.mapping = mapping
    if countries is not None:
        upload.countries = {**upload.countries, **countries}
    if default_country is not None:
        upload.default_country = default_country
    if status is not None:
        if status not in STATUSES:
            raise SignonError(gettext("Choose one of: %(value)s.", value=", ".join(STATUSES)))
        upload.status = status
    db.session.flush()


def forget_upload(upload: ImportUpload) -> None:
    """An imported upload goes at once: its rows are sign-ons now (importing the same file
    again adds nothing), and its cells hold contact data nobody needs twice."""
    db.session.delete(upload)
    db.session.flush()


def purge_uploads(now: datetime) -> int:
    """Delete the uploads past their day (or imported): `privacy run` and each new upload."""
    done = db.session.execute(
        sa.delete(ImportUpload).where(
            sa.or_(
                ImportUpload.created_at < now - KEEP_UPLOADS,
                ImportUpload.imported_at.is_not(None),
            )
        )
    )
    return done.rowcount or 0


def forget_contacts(letter: Letter, addresses: set[str]) -> int:
    """Delete the letter's uploads that hold one of these erased addresses (in any cell)."""
    if not addresses:
        return 0
    doomed = [
        upload
        for upload in db.session.scalars(
            sa.select(ImportUpload).where(ImportUpload.letter_id == letter.id)
        )
        if _holds(upload.sheets, addresses)
    ]
    for upload in doomed:
        db.session.delete(upload)
    db.session.flush()
    return len(doomed)


def _holds(sheets: list[dict], addresses: set[str]) -> bool:
    return any(
        any(address in cell.lower() for address in addresses)
        for sheet in sheets
        for row in sheet.get("rows", ())
        for cell in row
        if "@" in cell
    )
