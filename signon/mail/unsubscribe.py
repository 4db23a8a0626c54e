"""Unsubscribing from a letter's optional emails: RFC 8058 one-click, or a page with a button.

The link in `List-Unsubscribe` carries a signed token naming the letter and the address.
Mail providers POST `List-Unsubscribe=One-Click` to it without a form of ours (so no CSRF
token: the signed token is the proof); a person who opens it gets a page and a button.
"""

import logging

import sqlalchemy as sa
from flask import render_template, request
from flask_wtf.csrf import CSRFError

from signon.mail.models import OutboxMessage, Unsubscribe
from signon.mail.registry import mail_extension
from signon.mail.smtp import Extra
from signon.storage.database import utcnow
from signon.storage.extensions import csrf, db
from signon.web.tokens import Purpose, TokenError, make_bound_token, read_bound_token
from signon.web.urls import external_url

log = logging.getLogger(__name__)


# An unsubscribe link keeps working for a long time: people act on old emails.
MAX_AGE = 2 * 365 * 24 * 3600


def unsubscribe_url(letter_id: int, recipient: str) -> str:
    """The one-click link that stops this letter's optional emails to `recipient`."""
    token = make_bound_token(Purpose.UNSUBSCRIBE, letter_id, recipient.lower())
    return external_url("mail.unsubscribe", token=token)


def optional_headers(batch: list[OutboxMessage]) -> dict[int, Extra]:
    """List-Unsubscribe for each optional email about a letter, by message id."""
    templates = mail_extension().templates
    return {
        m.id: Extra(list_unsubscribe=unsubscribe_url(m.letter_id, m.recipient))
        for m in batch
        if m.letter_id is not None and m.template in templates and templates[m.template].optional
    }


def unsubscribe_address(letter_id: int, email: str) -> bool:
    """Record that `email` wants no more optional emails about the letter; False if it had."""
    try:
        with db.session.begin_nested():  # the unique key answers a race, or a letter gone
            db.session.add(Unsubscribe(letter_id=letter_id, email=email, created_at=utcnow()))
        added = True
    except sa.exc.IntegrityError:
        added = False
    # Optional emails already queued for it do not go either.
    db.session.execute(
        sa.update(OutboxMessage)
        .where(
            OutboxMessage.letter_id == letter_id,
            sa.func.lower(OutboxMessage.recipient) == email,
            OutboxMessage.status == "pending",
            OutboxMessage.template.in_(
                [t.name for t in mail_extension().templates.values() if t.optional]
            ),
        )
        .values(status="cancelled", last_error="unsubscribed")
    )
    return added


@csrf.exempt  # a provider's one-click POST has no form of ours; the button's POST is checked
def unsubscribe(token: str) -> tuple[str, int] | str:
    """GET: a button (mail scanners open links); POST: unsubscribed."""
    try:
        letter_id, email = read_bound_token(Purpose.UNSUBSCRIBE, token, MAX_AGE)
    except TokenError as exc:
        return render_template("mail/unsubscribe.html", bad=exc.reason), 400
    if request.method == "GET":
        return render_template("mail/unsubscribe.html", email=email)
    if request.form.get("List-Unsubscribe") != "One-Click":
        try:
            csrf.protect()
        except CSRFError as exc:
            return render_template("mail/unsubscribe.html", bad="expired", error=exc), 400
    unsubscribe_address(letter_id, email)
    db.session.commit()
    log.info("an address unsubscribed from letter %s's optional emails", letter_id)
    return render_template("mail/unsubscribe.html", done=True, email=email)
