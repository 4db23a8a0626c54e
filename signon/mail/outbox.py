"""`send_email`: the one way to send mail. It writes to the outbox in the caller's transaction.

Most emails are rendered at once. A sign-on's are hot-path work, so `send_email_later` stores
the template's name and a few parameters instead, and the sender renders them with the
template's registered `context` builder.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from datetime import datetime

import sqlalchemy as sa
from babel.support import NullTranslations
from flask import Flask, current_app
from flask_babel import force_locale, get_translations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from sqlalchemy.orm import Session

from signon.domain.names import clean_text
from signon.mail.models import OutboxMessage, Unsubscribe
from signon.mail.registry import mail_extension
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)

# Session.info key: messages added in the open transaction, handed over once it commits.
NEW_MESSAGES = "signon_new_outbox_messages"

# Messages queued by older versions may carry the host of their request: it is ignored,
# since links come from BASE_URL alone.
LEGACY_HOST_PARAM = "_base_url"


def bodies(template: str, context: dict[str, object]) -> tuple[str, str]:
    """The plain text and HTML bodies of `template` with `context`.

    An email to a signatory speaks the language they signed in ("language" in its context).
    """
    language = context.get("language")
    with force_locale(language) if isinstance(language, str) else nullcontext():
        context = {**context, **_bound_gettext(get_translations())}
        # Straight from the environment: Flask's render_template adds request, session, g
        # and config, which no email uses, and sends signals, at a cost on every email.
        env = current_app.jinja_env
        text = env.get_template(f"email/{template}.txt").render(context)
        return text, env.get_template(f"email/{template}.html").render(context)


# While a sender renders a batch: the parts of its emails that depend only on the letter and
# the language (the privacy notice's line, the signature), rendered once per batch.
_ONCE: ContextVar[dict[tuple, str] | None] = ContextVar("signon_rendered_once", default=None)


@contextmanager
def batch_rendering() -> Iterator[None]:
    """Within the block, `rendered_once` parts are rendered once per letter and language."""
    token = _ONCE.set({})
    try:
        yield
    finally:
        _ONCE.reset(token)


@pass_context
def rendered_once(context: Context, name: str) -> str:
    """`{{ rendered_once("email/_privacy.txt") }}`: as `{% include %}`, once per batch.

    Keyed by what such a part reads: the language, the letter, its link and the signature.
    """
    letter = context.get("letter")
    key = (
        name,
        context.get("language"),
        getattr(letter, "id", None),
        getattr(letter, "title", None),
        context.get("letter_url"),
        context.get("signature"),
    )
    cache = _ONCE.get()
    found = cache.get(key) if cache is not None else None
    if found is None:
        found = context.environment.get_template(name).render(context.get_all())
        if cache is not None:
            cache[key] = found
    return Markup(found) if context.eval_ctx.autoescape else found  # noqa: S704 - our template


def _bound_gettext(translations: NullTranslations) -> dict[str, object]:
    """`gettext` and `ngettext` for the templates, bound to one catalogue.

    Flask-Babel's own look the catalogue up again on every call (most of an email's
    rendering time); these behave as Jinja's "newstyle" ones: escaped when autoescaping,
    always formatted with their keyword arguments.
    """

    @pass_context
    def gettext(context: Context, string: str, **variables: object) -> str:
        found = translations.ugettext(string)
        # Our own catalogue's text, as Jinja's own gettext marks it; the values are escaped.
        return (Markup(found) if context.eval_ctx.autoescape else found) % variables  # noqa: S704

    @pass_context
    def ngettext(
        context: Context, singular: str, plural: str, num: int, **variables: object
    ) -> str:
        variables.setdefault("num", num)
        found = translations.ungettext(singular, plural, num)
        return (Markup(found) if context.eval_ctx.autoescape else found) % variables  # noqa: S704

    # `_` too: Jinja's own `_` looks `gettext` up in the context on every call.
    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


def unsubscribed(letter_id: int | None, recipient: str) -> bool:
    """Whether `recipient` asked for no optional emails about this letter."""
    if letter_id is None:
        return False
    found = sa.select(Unsubscribe.id).where(
        Unsubscribe.letter_id == letter_id, Unsubscribe.email == recipient.lower()
    )
    return db.session.scalar(found) is not None


def send_email(
    recipient: str,
    subject: str,
    template: str,
    *,
    letter_id: int | None = None,
    sign_on_id: int | None = None,
    reply_to: str | None = None,
    from_name: str | None = None,
    **context: object,
) -> OutboxMessage | None:
    """Queue `email/<template>.txt` and `.html`; the sender delivers it once the caller commits.

    `from_name` is the display name of From (a letter's sender). None when the email is
    optional and the recipient unsubscribed from its letter.
    """
    if mail_extension().template(template).optional and unsubscribed(letter_id, recipient):
        log.info("not queued: %s is optional and its recipient unsubscribed", template)
        return None
    body_text, body_html = bodies(template, context)
    message = OutboxMessage(
        recipient=recipient,
        subject=clean_text(subject)[:300],
        body_text=body_text,
        body_html=body_html,
        template=template,
        letter_id=letter_id,
        sign_on_id=sign_on_id,
        reply_to=reply_to or None,
        from_name=from_name or None,
    )
    db.session.add(message)
    _hand_over_after_commit(db.session, message)
    log.info("queued email %r (%s)", message.subject, template)
    return message


_NEW_LATER = OutboxMessage.__table__.insert().returning(OutboxMessage.__table__.c.id)


def send_email_later(
    recipient: str,
    subject: str,
    template: str,
    params: dict[str, object],
    *,
    letter_id: int | None = None,
    sign_on_id: int | None = None,
    not_before: datetime | None = None,
) -> int | None:
    """Queue `template` to be rendered by the sender from `params` (JSON values); its id.

    `not_before` holds the message back until then (imports pace their emails this way).
    """
    registered = mail_extension().template(template)
    if registered.context is None:
        raise ValueError(f"email template {template!r} has no context builder")
    if registered.optional and unsubscribed(letter_id, recipient):
        return None
    now = utcnow()
    values = {"recipient": recipient, "subject": clean_text(subject)[:300], "template": template}
    values |= {"params": params, "created_at": now, "next_attempt_at": not_before or now}
    values |= {"letter_id": letter_id, "sign_on_id": sign_on_id}
    message_id = db.session.execute(_NEW_LATER, values).scalar_one()
    _hand_over_after_commit(db.session, message_id)
    log.info("queued email %s %r (%s, rendered on sending)", message_id, subject, template)
    return message_id


def queued_by_statement(message_ids: list[int]) -> None:
    """Messages a caller's own SQL stored (a sign-on's one statement): handed over alike."""
    for message_id in message_ids:
        _hand_over_after_commit(db.session, message_id)
        log.info("queued email %s (rendered on sending)", message_id)


def email_subject(subject: str) -> str:
    """A subject as the outbox stores it: clean, and no longer than its column."""
    return clean_text(subject)[:300]


def render(message: OutboxMessage) -> None:
    """Fill in the bodies of a message queued with `send_email_later` (once: they are kept).

    Raises CannotRender or NoLongerNeeded from the template's context builder.
    """
    if message.body_text is not None and message.body_html is not None:
        return
    params = dict(message.params or {})
    # Emails queued by an older version kept the request's host: it is never used again.
    params.pop(LEGACY_HOST_PARAM, None)
    build = mail_extension().template(message.template).context
    context = build(**params)
    message.body_text, message.body_html = bodies(message.template, context)
    message.reply_to = context.get("reply_to") or None
    message.from_name = context.get("from_name") or None


def install(app: Flask) -> None:
    """Hand committed mail over from every session of `app` (listened once, not per session)."""
    app.jinja_env.globals["rendered_once"] = rendered_once
    sessions = db.sessions(app)
    sa.event.listen(sessions, "after_commit", _after_commit)
    sa.event.listen(sessions, "after_soft_rollback", _after_rollback)


def _hand_over_after_commit(session: Session, message: OutboxMessage | int) -> None:
    session.info.setdefault(NEW_MESSAGES, []).append(message)


def _after_rollback(session: Session, previous_transaction: object) -> None:
    if not session.in_transaction():
        session.info.pop(NEW_MESSAGES, None)


def _message_id(message: OutboxMessage | int) -> int | None:
    if isinstance(message, int):
        return message
    # The identity survives the commit's expiry, so no SQL is needed (none is allowed here).
    identity = sa.inspect(message).identity
    return identity[0] if identity else None


def _after_commit(session: Session) -> None:
    """The messages are stored: hand them over as the app was set up to (queue or wake-up)."""
    messages = session.info.pop(NEW_MESSAGES, [])
    if messages:
        mail_extension().hand_over([i for i in map(_message_id, messages) if i is not None])
