"""An invitation's link: the form it fills in, and signing through it.

What a link holder can do, even one the invitation was forwarded to:
- see only what the invited contact gave before (their latest sign-on's details), never
  another contact's, and only while the letter takes signatures and the link is unused;
- sign once: the link is spent by the sign-on it makes (compare-and-set, in its transaction);
- sign in one step only for the invited organisation with the invited address: the address
  unchanged, and the organisation's name key and country those of the invitation. Anything
  else goes the way of the public form: a pending sign-on and a confirmation email to the
  address typed. So a forwarded link signs for another organisation only as the public form
  lets anyone, and never confirmed by the invited contact's proved address.
"""

import logging
from dataclasses import dataclass

import sqlalchemy as sa

from signon.audit import trail
from signon.core.errors import WrongState
from signon.domain.names import name_key
from signon.invitations.models import Invitation
from signon.letters.models import Letter
from signon.signing import services
from signon.signing.creating import SignOnInput
from signon.signing.models import SignerKind, SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.web.tokens import Purpose, TokenError, read_bound_token

log = logging.getLogger(__name__)

MAX_AGE = 365 * 24 * 3600  # the letter's closing ends it sooner


class LinkUsed(WrongState):
    """The invitation's link signed already: it works once."""


def invitation_from_token(letter: Letter, token: str) -> Invitation:
    """The unused invitation a link names, for this letter; TokenError ("used" too) if not."""
    invitation_id, bound = read_bound_token(Purpose.INVITATION, token, MAX_AGE)
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or bound != str(letter.id) or invitation.letter_id != letter.id:
        raise TokenError("invalid")
    if invitation.source.anonymised_at is not None:
        raise TokenError("invalid")  # the contact was erased: nothing of theirs is shown
    if invitation.used_at is not None:
        raise TokenError("used")
    return invitation


def prefill(invitation: Invitation) -> dict[str, object]:
    """The form's values: the contact's own latest sign-on, under its entry's listed name."""
    source = invitation.source
    organisation = source.organisation
    if source.signing_as != SignerKind.INDIVIDUAL and source.signatory.display_name:
        organisation = source.signatory.display_name  # the organisers' spelling
    return {
        "signing_as": source.signing_as,
        "organisation": organisation,
        "acronym": source.acronym,
        "country": source.country,
        "website": source.website,
        "contact_name": source.contact_name,
        "contact_email": source.contact_email,
        "role": source.role,
        "invite_consent": True,  # as they answered before; they may untick it
    }


def mark_opened(invitation: Invitation) -> None:
    """The form was sent back through the link (a GET is not counted: mail scanners open
    links). Flushed; the caller commits."""
    if invitation.opened_at is None:
        invitation.opened_at = utcnow()
        db.session.flush()


def in_one_step(invitation: Invitation, data: SignOnInput) -> bool:
    """Whether the link's proof of the address holds: the invited address, for the invited
    organisation (its name key and country)."""
    return (
        data.contact_email.strip().lower() == invitation.email
        and data.country == invitation.country
        and name_key(data.listed_name) == invitation.name_key
    )


@dataclass(frozen=True)
class Signed:
    """What signing through an invitation did."""

    sign_on_id: int
    confirmed: bool


def sign(
    invitation: Invitation,
    data: SignOnInput,
    *,
    ip_prefix: str,
    consent_shown: object,
    language: str,
) -> Signed:
    """Sign through the link (it commits); raises LinkUsed, or WrongState once closed."""
    letter, invitation_id = invitation.letter, invitation.id
    confirmed = in_one_step(invitation, data)
    made: list[bool] = []  # whether a new sign-on was made (not the contact's earlier one)

    def spend(sign_on_id: int, new: bool) -> None:
        made.append(new)
        now = utcnow()
        spent = db.session.execute(
            sa.update(Invitation)
            .where(Invitation.id == invitation_id, Invitation.used_at.is_(None))
            .values(
                used_at=now,
                opened_at=sa.func.coalesce(Invitation.opened_at, now),
                sign_on_id=sign_on_id,
            ),
            execution_options={"synchronize_session": False},
        )
        if spent.rowcount != 1:
            raise LinkUsed("This invitation's link was used already.")
        trail.record(
            letter.id,
            "invitation",
            "signed_by_invitation",
            sign_on_id=sign_on_id,
            invitation=invitation_id,
            confirmed=confirmed and new,
        )

    sign_on_id = services.submit_sign_on(
        letter,
        data,
        ip_prefix=ip_prefix,
        consent_shown=consent_shown,
        language=language,
        confirmed=confirmed,
        within=spend,
    )
    log.info("invitation %s signed (confirmed: %s)", invitation_id, confirmed)
    # The contact's earlier sign-on on this letter stands as it was; its email says how.
    return Signed(sign_on_id, confirmed and made == [True])


def forget_contacts(letter: Letter, addresses: set[str]) -> int:
    """After an erasure: the invitations that copied an erased sign-on's address, and those
    to this letter of the erased addresses, are deleted."""
    erased = sa.select(SignOn.id).where(SignOn.anonymised_at.is_not(None))
    doomed = Invitation.source_id.in_(erased)
    if addresses:
        here = sa.and_(Invitation.letter_id == letter.id, Invitation.email.in_(sorted(addresses)))
        doomed = sa.or_(doomed, here)
    gone = db.session.execute(
        sa.delete(Invitation).where(doomed), execution_options={"synchronize_session": False}
    )
    return gone.rowcount or 0
