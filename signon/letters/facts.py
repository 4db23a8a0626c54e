"""The few facts a sign-on needs about its letter, kept for a moment in each process.

Loading the whole letter through the ORM cost a sign-on POST more than its form and its
writes together under load. The facts are read again, in the sign-on's own transaction,
before anything is written (`current_facts`), so a letter closed a moment ago still takes
no sign-on: the cache only decides which form to check and where a visitor is sent.
"""

import time
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from signon.letters.models import Letter, LetterState
from signon.letters.services import is_slug
from signon.storage.extensions import db


@dataclass(frozen=True)
class LetterFacts(LetterState):
    """A letter's identity and what decides whether it takes sign-ons."""

    id: int
    slug: str
    title: str
    status: str
    deadline: datetime | None
    accept_individuals: bool
    version: int
    consent_version: int
    # The main text's language: a sign-on in another reads the translated title, if any.
    language: str


# Table columns, not ORM attributes: a Core statement skips the ORM's result machinery.
_letters = Letter.__table__
_COLUMNS = tuple(
    _letters.c[name]
    for name in (
        "id", "slug", "title", "status", "deadline", "accept_individuals", "version",
        "consent_version", "language",
    )
)  # fmt: skip
_BY_SLUG = sa.select(*_COLUMNS).where(_letters.c.slug == sa.bindparam("slug"))
_BY_ID = sa.select(*_COLUMNS).where(_letters.c.id == sa.bindparam("id"))


def letter_facts(slug: str) -> LetterFacts | None:
    """The letter's facts, read at most `LETTER_FACTS_SECONDS` ago; None if there is none."""
    cache: dict[str, tuple[float, LetterFacts]] = current_app.extensions.setdefault(
        "signon.letter_facts", {}
    )
    now = time.monotonic()
    hit = cache.get(slug)
    if hit is not None and now - hit[0] < current_app.config["LETTER_FACTS_SECONDS"]:
        return hit[1]
    if not is_slug(slug):
        return None
    row = db.session.execute(_BY_SLUG, {"slug": slug}).first()
    if row is None:
        return None  # not kept: made-up slugs must not fill the cache
    facts = cache[slug] = now, LetterFacts(*row)
    return facts[1]


def current_facts(letter_id: int) -> LetterFacts | None:
    """The letter's facts as the caller's transaction sees them now."""
    row = db.session.execute(_BY_ID, {"id": letter_id}).first()
    return None if row is None else LetterFacts(*row)
