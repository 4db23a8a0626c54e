"""Editing a letter's parts, moving it between states, and its secret preview link."""

import logging
import secrets
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext

from signon.audit import trail as audit
from signon.core.errors import SignonError, WrongState
from signon.domain.names import same_text
from signon.letters import translating, versions
from signon.letters.models import Letter, LetterStatus
from signon.letters.parts import PARTS, SETTINGS
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)

# (from, to) pairs an organiser may ask for; anything else is refused.
TRANSITIONS = {
    (LetterStatus.DRAFT, LetterStatus.OPEN),
    (LetterStatus.OPEN, LetterStatus.CLOSED),
    (LetterStatus.CLOSED, LetterStatus.OPEN),
    (LetterStatus.CLOSED, LetterStatus.PUBLISHED),
}


def changed_parts(letter: Letter, changes: dict[str, object]) -> list[str]:
    """The names of the parts and settings whose value `changes` would change."""
    return [
        name
        for name in (*PARTS, *SETTINGS)
        if name in changes and not same_text(getattr(letter, name), changes[name])
    ]


def update_letter(letter: Letter, changes: dict[str, object], actor: str) -> list[str]:
    """Save the parts and settings that changed; returns their names."""
    if letter.status == LetterStatus.PUBLISHED:
        raise WrongState(gettext("This letter is published: its text can no longer change."))
    title = changes.get("title")
    if title is not None and not str(title).strip():
        raise SignonError(gettext("A letter needs a title."))
    for name, limit in PARTS.items():
        value = changes.get(name)
        if limit is not None and value is not None and len(str(value)) > limit:
            raise SignonError(
                gettext(
                    "The %(part)s is longer than %(limit)s characters.",
                    part=name.replace("_", " "),
                    limit=limit,
                )
            )
    deadline = changes.get("deadline")
    if isinstance(deadline, datetime) and deadline.tzinfo is None:
        raise SignonError(gettext("The deadline needs a time zone."))
    changed = changed_parts(letter, changes)
    if not changed:
        return []
    versions.keep_before_change(letter, changed, actor)
    translating.mark_out_of_date(letter, changed, actor)
    for name in changed:
        setattr(letter, name, changes[name])
    audit.record(letter.id, actor, "edited", fields=changed)
    db.session.flush()
    log.info("letter %s edited by %s: %s", letter.slug, audit.who(actor), changed)
    return changed


def may_move(letter: Letter, target: str) -> bool:
    """Whether an organiser may move the letter to `target` now."""
    return (letter.status, target) in TRANSITIONS


def sent_on_checked(day: date | None) -> date:
    """The day a letter went out: today (UTC) when not given, any day before, never later
    than tomorrow (an organiser ahead of UTC may already be on the next day)."""
    today = utcnow().date()
    if day is None:
        return today
    if day > today + timedelta(days=1):
        raise SignonError(
            gettext("The letter cannot have gone out on %(day)s: that is still to come.", day=day)
        )
    return day


def change_status(letter: Letter, target: str, actor: str, sent_on: date | None = None) -> Letter:
    """Move the letter to another state, if that step is allowed, and log it.

    Publishing records `sent_on`, the day the letter went out (today when not given).
    """
    before = letter.status
    if before == target:
        raise WrongState(
            gettext(
                "Letter '%(slug)s' is already %(status)s.",
                slug=letter.slug,
                status=LetterStatus(target).label,
            )
        )
    if before == LetterStatus.PUBLISHED:
        raise WrongState(
            gettext(
                "A published letter cannot become %(target)s: it stays as it went out.",
                target=LetterStatus(target).label,
            )
        )
    if not may_move(letter, target):
        raise WrongState(
            gettext(
                "A letter that is %(status)s cannot become %(target)s.",
                status=LetterStatus(before).label,
                target=LetterStatus(target).label,
            )
        )
    sent = sent_on_checked(sent_on) if target == LetterStatus.PUBLISHED else None
    now = utcnow()
    letter.status = target
    if target == LetterStatus.OPEN:
        letter.opened_at = now
        letter.closed_at = None
        letter.preview_token = None
    elif target == LetterStatus.CLOSED:
        letter.closed_at = now
    elif target == LetterStatus.PUBLISHED:
        letter.published_at = now
        letter.sent_on = sent
    extra = {"sent_on": sent.isoformat()} if sent else {}
    audit.record(letter.id, actor, "status", before=before, after=target, **extra)
    db.session.flush()
    log.info("letter %s: %s -> %s by %s", letter.slug, before, target, audit.who(actor))
    return letter


def share_preview(letter: Letter, actor: str) -> str:
    """A new secret preview link token for a draft (the old link stops working)."""
    if letter.status != LetterStatus.DRAFT:
        raise WrongState(gettext("Only a draft has a preview link: the letter is public already."))
    letter.preview_token = secrets.token_urlsafe(24)
    audit.record(letter.id, actor, "preview_link", shared=True)
    db.session.flush()
    log.info("letter %s: preview link made by %s", letter.slug, audit.who(actor))
    return letter.preview_token


def revoke_preview(letter: Letter, actor: str) -> None:
    """Stop the preview link working."""
    letter.preview_token = None
    audit.record(letter.id, actor, "preview_link", shared=False)
    db.session.flush()
    log.info("letter %s: preview link revoked by %s", letter.slug, audit.who(actor))


def letter_by_preview_token(token: str) -> Letter | None:
    """The draft a preview link shows, if the link is still shared."""
    if not token or len(token) > 64:
        return None
    letter = db.session.scalar(sa.select(Letter).where(Letter.preview_token == token))
    if letter is None or letter.status != LetterStatus.DRAFT:
        return None
    return letter
