"""Moderation: listing sign-ons, approving and rejecting them, corrections and notes."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from signon.database import utcnow
from signon.domain.names import clean_text
from signon.errors import NotFound, SignonError, WrongState
from signon.extensions import db
from signon.letters.models import Letter
from signon.organisers import audit
from signon.signing.models import Signatory, SignOn, SignOnStatus

log = logging.getLogger(__name__)


def list_sign_ons(letter: Letter, status: str | None = None) -> list[SignOn]:
    """The letter's sign-ons in the order they came, optionally of one status."""
    query = sa.select(SignOn).where(SignOn.letter_id == letter.id).order_by(SignOn.id)
    if status:
        query = query.where(SignOn.status == status)
    return list(db.session.scalars(query))


def search_sign_ons(
    letter: Letter, *, status: str = "", country: str = "", text: str = ""
) -> list[SignOn]:
    """Sign-ons filtered by status and country, and by a piece of a name."""
    query = (
        sa.select(SignOn)
        .join(Signatory, SignOn.signatory_id == Signatory.id)
        .where(SignOn.letter_id == letter.id)
        .order_by(SignOn.id)
    )
    if status:
        query = query.where(SignOn.status == status)
    if country:
        query = query.where(SignOn.country == country.upper())
    text = clean_text(text).lower()
    if text:
        query = query.where(
            sa.or_(
                *(
                    sa.func.lower(column).contains(text, autoescape=True)
                    for column in (
                        SignOn.organisation,
                        SignOn.acronym,
                        SignOn.contact_name,
                        Signatory.display_name,
                    )
                )
            )
        )
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class Counts:
    """A letter's sign-ons by status, and signatories with more than one sign-on."""

    pending: int = 0
    verified: int = 0
    approved: int = 0
    rejected: int = 0
    withdrawn: int = 0
    duplicates: int = 0


def counts(letter: Letter) -> Counts:
    """How many sign-ons the letter has in each state."""
    by_status = dict(
        db.session.execute(
            sa.select(SignOn.status, sa.func.count())
            .where(SignOn.letter_id == letter.id)
            .group_by(SignOn.status)
        ).all()
    )
    repeated = (
        sa.select(SignOn.signatory_id)
        .where(SignOn.letter_id == letter.id)
        .group_by(SignOn.signatory_id)
        .having(sa.func.count() > 1)
        .subquery()
    )
    duplicates = db.session.scalar(sa.select(sa.func.count()).select_from(repeated)) or 0
    return Counts(
        **{s.value: by_status.get(s.value, 0) for s in SignOnStatus}, duplicates=duplicates
    )


def get_sign_on(letter: Letter, sign_on_id: int) -> SignOn:
    """One sign-on of this letter; raises NotFound."""
    sign_on = db.session.get(SignOn, sign_on_id)
    if sign_on is None or sign_on.letter_id != letter.id:
        raise NotFound(f"No sign-on {sign_on_id} on letter {letter.slug!r}.")
    return sign_on


def _sign_ons(letter: Letter, ids: Iterable[int]) -> list[SignOn]:
    wanted = sorted(set(ids))
    if not wanted:
        raise SignonError("Choose at least one sign-on.")
    found = list(
        db.session.scalars(
            sa.select(SignOn).where(SignOn.letter_id == letter.id, SignOn.id.in_(wanted))
        )
    )
    missing = sorted(set(wanted) - {s.id for s in found})
    if missing:
        raise NotFound(f"No sign-on {', '.join(map(str, missing))} on letter {letter.slug!r}.")
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
    db.session.commit()
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
