"""Organiser accounts, sign-in by emailed link, and who belongs to which letter."""

import logging
from datetime import datetime, timedelta
from typing import Protocol

import sqlalchemy as sa
from flask import has_request_context
from flask_babel import force_locale, gettext, lazy_gettext

from signon.accounts.models import Organiser
from signon.audit import trail as audit
from signon.core.errors import NotFound, SignonError
from signon.domain.addresses import UndeliverableAddress, deliverable_address
from signon.mail.models import OutboxMessage
from signon.mail.outbox import send_email, send_email_later
from signon.mail.registry import EmailTemplate, NoLongerNeeded
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.web.i18n import DEFAULT_LANGUAGE, current_language
from signon.web.tokens import Purpose, TokenError, make_bound_token, read_bound_token
from signon.web.urls import external_url

log = logging.getLogger(__name__)


SIGN_IN_MAX_AGE = 15 * 60
# At most this many sign-in links per address in SIGN_IN_MAX_AGE: nobody floods an inbox.
SIGN_IN_LINKS_PER_WINDOW = 5
SIGN_IN_SUBJECT = lazy_gettext("Your sign-in link for Signon")
SIGN_IN_TEMPLATE = "organiser_sign_in"


def normalise_email(email: str) -> str:
    """The address as stored: one mail can go to, trimmed and lower-cased; raises SignonError."""
    try:
        return deliverable_address(email).lower()
    except UndeliverableAddress as exc:
        raise SignonError(f"{exc} ({email!r})") from exc


def find_organiser(email: str) -> Organiser | None:
    """The organiser with this email, if any."""
    try:
        email = normalise_email(email)
    except SignonError:
        return None
    return db.session.scalar(sa.select(Organiser).where(Organiser.email == email))


def get_organiser(email: str) -> Organiser:
    """The organiser with this email; raises NotFound."""
    organiser = find_organiser(email)
    if organiser is None:
        raise NotFound(
            gettext(
                "No organiser with email '%(email)s': add them with `organiser add`.", email=email
            )
        )
    return organiser


def add_organiser(email: str, *, is_admin: bool = False) -> Organiser:
    """A new organiser account (flushed; the caller commits); SignonError if the email is taken."""
    email = normalise_email(email)
    if find_organiser(email) is not None:
        raise SignonError(
            gettext("An organiser with email '%(email)s' already exists.", email=email)
        )
    organiser = Organiser(email=email, is_admin=is_admin)
    try:
        with db.session.begin_nested():
            db.session.add(organiser)
    except sa.exc.IntegrityError as exc:
        raise SignonError(
            gettext("An organiser with email '%(email)s' already exists.", email=email)
        ) from exc
    log.info("organiser %s added%s", organiser.id, " (admin)" if is_admin else "")
    return organiser


def _bound(organiser: Organiser) -> str:
    # Signing in changes last_sign_in_at, so every link made before it stops working.
    stamp: datetime | None = organiser.last_sign_in_at
    return stamp.isoformat() if stamp else "never"


def sign_in_url(organiser: Organiser) -> str:
    """A single-use sign-in link for this organiser."""
    token = make_bound_token(Purpose.ORGANISER_SIGN_IN, organiser.id, _bound(organiser))
    return external_url("organise.accounts.sign_in_link", token=token)


def request_sign_in(email: str) -> None:
    """Queue the sign-in email: the same work whether or not the address is an organiser's.

    Whether a link goes out is decided when the sender renders the email (`sign_in_context`),
    out of the request: the answer's timing says nothing about the address.
    """
    try:
        address = normalise_email(email)
    except SignonError:
        address = (email or "").strip().lower()[:254]
    # The email speaks the language of the page it was asked from.
    language = current_language() if has_request_context() else DEFAULT_LANGUAGE
    asked = {"email": address, "asked_at": utcnow().isoformat(), "language": language}
    with force_locale(language):
        subject = str(SIGN_IN_SUBJECT)
    send_email_later(address, subject, SIGN_IN_TEMPLATE, asked)
    db.session.flush()


def sign_in_context(
    email: str, asked_at: str | None = None, language: str | None = None
) -> dict[str, object]:
    """The link for the organiser with this address; NoLongerNeeded (nothing sent) otherwise.

    The cap counts the links asked for before this one and not refused, whatever their state:
    a batch renders several before any is recorded as sent.
    """
    organiser = find_organiser(email)
    if organiser is None:
        raise NoLongerNeeded("no organiser has this address: nothing sent")
    asked = datetime.fromisoformat(asked_at) if asked_at else utcnow()
    recent = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(OutboxMessage)
        .where(
            OutboxMessage.recipient == organiser.email,
            OutboxMessage.template == SIGN_IN_TEMPLATE,
            OutboxMessage.status.not_in(("cancelled", "failed")),
            OutboxMessage.created_at > asked - timedelta(seconds=SIGN_IN_MAX_AGE),
            OutboxMessage.created_at < asked,
        )
    )
    if recent >= SIGN_IN_LINKS_PER_WINDOW:
        log.warning("sign-in link for organiser %s not sent: too many recently", organiser.id)
        raise NoLongerNeeded("too many sign-in links to this address recently: nothing sent")
    log.info("sign-in link for organiser %s rendered", organiser.id)
    return {
        "organiser": organiser,
        "url": sign_in_url(organiser),
        "minutes": SIGN_IN_MAX_AGE // 60,
        "language": language or DEFAULT_LANGUAGE,
    }


EMAILS = (
    EmailTemplate(SIGN_IN_TEMPLATE, sign_in_context),
    EmailTemplate("organiser_invitation"),
)


def organiser_from_token(token: str) -> Organiser:
    """The organiser a sign-in link names; raises TokenError if expired, used or forged."""
    organiser_id, bound = read_bound_token(Purpose.ORGANISER_SIGN_IN, token, SIGN_IN_MAX_AGE)
    organiser = db.session.get(Organiser, organiser_id)
    if organiser is None:
        raise TokenError("invalid")
    if bound != _bound(organiser):
        raise TokenError("used")
    return organiser


def complete_sign_in(organiser: Organiser) -> None:
    """Record the sign-in, which also spends the link."""
    organiser.last_sign_in_at = utcnow()
    db.session.flush()
    log.info("organiser %s signed in", organiser.id)


def invite_organiser(email: str, *, actor: str, is_admin: bool = False) -> Organiser:
    """An admin creates an account and emails its sign-in link."""
    organiser = add_organiser(email, is_admin=is_admin)
    send_invitation(organiser, None, actor)
    log.info("organiser %s invited by %s", organiser.id, audit.who(actor))
    return organiser


class Titled(Protocol):
    """What an invitation names of a letter (accounts know nothing else of letters)."""

    title: str


def inviter_name(actor: str) -> str:
    """How an invitation names who sent it: "Name (email)", the email, or "" (the CLI)."""
    inviter = find_organiser(actor) if "@" in actor else None
    if inviter is None:
        return ""
    return f"{inviter.name} ({inviter.email})" if inviter.name else inviter.email


def send_invitation(
    organiser: Organiser, letter: Titled | None, actor: str, **sender: object
) -> None:
    """Queue the invitation email with the sign-in page's address and who invited.

    `sender` is what the letter's emails carry (`letters.sender.email_values`).
    """
    db.session.flush()
    send_email(
        organiser.email,
        (
            gettext("You are invited to organise %(title)s", title=letter.title)
            if letter
            else gettext("You are invited to Signon")
        ),
        "organiser_invitation",
        organiser=organiser,
        letter=letter,
        inviter_name=inviter_name(actor),
        url=external_url("organise.accounts.sign_in"),
        **sender,
    )


def all_organisers() -> list[Organiser]:
    """Every organiser account, by email."""
    return list(db.session.scalars(sa.select(Organiser).order_by(Organiser.email)))
