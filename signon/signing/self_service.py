"""Signatories help themselves through their own link: correct their details, or withdraw."""

import logging

from signon.database import utcnow
from signon.domain.names import name_key
from signon.errors import WrongState
from signon.extensions import db
from signon.letters.models import Letter
from signon.organisers import audit
from signon.signing.emails import MANAGE_MAX_AGE
from signon.signing.matching import signatory_for
from signon.signing.models import SignOn, SignOnStatus
from signon.signing.services import SignOnInput
from signon.tokens import Purpose, TokenError, read_token

log = logging.getLogger(__name__)

EDITABLE = ("organisation", "acronym", "country", "website", "contact_name", "role")


def sign_on_from_manage_token(letter: Letter, token: str) -> SignOn:
    """The sign-on a self-service link names; raises TokenError if the link is bad."""
    sign_on = db.session.get(SignOn, read_token(Purpose.MANAGE_SIGN_ON, token, MANAGE_MAX_AGE))
    if sign_on is None or sign_on.letter_id != letter.id:
        raise TokenError("invalid")
    return sign_on


def can_change(sign_on: SignOn) -> bool:
    """Changes are possible while the letter is open and the signature not withdrawn."""
    return sign_on.letter.is_open and sign_on.status != SignOnStatus.WITHDRAWN


def correct_details(sign_on: SignOn, data: SignOnInput) -> list[str]:
    """Save the corrected details; a new name or country moves the sign-on to that signatory."""
    if not can_change(sign_on):
        raise WrongState("This signature can no longer be changed: the letter is closed.")
    changes = {
        name: getattr(data, name)
        for name in EDITABLE
        if getattr(data, name) != getattr(sign_on, name)
    }
    if not changes:
        return []
    letter = sign_on.letter
    audit.record(
        letter.id,
        "signatory",
        "corrected",
        sign_on_id=sign_on.id,
        signatory_id=sign_on.signatory_id,
        before={k: getattr(sign_on, k) for k in changes},
        after=changes,
    )
    for name, value in changes.items():
        setattr(sign_on, name, value)
    signatory_id, _ = signatory_for(
        letter.id, sign_on.signing_as, sign_on.country, name_key(sign_on.listed_name)
    )
    if signatory_id != sign_on.signatory_id:
        sign_on.signatory_id = signatory_id
        if sign_on.status == SignOnStatus.APPROVED:
            # A different name on the list needs the organisers' eyes again.
            sign_on.status = SignOnStatus.VERIFIED
            audit.record(letter.id, "signatory", "back_to_review", sign_on_id=sign_on.id)
    db.session.commit()
    log.info("sign-on %s corrected by its signatory: %s", sign_on.id, sorted(changes))
    return sorted(changes)


def withdraw(sign_on: SignOn) -> bool:
    """Take the signature back; False when it already was (the link is then spent)."""
    if sign_on.status == SignOnStatus.WITHDRAWN:
        return False
    if not can_change(sign_on):
        raise WrongState("This signature can no longer be withdrawn: the letter is closed.")
    audit.record(
        sign_on.letter_id,
        "signatory",
        "withdrawn",
        sign_on_id=sign_on.id,
        signatory_id=sign_on.signatory_id,
        previous=sign_on.status,
    )
    sign_on.status = SignOnStatus.WITHDRAWN
    sign_on.decided_at = utcnow()
    db.session.commit()
    log.info("sign-on %s withdrawn by its signatory", sign_on.id)
    return True
