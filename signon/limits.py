"""Abuse limits: rate limits on the public POSTs (per IP and per email) and the honeypot.

Limits are attached by endpoint after the blueprints are registered, so a feature's view
needs no import from here. `limit_post()` is the same thing as a decorator, for a view that
prefers to carry its own limit.
"""

import logging
from collections.abc import Callable

from flask import Flask, current_app, request
from flask_limiter.util import get_remote_address

from signon.domain.names import clean_text
from signon.extensions import limiter

log = logging.getLogger(__name__)

# (endpoint or URL rule, setting with the per-IP limit, setting with the per-email limit).
LIMITED_POSTS = (
    ("signing.sign", "SIGN_ON_LIMIT_PER_IP", "SIGN_ON_LIMIT_PER_EMAIL"),
    ("/organise/sign-in", "SIGN_IN_LIMIT_PER_IP", "SIGN_IN_LIMIT_PER_EMAIL"),
)
# Form fields that carry the address a limit per email counts against, first found wins.
EMAIL_FIELDS = ("contact_email", "email")
HONEYPOT_FIELD = "fax"
# Views wrapped once per process: the limiter is one instance, and each wrapping adds limits.
_wrapped: dict[tuple[Callable, str, str], Callable] = {}


def posted_email() -> str:
    """The email address in the posted form, normalised, or "" when there is none."""
    for name in EMAIL_FIELDS:
        value = clean_text(request.form.get(name, "")).lower()
        if value:
            return value[:254]
    return ""


def _email_key() -> str:
    return "email:" + posted_email()


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def limit_post(per_ip_setting: str, per_email_setting: str) -> Callable:
    """Decorator: limit a view's POSTs per client IP and per posted email address."""

    def decorate(view: Callable) -> Callable:
        view = limiter.limit(
            _setting(per_email_setting),
            key_func=_email_key,
            methods=["POST"],
            exempt_when=lambda: not posted_email(),
            scope="email",
        )(view)
        return limiter.limit(
            _setting(per_ip_setting), key_func=get_remote_address, methods=["POST"], scope="ip"
        )(view)

    return decorate


def _endpoint(app: Flask, name: str) -> str | None:
    """An endpoint given by name or by URL rule, if this application has it."""
    if name in app.view_functions:
        return name
    return next((rule.endpoint for rule in app.url_map.iter_rules() if rule.rule == name), None)


def install(app: Flask) -> None:
    """Attach the limits of `LIMITED_POSTS` to the endpoints that exist in `app`."""
    for name, per_ip, per_email in LIMITED_POSTS:
        endpoint = _endpoint(app, name)
        if endpoint is None:
            continue
        key = (app.view_functions[endpoint], per_ip, per_email)
        if key not in _wrapped:
            _wrapped[key] = limit_post(per_ip, per_email)(key[0])
        app.view_functions[endpoint] = _wrapped[key]


def honeypot_filled(form: object) -> bool:
    """True when the field people never see was filled in: a bot, to be answered as usual."""
    field = getattr(form, HONEYPOT_FIELD, None)
    if field is None or not field.data:
        return False
    log.info("honeypot filled on %s from %s: nothing stored", request.path, request.remote_addr)
    return True
