"""The retention period: when a letter's contact data is due for erasure, and erasing it."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from signon.audit import trail as audit
from signon.letters.models import Letter, LetterStatus
from signon.privacy import erasure
from signon.signing.models import SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)

ACTOR = "retention"
# Copies of contact data other packages keep for a short while (an import's upload, a day at
# most): `app.extensions[ALSO_PURGE]` lists functions, each called with the moment the run
# takes as now, that delete what is past its time and answer how much. `setup` registers them.
ALSO_PURGE = "signon.privacy.also_purge"


def ended_at(letter: Letter) -> datetime | None:
    """When the letter stopped taking signatures for good: closed or published, the later."""
    if letter.status not in (LetterStatus.CLOSED, LetterStatus.PUBLISHED):
        return None
    moments = [m for m in (letter.closed_at, letter.published_at) if m is not None]
    return max(moments) if moments else None


def last_day_kept(letter: Letter) -> date | None:
    """The last day contact data is kept: `retention_days` after the letter ended."""
    ended = ended_at(letter)
    return None if ended is None else ended.date() + timedelta(days=letter.retention_days)


def is_due(letter: Letter, today: date) -> bool:
    """Whether the letter's retention period is over on `today`."""
    last = last_day_kept(letter)
    return last is not None and today > last


@dataclass(frozen=True)
class LetterRun:
    """What the run did (or, dry, would do) to one letter."""

    slug: str
    last_day_kept: date
    sign_ons: int
    emails: int = 0
    audit_entries: int = 0


def _waiting(letter: Letter) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(SignOn.id).where(
                SignOn.letter_id == letter.id, SignOn.anonymised_at.is_(None)
            )
        )
    )


def run(today: date, *, dry_run: bool = False) -> list[LetterRun]:
    """Erase the contact data of every letter past its period; the caller commits.

    Each letter's erasure is audited with its counts. Letters with nothing left to erase
    are passed over, so a second run the same day changes nothing and logs nothing.
    """
    now = utcnow()
    letters = db.session.scalars(
        sa.select(Letter)
        .where(Letter.status.in_((LetterStatus.CLOSED, LetterStatus.PUBLISHED)))
        .order_by(Letter.id)
    ).all()
    done = []
    for letter in letters:
        if not is_due(letter, today):
            continue
        ids = _waiting(letter)
        if not ids:
            continue
        last = last_day_kept(letter)
        if dry_run:
            done.append(LetterRun(letter.slug, last, len(ids)))
            continue
        erased = erasure.erase(letter, ids, now, keep_listed=True)
        audit.record(
            letter.id,
            ACTOR,
            "contacts_anonymised",
            sign_ons=erased.sign_ons,
            emails=erased.emails,
            audit_entries=erased.audit_entries,
            retention_days=letter.retention_days,
        )
        done.append(
            LetterRun(letter.slug, last, erased.sign_ons, erased.emails, erased.audit_entries)
        )
        log.info("letter %s: contact data of %s sign-ons erased", letter.slug, erased.sign_ons)
    db.session.flush()
    return done


def purge_kept_copies(now: datetime) -> int:
    """Delete the short-lived copies of contact data past their time; how many."""
    return sum(purge(now) for purge in current_app.extensions.get(ALSO_PURGE, ()))
