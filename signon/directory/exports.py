"""The directory as CSV: an organisation a line, or a contact a line when contacts are asked
for (that download is audited on every letter whose contacts it holds)."""

import csv
import io
import logging
from collections.abc import Iterator

import sqlalchemy as sa
from flask_babel import gettext

from signon.audit import trail as audit
from signon.directory.building import Organisation
from signon.letters.models import Letter
from signon.roster.tabular import CSV_BOM, neutralise
from signon.storage.extensions import db

log = logging.getLogger(__name__)


def _header(with_contacts: bool) -> list[str]:
    names = [gettext("Organisation"), gettext("Acronym"), gettext("Country"), gettext("Website")]
    names.append(gettext("Letters signed"))
    if with_contacts:
        names += [gettext("Contact name"), gettext("Email"), gettext("Position")]
        names.append(gettext("Language"))
    return names


def _rows(organisation: Organisation, with_contacts: bool) -> Iterator[list[str]]:
    own = [
        organisation.name,
        organisation.acronym,
        organisation.country,
        organisation.website,
        " ".join(letter.slug for letter in organisation.letters),
    ]
    if not with_contacts:
        yield own
        return
    if not organisation.contacts:  # every contact erased: the name alone
        yield [*own, "", "", "", ""]
    for contact in organisation.contacts:
        yield [*own, contact.name, contact.email, contact.role, contact.language]


def to_csv(organisations: list[Organisation], with_contacts: bool) -> Iterator[str]:
    """UTF-8 with BOM, every field quoted, every cell neutralised against formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(_header(with_contacts))
    for organisation in organisations:
        for row in _rows(organisation, with_contacts):
            writer.writerow([neutralise(cell) for cell in row])
    yield CSV_BOM + buffer.getvalue()


def record_export(organisations: list[Organisation], actor: str) -> int:
    """Audit a download with contacts on each letter whose contacts it holds; how many."""
    slugs = {slug for o in organisations for c in o.contacts for slug in c.letters}
    ids = db.session.scalars(sa.select(Letter.id).where(Letter.slug.in_(sorted(slugs)))).all()
    for letter_id in sorted(ids):
        audit.record(letter_id, actor, "contacts_exported", format="directory.csv")
    log.info("directory: export with contacts of %s letter(s)", len(ids))
    return len(ids)
