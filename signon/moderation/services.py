"""Moderation: listing sign-ons, approving and rejecting them, corrections and notes."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import joinedload

from signon.core.errors import NotFound
from signon.letters.models import Letter
from signon.moderation import decisions
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.extensions import db

log = logging.getLogger(__name__)

# Decisions live in their own module; these names stay for the callers that use them here.
approve = decisions.approve
approve_all_verified = decisions.approve_all_verified
approve_confirmed = decisions.approve_confirmed
reject = decisions.reject


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
