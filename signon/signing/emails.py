"""A sign-on's emails: their links, and the context the sender renders them with."""

import logging
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from sqlalchemy import orm

from signon.domain.acronyms import with_acronym
from signon.letters.sender import email_values
from signon.letters.translating import in_language
from signon.mail.outbox import send_email, send_email_later
from signon.mail.registry import CannotRender, EmailTemplate, NoLongerNeeded
from signon.signing.models import SignerKind, SignOn, SignOnStatus
from signon.storage.extensions import db
from signon.web.tokens import Purpose, make_token
from signon.web.urls import external_url

log = logging.getLogger(__name__)

CONFIRM = "confirm_sign_on"
REPEAT = "sign_on_repeat"
REMINDER = "sign_on_reminder"

# The signatory's own link stays valid for a year; it changes things only while the letter is open.
MANAGE_MAX_AGE = 365 * 24 * 3600


def to_signatory(
    recipient: str,
    erased: bool,
    subject: str,
    template: str,
    *,
    later: bool = False,
    letter_id: int | None = None,
    sign_on_id: int | None = None,
    not_before: datetime | None = None,
    **values: object,
) -> bool:
    """The one way mail to a signatory is queued: never once their contact details are erased.

    `later` stores the template and its parameters (`sign_on_id` among them) for the sender
    to render (the sign-on's own hot-path emails), held back until `not_before` when given
    (an import paces its emails); otherwise it is rendered now. False when
    nothing was queued (erased, or an optional email its recipient unsubscribed from).
    """
    if erased or not recipient:
        log.info("email %r not queued: the signatory's contact details are erased", template)
        return False
    where = {"letter_id": letter_id, "sign_on_id": sign_on_id}
    if later:
        params = {**values, "sign_on_id": sign_on_id} if sign_on_id is not None else values
        queued = send_email_later(
            recipient, subject, template, params, **where, not_before=not_before
        )
        return queued is not None
    return send_email(recipient, subject, template, **where, **values) is not None


def confirm_url(sign_on: SignOn) -> str:
    """The link in the confirmation email."""
    token = make_token(Purpose.CONFIRM_SIGN_ON, sign_on.id)
    return external_url("signing.confirm", slug=sign_on.letter.slug, token=token)


def manage_url(sign_on: SignOn) -> str:
    """The signatory's own link (correct details, withdraw), sent with the confirmation email."""
    token = make_token(Purpose.MANAGE_SIGN_ON, sign_on.id)
    return external_url("signing.self_service.manage", slug=sign_on.letter.slug, token=token)


def listed_name(sign_on: SignOn) -> str:
    """`SignOn.name_on_list` with its acronym after it ("Name (ACR)", never doubled), as the
    list prints it; an individual's name alone."""
    if sign_on.signing_as == SignerKind.INDIVIDUAL:
        return sign_on.name_on_list
    return with_acronym(sign_on.name_on_list, sign_on.acronym)


def about(sign_on: SignOn) -> dict[str, object]:
    """What every email on a sign-on shows: its letter, its sender, and the listed name."""
    return {
        "sign_on": sign_on,
        "letter": in_language(sign_on.letter, sign_on.language),
        "listed_name": listed_name(sign_on),
        "language": sign_on.language,
        **email_values(sign_on.letter),
    }


_WITH_LETTER = [orm.joinedload(SignOn.letter), orm.joinedload(SignOn.signatory)]


def load_sign_ons(params: list[dict]) -> list[SignOn]:
    """A batch's sign-ons and letters in one query (the context builders then find them)."""
    ids = sorted({p["sign_on_id"] for p in params if "sign_on_id" in p})
    query = sa.select(SignOn).options(*_WITH_LETTER).where(SignOn.id.in_(ids))
    return list(db.session.scalars(query).unique())


def _sign_on(sign_on_id: int) -> SignOn:
    sign_on = db.session.get(SignOn, sign_on_id, options=_WITH_LETTER)
    if sign_on is None:
        raise CannotRender(f"sign-on {sign_on_id} no longer exists")
    if sign_on.anonymised_at is not None:
        # Nothing reaches an erased contact, even mail queued before the erasure.
        raise CannotRender(f"sign-on {sign_on_id}'s contact details are erased")
    return sign_on


def confirm_context(sign_on_id: int, already_listed: object = None) -> dict[str, object]:
    """Please confirm: the links are made as the email goes out, so they live their full time.

    `already_listed` is ignored: emails queued before it was dropped still carry it, and the
    mail no longer tells anyone that someone else signed for the same name.
    """
    sign_on = _sign_on(sign_on_id)
    return {
        **about(sign_on),
        "confirm_url": confirm_url(sign_on),
        "manage_url": manage_url(sign_on),
        "max_age_days": max(1, current_app.config["CONFIRM_TOKEN_MAX_AGE"] // 86400),
    }


def repeat_context(sign_on_id: int) -> dict[str, object]:
    """Already signed: the confirmation link again while the sign-on is still pending."""
    sign_on = _sign_on(sign_on_id)
    pending = sign_on.status == SignOnStatus.PENDING
    return {**about(sign_on), "confirm_url": confirm_url(sign_on) if pending else None}


def reminder_context(sign_on_id: int) -> dict[str, object]:
    """The one reminder to confirm; not sent if the sign-on was confirmed meanwhile."""
    sign_on = _sign_on(sign_on_id)
    if sign_on.status != SignOnStatus.PENDING or sign_on.confirmed_at is not None:
        raise NoLongerNeeded(f"sign-on {sign_on_id} is no longer waiting for confirmation")
    return {
        **about(sign_on),
        "confirm_url": confirm_url(sign_on),
        "max_age_days": max(1, current_app.config["CONFIRM_TOKEN_MAX_AGE"] // 86400),
    }


EMAILS = (
    EmailTemplate(CONFIRM, confirm_context, load_sign_ons),
    EmailTemplate(REPEAT, repeat_context, load_sign_ons),
    EmailTemplate(REMINDER, reminder_context, load_sign_ons, optional=True),
)
