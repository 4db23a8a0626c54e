"""Moderation: listing sign-ons, approving and rejecting them, corrections and notes."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import joinedload

from signon.audit import trail as audit
from signon.core.errors import NotFound, SignonError, WrongState
from signon.letters.models import Letter
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)


def list_sign_ons(letter: Letter, status: str | None = None) -> list[SignOn]:
    """The letter's sign-ons in the order they came, optionally of one status."""
    query = sa.select(SignOn).where(SignOn.letter_id == letter.id).order_by(SignOn.id)
    if status:
        query = query.where(SignOn.status == status)
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class Counts:
    """A letter's sign-ons by status, and the organisations they come from."""

    pending: int = 0
    verified: int = 0
    approved: int = 0
    rejected: int = 0
    withdrawn: int = 0
    # Signatories (after merges) with a confirmed or approved sign-on.
    organisations: int = 0

    @property
    def sign_ons(self) -> int:
        """Every sign-on, whatever its status."""
        return sum(getattr(self, s.value) for s in SignOnStatus)


def counts(letter: Letter) -> Counts:
    """How many sign-ons the letter has in each state, and how many organisations."""
    by_status = dict(
        db.session.execute(
            sa.select(SignOn.status, sa.func.count())
            .where(SignOn.letter_id == letter.id)
            .group_by(SignOn.status)
        ).all()
    )
    organisations = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(SignOn.signatory_id))).where(
            SignOn.letter_id == letter.id,
            SignOn.status.in_([SignOnStatus.VERIFIED, SignOnStatus.APPROVED]),
        )
    )
    return Counts(
        **{s.value: by_status.get(s.value, 0) for s in SignOnStatus},
        organisations=organisations or 0,
    )


def get_sign_on(letter: Letter, sign_on_id: int) -> SignOn:
    """One sign-on of this letter; raises NotFound."""
    sign_on = db.session.get(SignOn, sign_on_id)
    if sign_on is None or sign_on.letter_id != letter.id:
        raise NotFound(
            gettext(
                "No sign-on %(sign_on_id)s on letter '%(slug)s'.",
                sign_on_id=sign_on_id,
                slug=letter.slug,
            )
        )
    return sign_on


def _sign_ons(letter: Letter, ids: Iterable[int]) -> list[SignOn]:
    wanted = sorted(set(ids))
    if not wanted:
        raise SignonError(gettext("Choose at least one sign-on."))
    found = list(
        db.session.scalars(
            sa.select(SignOn).where(SignOn.letter_id == letter.id, SignOn.id.in_(wanted))
        )
    )
    missing = sorted(set(wanted) - {s.id for s in found})
    if missing:
        raise NotFound(
            gettext(
                "No sign-on %(value)s on letter '%(slug)s'.",
                value=", ".join(map(str, missing)),
                slug=letter.slug,
            )
        )
    withdrawn = [s.id for s in found if s.status == SignOnStatus.WITHDRAWN]
    if withdrawn:
        raise WrongState(
            f"Sign-on {', '.join(map(str, withdrawn))} was withdrawn by its signatory."
        )
    return found


def _decide(
    sign_ons: list[SignOn], status: SignOnStatus, letter: Letter, actor: str
) -> list[SignOn]:
    now = utcnow()
    for sign_on in sign_ons:
        if sign_on.status == status:
            continue
        audit.record(
            letter.id,
            actor,
            status.value,
            sign_on_id=sign_on.id,
            signatory_id=sign_on.signatory_id,
            previous=sign_on.status,
        )
        sign_on.status = status
        sign_on.decided_at = now
    db.session.flush()
    log.info(
        "%s sign-ons %s on %s by %s",
        status,
        [s.id for s in sign_ons],
        letter.slug,
        audit.who(actor),
    )
    return sign_ons


def approve(letter: Letter, ids: Iterable[int], actor: str = "cli") -> list[SignOn]:
    """Approve these sign-ons; all or none, and only those whose email is confirmed."""
    sign_ons = _sign_ons(letter, ids)
    unconfirmed = [s.id for s in sign_ons if s.confirmed_at is None]
    if unconfirmed:
        raise WrongState(
            f"Sign-on {', '.join(map(str, unconfirmed))} has not confirmed its email yet."
        )
    return _decide(sign_ons, SignOnStatus.APPROVED, letter, actor)


def approve_all_verified(letter: Letter, actor: str = "cli") -> list[SignOn]:
    """Approve every sign-on that is confirmed and waiting."""
    return _decide(
        list_sign_ons(letter, SignOnStatus.VERIFIED), SignOnStatus.APPROVED, letter, actor
    )


def approve_confirmed(letter: Letter, ids: Iterable[int], actor: str) -> list[SignOn]:
    """Approve those of `ids` still confirmed and waiting (the ones the organiser was shown).

    Sign-ons decided or withdrawn since the organiser looked are left as they are; one audit
    entry records the bulk approval beside each sign-on's own.
    """
    wanted = sorted(set(ids))
    waiting = list(
        db.session.scalars(
            sa.select(SignOn).where(
                SignOn.letter_id == letter.id,
                SignOn.id.in_(wanted),
                SignOn.status == SignOnStatus.VERIFIED,
            )
        )
    )
    if not waiting:
        raise WrongState(gettext("No confirmed sign-on is waiting for approval any more."))
    audit.record(letter.id, actor, "approve_all", count=len(waiting), asked=len(wanted))
    return _decide(waiting, SignOnStatus.APPROVED, letter, actor)


def reject(letter: Letter, ids: Iterable[int], actor: str = "cli") -> list[SignOn]:
    """Reject these sign-ons (in any state)."""
    return _decide(_sign_ons(letter, ids), SignOnStatus.REJECTED, letter, actor)


def countries(letter: Letter) -> list[str]:
    """The countries the letter's sign-ons come from."""
    return list(
        db.session.scalars(
            sa.select(SignOn.country)
            .where(SignOn.letter_id == letter.id)
            .distinct()
            .order_by(SignOn.country)
        )
    )


def sign_ons_by_id(letter: Letter, ids: Iterable[int]) -> list[SignOn]:
    """These sign-ons of the letter, with their signatories, in the order they came."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    query = (
        sa.select(SignOn)
        .where(SignOn.letter_id == letter.id, SignOn.id.in_(wanted))
        .options(joinedload(SignOn.signatory))
        .order_by(SignOn.id)
    )
    return list(db.session.scalars(query))


def decidable(letter: Letter, ids: Iterable[int], action: str) -> list[int]:
    """Those of `ids` the action would change: confirmed ones to approve, live ones to reject."""
    if action == "approve":
        allowed = [SignOnStatus.VERIFIED]
    else:
        allowed = [SignOnStatus.PENDING, SignOnStatus.VERIFIED, SignOnStatus.APPROVED]
    wanted = sorted(set(ids))
    query = sa.select(SignOn.id).where(
        SignOn.letter_id == letter.id, SignOn.id.in_(wanted), SignOn.status.in_(allowed)
    )
    return list(db.session.scalars(query.order_by(SignOn.id))) if wanted else []
