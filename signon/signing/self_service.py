"""Signatories help themselves through their own link: correct their details, or withdraw.

A change to what is published about an approved entry waits for the organisers
(signon.moderation.change_review); other corrections are saved at once.
"""

import logging
from dataclasses import dataclass, field

from signon.audit import trail as audit
from signon.core.errors import WrongState
from signon.domain.names import name_key
from signon.letters.models import Letter
from signon.signing import entries, transitions
from signon.signing.creating import SignOnInput
from signon.signing.emails import MANAGE_MAX_AGE
from signon.signing.matching import signatory_for
from signon.signing.models import ProposedChange, SignerKind, SignOn, SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.web.tokens import Purpose, TokenError, read_token

log = logging.getLogger(__name__)

EDITABLE = ("organisation", "acronym", "country", "website", "contact_name", "role")


def sign_on_from_manage_token(letter: Letter, token: str) -> SignOn:
    """The sign-on a self-service link names; raises TokenError if the link is bad."""
    sign_on = db.session.get(SignOn, read_token(Purpose.MANAGE_SIGN_ON, token, MANAGE_MAX_AGE))
    if sign_on is None or sign_on.letter_id != letter.id:
        raise TokenError("invalid")
    return sign_on


def can_change(sign_on: SignOn) -> bool:
    """Changes are possible while the letter is open, the signature stands and its contact
    details are not erased (an erased sign-on has no contact left to speak for it)."""
    return (
        sign_on.letter.is_open
        and sign_on.status != SignOnStatus.WITHDRAWN
        and sign_on.anonymised_at is None
    )


@dataclass(frozen=True)
class Correction:
    """What a correction did: fields saved at once, and fields held for the organisers."""

    applied: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)


def published_fields(sign_on: SignOn) -> tuple[str, ...]:
    """The fields the public list shows: an organisation's contact and role are not shown."""
    if sign_on.signing_as == SignerKind.INDIVIDUAL:
        return EDITABLE
    return ("organisation", "acronym", "country", "website")


def details_as_proposed(sign_on: SignOn) -> dict[str, str]:
    """The sign-on's details with any change still waiting for review put in."""
    details = {name: getattr(sign_on, name) for name in EDITABLE}
    if sign_on.proposed_change is not None:
        details.update(sign_on.proposed_change.changes)
    return details


def correct_details(sign_on: SignOn, data: SignOnInput) -> Correction:
    """Save the corrected details; on an approved entry, what is published waits for review.

    The list keeps the approved version until an organiser approves or rejects the change.
    """
    # Locked, and read again: an organiser's decision being made on this sign-on finishes
    # first, and its status decides whether the change is published or held for review.
    db.session.refresh(sign_on, with_for_update=True)
    if not can_change(sign_on):
        raise WrongState("This signature can no longer be changed: the letter is closed.")
    changes = {
        name: getattr(data, name)
        for name in EDITABLE
        if getattr(data, name) != getattr(sign_on, name)
    }
    held: dict[str, str] = {}
    if sign_on.status == SignOnStatus.APPROVED:
        held = {k: v for k, v in changes.items() if k in published_fields(sign_on)}
        changes = {k: v for k, v in changes.items() if k not in held}
        _propose(sign_on, held)
    if changes:
        audit.record(
            sign_on.letter_id,
            "signatory",
            "corrected",
            sign_on_id=sign_on.id,
            signatory_id=sign_on.signatory_id,
            before={k: getattr(sign_on, k) for k in changes},
            after=changes,
        )
        apply_changes(sign_on, changes)
    db.session.flush()
    log.info(
        "sign-on %s corrected by its signatory: %s, held for review: %s",
        sign_on.id,
        sorted(changes),
        sorted(held),
    )
    return Correction(applied=sorted(changes), held=sorted(held))


def _propose(sign_on: SignOn, held: dict[str, str]) -> None:
    """Keep the change asked for (replacing an earlier one), or drop it when none is left."""
    waiting = sign_on.proposed_change
    if waiting is not None and waiting.changes == held:
        return
    if not held:
        if waiting is not None:
            sign_on.proposed_change = None
            audit.record(sign_on.letter_id, "signatory", "change_withdrawn", sign_on_id=sign_on.id)
        return
    if waiting is None:
        sign_on.proposed_change = ProposedChange(changes=held)
    else:
        waiting.changes = held
        waiting.created_at = utcnow()
    audit.record(
        sign_on.letter_id,
        "signatory",
        "change_proposed",
        sign_on_id=sign_on.id,
        signatory_id=sign_on.signatory_id,
        before={k: getattr(sign_on, k) for k in held},
        after=held,
    )


def apply_changes(sign_on: SignOn, changes: dict[str, str]) -> None:
    """Set the fields; a new name or country moves the sign-on to that signatory.

    Not out of an entry the organisers merged: only their "Undo" splits it, and its listed
    name changes only when they approve a change (signon.moderation.change_review).
    """
    for name, value in changes.items():
        setattr(sign_on, name, value)
    if entries.together(sign_on.signatory_id):
        return
    place = signatory_for(
        sign_on.letter_id, sign_on.signing_as, sign_on.country, name_key(sign_on.listed_name)
    )
    sign_on.signatory_id, sign_on.home_id = place.id, place.home_id


def withdraw(sign_on: SignOn) -> bool:
    """Take the signature back; False when it already was (the link is then spent).

    Compare-and-set: when an organiser's decision lands first, the withdrawal is made again
    on the status it left (withdrawing an approved signature is allowed), so the signatory
    never reads "withdrawn" under a signature that stays approved.
    """
    for _ in range(transitions.ATTEMPTS):
        if sign_on.status == SignOnStatus.WITHDRAWN:
            return False
        if not can_change(sign_on):
            raise WrongState("This signature can no longer be withdrawn: the letter is closed.")
        previous = sign_on.status
        if transitions.change_status(sign_on, SignOnStatus.WITHDRAWN, decided_at=utcnow()):
            break
    else:
        raise WrongState(transitions.busy_message())
    audit.record(
        sign_on.letter_id,
        "signatory",
        "withdrawn",
        sign_on_id=sign_on.id,
        signatory_id=sign_on.signatory_id,
        previous=previous,
    )
    db.session.flush()
    log.info("sign-on %s withdrawn by its signatory", sign_on.id)
    return True
