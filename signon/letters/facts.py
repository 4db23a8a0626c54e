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

from signon.letters import consent
from signon.letters.consent_models import ConsentVersion
from signon.letters.models import Letter, LetterState, LetterTranslation
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


@dataclass(frozen=True)
class SigningFacts:
    """What a sign-on stores from its letter, read in one query as it is written."""

    letter: LetterFacts
    title: str  # in the sign-on's language when translated, for its emails' subjects
    consent_version: int
    consent_language: str


def signing_facts(letter_id: int, language: str, shown: object) -> SigningFacts | None:
    """The letter's facts, its title in `language`, and the consent version the form showed.

    One query for what `current_facts`, `translating.translated_title` and
    `consent.accepted` read apart; the same rules (see `consent.accepted`).
    """
    shown = shown if isinstance(shown, int) and not isinstance(shown, bool) else 0
    row = db.session.execute(
        _SIGNING, {"id": letter_id, "language": language, "shown": shown}
    ).first()
    if row is None:
        return None
    letter = LetterFacts(*row[: len(_COLUMNS)])
    title = row.translated if language != letter.language and row.translated else letter.title
    if row.consent_text is None or row.consent_text == consent.DEFAULT_CONSENT_TEXT:
        consent_language = language
    else:
        consent_language = row.consent_language or "en"
    return SigningFacts(letter, title, row.number, consent_language)


def _signing_query() -> sa.Select:
    translations, versions = LetterTranslation.__table__, ConsentVersion.__table__
    shown = sa.bindparam("shown", type_=sa.Integer)
    number = sa.case(
        (sa.and_(shown >= 1, shown <= _letters.c.consent_version), shown),
        else_=_letters.c.consent_version,
    )
    translated = sa.and_(
        translations.c.letter_id == _letters.c.id,
        translations.c.language == sa.bindparam("language"),
    )
    accepted = sa.and_(versions.c.letter_id == _letters.c.id, versions.c.number == number)
    return (
        sa.select(
            *_COLUMNS,
            translations.c.title.label("translated"),
            number.label("number"),
            versions.c.language.label("consent_language"),
            versions.c.consent_text,
        )
        .select_from(_letters.outerjoin(translations, translated).outerjoin(versions, accepted))
        .where(_letters.c.id == sa.bindparam("id"))
    )


_SIGNING = _signing_query()
