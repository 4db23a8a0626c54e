"""Abuse limits: rate limits on the public POSTs (per IP and per email) and the honeypot.

A view carries its own limit: `@limit_post(per_ip_setting, per_email_setting)` under its
route. Counts live in `RATELIMIT_STORAGE_URI` (Redis when `REDIS_URL` is set), which every
worker shares; gunicorn.conf.py refuses several workers that would each count alone.
"""

import logging
from collections.abc import Callable

from flask import current_app, g, request
from flask_limiter.util import get_remote_address

from signon.domain.addresses import same_mailbox
from signon.storage.extensions import limiter
from signon.web.tokens import keyed_digest

log = logging.getLogger(__name__)

# Form fields that carry the address a limit per email counts against, first found wins.
EMAIL_FIELDS = ("contact_email", "email")
HONEYPOT_FIELD = "fax"
# Set on `g` by a request that had to build its answer (the public cache missed).
BUILT = "signon_built_answer"


def posted_email() -> str:
    """The email address in the posted form, normalised, or "" when there is none."""
    for name in EMAIL_FIELDS:
        value = same_mailbox(request.form.get(name, ""))
        if value:
            return value
    return ""


def address_key(email: str) -> str:
    """The limit's key for an address: keyed-hashed, so the counts' store holds no address."""
    return "email:" + keyed_digest(same_mailbox(email))[:32]


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def limit_post(
    per_ip_setting: str, per_email_setting: str, email_of: Callable[[], str] = posted_email
) -> Callable:
    """Decorator: limit a view's POSTs per client IP and per email address.

    The address is the posted form's, or what `email_of()` says: a form without an email
    field (send the confirmation again) names the address of the sign-on it acts on.
    """

    def address() -> str:
        return same_mailbox(email_of())

    def decorate(view: Callable) -> Callable:
        view = limiter.limit(
            _setting(per_email_setting),
            key_func=lambda: address_key(address()),
            methods=["POST"],
            exempt_when=lambda: not address(),
            scope="email",
        )(view)
        return limiter.limit(
            _setting(per_ip_setting), key_func=get_remote_address, methods=["POST"], scope="ip"
        )(view)

    return decorate


def note_built() -> None:
    """Count this request against `limit_builds`: its answer had to be built, not read."""
    setattr(g, BUILT, True)


def limit_builds(setting: str) -> Callable:
    """Decorator: limit per client IP the requests of a view whose answer had to be built.

    Answers from the cache count nothing; a client that makes the service build too many
    (a new search index, another set of download options) gets a 429 for a while.
    """
    return limiter.limit(
        _setting(setting),
        key_func=get_remote_address,
        scope="build",
        deduct_when=lambda response: bool(g.get(BUILT)),
    )


def honeypot_filled(form: object) -> bool:
    """True when the field people never see was filled in: a bot, to be answered as usual."""
    field = getattr(form, HONEYPOT_FIELD, None)
    if field is None or not field.data:
        return False
    log.info("honeypot filled on %s from %s: nothing stored", request.path, request.remote_addr)
    return True
