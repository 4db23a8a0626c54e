"""Signatories put straight into the database, approved, for export tests and the benchmark."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from signon.domain.names import name_key
from signon.letters.models import Letter
from signon.signing.models import Signatory, SignOn
from signon.storage.extensions import db

HYPERLINK = '=HYPERLINK("http://x")'
# Near the 300-character limit of a name.
LONG = "Coordination nationale des organisations de la société civile " * 4
NAMES = [
    ("Zeta Alliance", "DE", "organisation"),
    ("Élan Solidaire", "FR", "organisation"),
    ("جمعية حقوق الإنسان", "EG", "organisation"),
    ("Правозащитный центр Мемориал", "RU", "organisation"),
    (HYPERLINK, "GB", "organisation"),
    ("Ana Lima", "BR", "individual"),
    (LONG.strip(), "SN", "organisation"),
    ("Aarhus Climate Network", "DK", "organisation"),
]


def add_signatories(letter_slug: str, rows: Iterable[tuple[str, str, str]]) -> int:
    """Approved sign-ons for (name, country, kind) rows; returns how many. Needs an app context."""
    letter_id = db.session.scalar(sa.select(Letter.id).where(Letter.slug == letter_slug))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    count = 0
    batch: list[tuple[Signatory, dict]] = []
    for index, (name, country, kind) in enumerate(rows):
        signatory = Signatory(
            letter_id=letter_id, country=country, kind=kind, name_key=name_key(name)
        )
        individual = kind == "individual"
        fields = {
            "organisation": "Instituto Clima" if individual else name,
            "contact_name": name if individual else f"Contact {index}",
            "contact_email": f"person{index}@example.org",
            "role": "Researcher" if individual else "Director",
            "acronym": "",
            "website": "" if individual else f"https://org{index}.example.org",
        }
        batch.append((signatory, fields))
        count += 1
        if len(batch) >= 2000:
            _flush(letter_id, batch, start)
            batch = []
    _flush(letter_id, batch, start)
    return count


def _flush(letter_id: int, batch: list[tuple[Signatory, dict]], start: datetime) -> None:
    db.session.add_all(signatory for signatory, _ in batch)
    db.session.flush()
    for signatory, fields in batch:
        db.session.add(
            SignOn(
                letter_id=letter_id,
                signatory_id=signatory.id,
                country=signatory.country,
                signing_as=signatory.kind,
                status="approved",
                created_at=start + timedelta(minutes=signatory.id),
                **fields,
            )
        )
    db.session.commit()
    db.session.expunge_all()
