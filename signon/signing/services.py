"""Taking a sign-on, merging repeats, and confirming it by email."""

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from signon.database import utcnow
from signon.domain.names import name_key
from signon.errors import WrongState
from signon.extensions import db
from signon.letters.models import Letter
from signon.mail.outbox import send_email
from signon.signing.models import Signatory, SignerKind, SignOn, SignOnStatus
from signon.tokens import Purpose, TokenError, make_token, read_token
from signon.urls import external_url

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
        if self.signing_as == SignerKind.INDIVIDUAL:
            return self.contact_name
        return self.organisation


def _signatory_for(letter: Letter, kind: str, country: str, key: str) -> tuple[Signatory, bool]:
    """The letter's signatory for this name and country, created if new."""
    query = sa.select(Signatory).where(
        Signatory.letter_id == letter.id,
        Signatory.kind == kind,
        Signatory.country == country,
        Signatory.name_key == key,
    )
    existing = db.session.scalar(query)
    if existing is not None:
        return _surviving(existing), False
    try:
        with db.session.begin_nested():
            signatory = Signatory(letter_id=letter.id, kind=kind, country=country, name_key=key)
            db.session.add(signatory)
        return signatory, True
    except sa.exc.IntegrityError:
        # Another sign-on for the same organisation won the race: join it.
        return _surviving(db.session.scalars(query).one()), False


def _surviving(signatory: Signatory) -> Signatory:
    """The signatory an organiser merged this one into, if any (a name once merged stays so)."""
    while signatory.merged_into_id is not None:
        signatory = db.session.get(Signatory, signatory.merged_into_id)
    return signatory


def _same_contact(signatory: Signatory, email: str) -> SignOn | None:
    return db.session.scalar(
        sa.select(SignOn)
        .where(
            SignOn.signatory_id == signatory.id,
            sa.func.lower(SignOn.contact_email) == email.lower(),
        )
        .order_by(SignOn.id)
        .limit(1)
    )


def confirm_url(sign_on: SignOn) -> str:
    """The link in the confirmation email."""
    token = make_token(Purpose.CONFIRM_SIGN_ON, sign_on.id)
    return external_url("signing.confirm", slug=sign_on.letter.slug, token=token)


# The signatory's own link stays valid for a year; it changes things only while the letter is open.
MANAGE_MAX_AGE = 365 * 24 * 3600


def manage_url(sign_on: SignOn) -> str:
    """The signatory's own link (correct details, withdraw), sent with the confirmation email."""
    token = make_token(Purpose.MANAGE_SIGN_ON, sign_on.id)
    return external_url("self_service.manage", slug=sign_on.letter.slug, token=token)


def submit_sign_on(letter: Letter, data: SignOnInput, ip_prefix: str = "") -> SignOn:
    """Record a sign-on and queue its email; a repeat is answered the same way, by email."""
    if not letter.takes_sign_ons:
        raise WrongState("This letter is not open for signatures.")
    signatory, is_new = _signatory_for(
        letter, data.signing_as, data.country, name_key(data.listed_name)
    )
    earlier = None if is_new else _same_contact(signatory, data.contact_email)
    if earlier is not None:
        # The same person again: nothing new to store, but tell them where they stand.
        send_email(
            earlier.contact_email,
            f"You have already signed: {letter.title}",
            "sign_on_repeat",
            sign_on=earlier,
            letter=letter,
            confirm_url=confirm_url(earlier) if earlier.status == SignOnStatus.PENDING else None,
        )
        logged = (earlier.id, letter.slug)
        db.session.commit()
        log.info("repeat sign-on %s on %s by the same contact", *logged)
        return earlier
    sign_on = SignOn(
        letter=letter,
        signatory=signatory,
        status=SignOnStatus.PENDING,
        ip_prefix=ip_prefix,
        letter_version=letter.version,
        **data.__dict__,
    )
    db.session.add(sign_on)
    db.session.flush()
    send_email(
        sign_on.contact_email,
        f"Please confirm your signature: {letter.title}",
        "confirm_sign_on",
        sign_on=sign_on,
        letter=letter,
        confirm_url=confirm_url(sign_on),
        manage_url=manage_url(sign_on),
        already_listed=not is_new,
        max_age_days=max(1, current_app.config["CONFIRM_TOKEN_MAX_AGE"] // 86400),
    )
    # Read before the commit expires them: reading after costs three SELECTs.
    logged = (sign_on.id, letter.slug, signatory.id)
    db.session.commit()
    log.info("sign-on %s on %s (signatory %s)", *logged)
    return sign_on


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
    """Mark the email confirmed; False when it already was (links work once)."""
    if sign_on.status != SignOnStatus.PENDING:
        return False
    sign_on.status = SignOnStatus.VERIFIED
    sign_on.confirmed_at = utcnow()
    from signon.organisers.notifications import on_confirmed

    on_confirmed(sign_on)
    db.session.commit()
    log.info("sign-on %s on %s confirmed", sign_on.id, sign_on.letter.slug)
    return True
