"""Creating letters and moving them between states."""

import logging
import re

import sqlalchemy as sa
from flask_babel import gettext

from signon.audit import trail as audit
from signon.core.errors import NotFound, SignonError
from signon.domain.names import clean_block, clean_text
from signon.letters import consent
from signon.letters.models import Letter, LetterStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_slug(slug: str) -> bool:
    """Whether `slug` could name a letter: lower-case words joined by hyphens, 80 at most."""
    return len(slug) <= 80 and SLUG_RE.fullmatch(slug) is not None


def get_letter(slug: str) -> Letter:
    """The letter with this slug; raises NotFound."""
    if not is_slug(slug):
        # No letter has such a slug; and PostgreSQL refuses some characters (NUL) outright.
        raise NotFound(gettext("No letter with slug '%(slug)s'.", slug=slug))
    letter = db.session.scalar(sa.select(Letter).where(Letter.slug == slug))
    if letter is None:
        raise NotFound(gettext("No letter with slug '%(slug)s'.", slug=slug))
    return letter


def create_letter(
    slug: str,
    title: str,
    body: str,
    *,
    open_now: bool = False,
    retention_days: int = consent.DEFAULT_RETENTION_DAYS,
    live_list: bool = False,
    actor: str = "cli",
) -> Letter:
    """A new letter, a draft unless `open_now`, with the default consent text as version 1.

    `live_list` shows approved names to the public before publication (off by default).

    The letter is flushed; the caller commits (with its team, in one transaction).
    """
    slug = slug.strip()
    title = clean_text(title)
    if not is_slug(slug):
        raise SignonError(
            gettext(
                "Invalid slug '%(slug)s': use lower-case letters, digits and single hyphens.",
                slug=slug,
            )
        )
    if not title:
        raise SignonError(gettext("A letter needs a title."))
    consent.check_retention_days(retention_days)
    if len(title) > 300:
        raise SignonError(gettext("The title is longer than 300 characters."))
    if db.session.scalar(sa.select(Letter.id).where(Letter.slug == slug)) is not None:
        raise SignonError(gettext("A letter with slug '%(slug)s' already exists.", slug=slug))
    letter = Letter(
        slug=slug,
        title=title,
        body=clean_block(body),
        status=LetterStatus.DRAFT,
        live_list=live_list,
    )
    if open_now:
        letter.status = LetterStatus.OPEN
        letter.opened_at = utcnow()
    db.session.add(letter)
    try:
        db.session.flush()
        consent.first_version(letter, retention_days)
        audit.record(letter.id, actor, "created", status=str(letter.status))
    except sa.exc.IntegrityError as exc:
        raise SignonError(
            gettext("A letter with slug '%(slug)s' already exists.", slug=slug)
        ) from exc
    log.info("letter %s created (%s)", slug, letter.status)
    return letter


def listed_letters() -> list[Letter]:
    """The open letters the organisers chose to list on the home page, newest first."""
    now = utcnow()
    return list(
        db.session.scalars(
            sa.select(Letter)
            .where(
                Letter.listed_on_home.is_(True),
                Letter.status == LetterStatus.OPEN,
                sa.or_(Letter.deadline.is_(None), Letter.deadline > now),
            )
            .order_by(Letter.opened_at.desc(), Letter.id.desc())
        )
    )
