"""A sign-on's emails: their links, and the context the sender renders them with."""

import logging

from flask import current_app
from sqlalchemy import orm

from signon.extensions import db
from signon.mail.outbox import email_context, send_email, send_email_later
from signon.signing.models import SignOn, SignOnStatus
from signon.tokens import Purpose, make_token
from signon.urls import external_url

log = logging.getLogger(__name__)

CONFIRM = "confirm_sign_on"
REPEAT = "sign_on_repeat"

# The signatory's own link stays valid for a year; it changes things only while the letter is open.
MANAGE_MAX_AGE = 365 * 24 * 3600


def to_signatory(
    recipient: str,
    erased: bool,
    subject: str,
    template: str,
    *,
    later: bool = False,
    **values: object,
) -> bool:
    """The one way mail to a signatory is queued: never once their contact details are erased.

    `later` stores the template and its parameters for the sender to render (the sign-on's
    own hot-path emails); otherwise it is rendered now. False when nothing was queued.
    """
    if erased or not recipient:
        log.info("email %r not queued: the signatory's contact details are erased", template)
        return False
    (send_email_later if later else send_email)(recipient, subject, template, **values)
    return True


def confirm_url(sign_on: SignOn) -> str:
    """The link in the confirmation email."""
    token = make_token(Purpose.CONFIRM_SIGN_ON, sign_on.id)
    return external_url("signing.confirm", slug=sign_on.letter.slug, token=token)


def manage_url(sign_on: SignOn) -> str:
    """The signatory's own link (correct details, withdraw), sent with the confirmation email."""
    token = make_token(Purpose.MANAGE_SIGN_ON, sign_on.id)
    return external_url("self_service.manage", slug=sign_on.letter.slug, token=token)


def _sign_on(sign_on_id: int) -> SignOn:
    sign_on = db.session.get(SignOn, sign_on_id, options=[orm.joinedload(SignOn.letter)])
    if sign_on is None:
        raise LookupError(f"sign-on {sign_on_id} no longer exists")
    if sign_on.anonymised_at is not None:
        # The sender gives up on a message it cannot render: nothing reaches an erased contact.
        raise LookupError(f"sign-on {sign_on_id}'s contact details are erased")
    return sign_on


@email_context(CONFIRM)
def confirm_context(sign_on_id: int, already_listed: object = None) -> dict[str, object]:
    """Please confirm: the links are made as the email goes out, so they live their full time.

    `already_listed` is ignored: emails queued before it was dropped still carry it, and the
    mail no longer tells anyone that someone else signed for the same name.
    """
    sign_on = _sign_on(sign_on_id)
    return {
        "sign_on": sign_on,
        "letter": sign_on.letter,
        "confirm_url": confirm_url(sign_on),
        "manage_url": manage_url(sign_on),
        "language": sign_on.language,
        "max_age_days": max(1, current_app.config["CONFIRM_TOKEN_MAX_AGE"] // 86400),
    }


@email_context(REPEAT)
def repeat_context(sign_on_id: int) -> dict[str, object]:
    """Already signed: the confirmation link again while the sign-on is still pending."""
    sign_on = _sign_on(sign_on_id)
    pending = sign_on.status == SignOnStatus.PENDING
    return {
        "sign_on": sign_on,
        "letter": sign_on.letter,
        "confirm_url": confirm_url(sign_on) if pending else None,
        "language": sign_on.language,
    }
