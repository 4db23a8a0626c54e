"""Taking a sign-on, merging repeats, and confirming it by email."""

import logging
from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale, gettext

from signon.core.errors import WrongState
from signon.domain.names import name_key
from signon.letters import consent
from signon.letters.facts import current_facts
from signon.letters.models import Letter, LetterState
from signon.letters.translating import translated_title
from signon.signing import emails, notifications, transitions
from signon.signing.matching import insert_sign_on, same_contact, signatory_for
from signon.signing.models import SignerKind, SignOn, SignOnStatus, own_name
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.web.tokens import Purpose, TokenError, read_token

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignOnInput:
    """A sign-on as the form cleaned it."""

    organisation: str
    country: str
    contact_name: str
    contact_email: str
    acronym: str = ""
    website: str = ""
    role: str = ""
    signing_as: str = SignerKind.ORGANISATION

    @property
    def listed_name(self) -> str:
        """The name on the list: an individual's own name, or the organisation's."""
        return own_name(self.signing_as, self.organisation, self.contact_name)


def submit_sign_on(
    letter: LetterState,
    data: SignOnInput,
    ip_prefix: str = "",
    consent_shown: object = None,
    language: str = "en",
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
    """
    if not letter.takes_sign_ons:
        raise WrongState("This letter is not open for signatures.")
    key = name_key(data.listed_name)
    with db.writing():
        fresh = current_facts(letter.id)
        individual = data.signing_as == SignerKind.INDIVIDUAL
        if (
            fresh is None
            or not fresh.takes_sign_ons
            or (individual and not fresh.accept_individuals)
        ):
            raise WrongState("This letter is not open for such signatures any more.")
        letter_id, slug, title, version = fresh.id, fresh.slug, fresh.title, fresh.version
        if language != fresh.language:
            title = translated_title(letter_id, language, title)
        place = signatory_for(letter_id, data.signing_as, data.country, key)
        signatory_id = place.id
        earlier = None if place.is_new else same_contact(signatory_id, data.contact_email)
        sign_on_id = None
        if earlier is None:
            number, consent_language = consent.accepted(
                letter_id, fresh.consent_version, consent_shown, language
            )
            sign_on_id = insert_sign_on(
                letter_id=letter_id,
                signatory_id=signatory_id,
                home_id=place.home_id,
                status=SignOnStatus.PENDING,
                ip_prefix=ip_prefix,
                letter_version=version,
                language=language,
                consent_version=number,
                consent_at=utcnow(),
                consent_language=consent_language,
                **data.__dict__,
            )
            if sign_on_id is None:
                # The same contact signed this moment, in a transaction that has committed
                # since (the unique key waited for it): answer as to any repeat.
                earlier = same_contact(signatory_id, data.contact_email)
                if earlier is None:
                    raise WrongState("This sign-on could not be stored; please try again.")
        if earlier is not None:
            # The same person again: nothing new to store, but tell them where they stand.
            sign_on_id, email = earlier
            with force_locale(language):
                subject = gettext("You have already signed: %(title)s", title=title)
            emails.to_signatory(
                email,
                False,  # same_contact never finds an erased address
                subject,
                emails.REPEAT,
                later=True,
                letter_id=letter_id,
                sign_on_id=sign_on_id,
            )
        else:
            with force_locale(language):
                subject = gettext("Please confirm your signature: %(title)s", title=title)
            emails.to_signatory(
                data.contact_email,
                False,  # a sign-on made this moment
                subject,
                emails.CONFIRM,
                later=True,
                letter_id=letter_id,
                sign_on_id=sign_on_id,
            )
    if earlier is not None:
        log.info("repeat sign-on %s on %s by the same contact", sign_on_id, slug)
    else:
        log.info("sign-on %s on %s (signatory %s)", sign_on_id, slug, signatory_id)
    return sign_on_id


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
    notifications.on_confirmed(sign_on)
    db.session.flush()
    log.info("sign-on %s on %s confirmed", sign_on.id, sign_on.letter.slug)
    return True
