"""Taking a sign-on, merging repeats, and confirming it by email."""

import logging
from collections.abc import Callable

from flask import current_app

from signon.audit import trail as audit
from signon.core.errors import WrongState
from signon.letters.facts import signing_facts
from signon.letters.models import Letter, LetterState
from signon.signing import notifications, transitions
from signon.signing.creating import Batch, NewSignOn, SignOnInput, create_sign_ons
from signon.signing.models import SignerKind, SignOn, SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.web.tokens import Purpose, TokenError, read_token

log = logging.getLogger(__name__)


def submit_sign_on(
    letter: LetterState,
    data: SignOnInput,
    ip_prefix: str = "",
    consent_shown: object = None,
    language: str = "en",
    *,
    confirmed: bool = False,
    within: Callable[[int, bool], None] | None = None,
) -> int:
    """Record a sign-on and queue its email; a repeat is answered the same way, by email.

    Whoever else signed for the same name, a new contact gets the same confirmation email as
    the first: nothing sent to an unconfirmed address tells of another party's sign-on.
    `consent_shown` is the number of the consent text the form showed; the sign-on records
    it (or the current one) with the time and the text's language. `language` is the page's:
    the sign-on's emails speak it.

    This is the busiest write of all, so it is plain SQL in a short transaction of its own,
    and its email is rendered by the sender. `letter` is a Letter or its (cached) facts: the
    letter's state is read again in the transaction. Returns the sign-on's id.

    `confirmed`: the address is proved already (an invitation's link): the sign-on is stored
    confirmed, with no email to confirm it. `within(sign_on_id, new)` runs in the same
    transaction (an invitation marks its link used); raising there stores nothing.
    """
    if not letter.takes_sign_ons:
        raise WrongState("This letter is not open for signatures.")
    # On PostgreSQL the read below and the one statement that writes it all are each their
    # own transaction (see `creating.create_sign_ons`): two round trips in all. What runs
    # `within` (an invitation's link marked used) needs one transaction around both.
    with db.writing(one_statement=within is None):
        known = signing_facts(letter.id, language, consent_shown)
        fresh = known.letter if known is not None else None
        individual = data.signing_as == SignerKind.INDIVIDUAL
        if (
            fresh is None
            or not fresh.takes_sign_ons
            or (individual and not fresh.accept_individuals)
        ):
            raise WrongState("This letter is not open for such signatures any more.")

        def consent_record() -> dict[str, object]:
            return {
                "ip_prefix": ip_prefix,
                "consent_version": known.consent_version,
                "consent_at": utcnow(),
                "consent_language": known.consent_language,
                **({"confirmed_at": utcnow()} if confirmed else {}),
            }

        status = SignOnStatus.VERIFIED if confirmed else SignOnStatus.PENDING
        batch = Batch(
            fresh.id,
            fresh.version,
            known.title,
            language,
            status=status,
            columns=consent_record,
            tell_repeats=True,
        )
        (done,) = create_sign_ons(batch, [NewSignOn(data)])
        if within is not None:
            within(done.sign_on_id, done.new)
        if confirmed and done.new:
            notifications.on_confirmed(db.session.get(SignOn, done.sign_on_id))
            # Confirmed by the link as another is by its email: the webhooks hear it alike.
            audit.announce(fresh.id, "signatory", "confirmed", sign_on_id=done.sign_on_id)
    if done.new:
        log.info("sign-on %s on %s (signatory %s)", done.sign_on_id, fresh.slug, done.signatory_id)
    else:
        log.info("repeat sign-on %s on %s by the same contact", done.sign_on_id, fresh.slug)
    return done.sign_on_id


def sign_on_from_token(letter: Letter, token: str) -> SignOn:
    """The sign-on a confirmation link names; raises TokenError if the link is bad."""
    sign_on_id = read_token(
        Purpose.CONFIRM_SIGN_ON, token, current_app.config["CONFIRM_TOKEN_MAX_AGE"]
    )
    sign_on = db.session.get(SignOn, sign_on_id)
    if sign_on is None or sign_on.letter_id != letter.id:
        raise TokenError("invalid")
    return sign_on


def confirm_sign_on(sign_on: SignOn) -> bool:
    """Mark the email confirmed; False when it already was (links work once).

    Raises WrongState once the letter takes no more signatures: a sign-on confirmed after
    the letter closed (or its deadline passed) is not added.
    """
    if sign_on.status != SignOnStatus.PENDING:
        return False
    if not sign_on.letter.takes_sign_ons:
        raise WrongState("This letter closed before the sign-on was confirmed.")
    # Compare-and-set: a rejection or withdrawal that came first stands.
    if not transitions.change_status(sign_on, SignOnStatus.VERIFIED, confirmed_at=utcnow()):
        return False
    # Not a log entry (the sign-on keeps its confirmed_at), but told to the trail's
    # listeners like every other status change: webhooks hear of confirmations this way.
    audit.announce(sign_on.letter_id, "signatory", "confirmed", sign_on_id=sign_on.id)
    notifications.on_confirmed(sign_on)
    db.session.flush()
    log.info("sign-on %s on %s confirmed", sign_on.id, sign_on.letter.slug)
    return True
