"""Moderation: listing sign-ons, approving and rejecting them."""

import logging
from collections.abc import Iterable

import sqlalchemy as sa

from signon.database import utcnow
from signon.errors import NotFound, WrongState
from signon.extensions import db
from signon.letters.models import Letter
from signon.signing.models import SignOn, SignOnStatus

log = logging.getLogger(__name__)


def list_sign_ons(letter: Letter, status: str | None = None) -> list[SignOn]:
    """The letter's sign-ons in the order they came, optionally of one status."""
    query = sa.select(SignOn).where(SignOn.letter_id == letter.id).order_by(SignOn.id)
    if status:
        query = query.where(SignOn.status == status)
    return list(db.session.scalars(query))


def _sign_ons(letter: Letter, ids: Iterable[int]) -> list[SignOn]:
    wanted = sorted(set(ids))
    found = list(
        db.session.scalars(
            sa.select(SignOn).where(SignOn.letter_id == letter.id, SignOn.id.in_(wanted))
        )
    )
    missing = sorted(set(wanted) - {s.id for s in found})
    if missing:
        raise NotFound(f"No sign-on {', '.join(map(str, missing))} on letter {letter.slug!r}.")
    return found


def _decide(sign_ons: list[SignOn], status: SignOnStatus, letter: Letter) -> list[SignOn]:
    now = utcnow()
    for sign_on in sign_ons:
        sign_on.status = status
        sign_on.decided_at = now
    db.session.commit()
    log.info("%s sign-ons %s on %s", status, [s.id for s in sign_ons], letter.slug)
    return sign_ons


def approve(letter: Letter, ids: Iterable[int]) -> list[SignOn]:
    """Approve these sign-ons; all or none, and only those whose email is confirmed."""
    sign_ons = _sign_ons(letter, ids)
    unconfirmed = [s.id for s in sign_ons if s.confirmed_at is None]
    if unconfirmed:
        raise WrongState(
            f"Sign-on {', '.join(map(str, unconfirmed))} has not confirmed its email yet."
        )
    return _decide(sign_ons, SignOnStatus.APPROVED, letter)


def approve_all_verified(letter: Letter) -> list[SignOn]:
    """Approve every sign-on that is confirmed and waiting."""
    return _decide(list_sign_ons(letter, SignOnStatus.VERIFIED), SignOnStatus.APPROVED, letter)


def reject(letter: Letter, ids: Iterable[int]) -> list[SignOn]:
    """Reject these sign-ons (in any state)."""
    return _decide(_sign_ons(letter, ids), SignOnStatus.REJECTED, letter)
