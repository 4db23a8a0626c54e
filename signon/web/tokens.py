"""Signed, time-limited tokens for links in emails, one salt per purpose."""

import hashlib
import hmac
from enum import StrEnum

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer


class Purpose(StrEnum):
    """What a token may be used for; a token made for one purpose fails for every other."""

    CONFIRM_SIGN_ON = "confirm-sign-on"
    ORGANISER_SIGN_IN = "organiser-sign-in"
    MANAGE_SIGN_ON = "manage-sign-on"
    # Bound to the address: stop a letter's optional emails to it (List-Unsubscribe).
    UNSUBSCRIBE = "unsubscribe"
    # Bound to the letter: an invitation's link to its prefilled form (it works once).
    INVITATION = "invitation"


class TokenError(Exception):
    """The token cannot be used: `reason` is "expired" or "invalid"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _serializer(purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"signon.{purpose}")


def make_token(purpose: Purpose, record_id: int) -> str:
    """A token naming one record, for one purpose."""
    return _serializer(purpose).dumps({"id": record_id})


def read_token(purpose: Purpose, token: str, max_age: int) -> int:
    """The record id inside a valid token; raises TokenError otherwise."""
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise TokenError("expired") from exc
    except BadSignature as exc:
        raise TokenError("invalid") from exc
    record_id = payload.get("id") if isinstance(payload, dict) else None
    if not isinstance(record_id, int):
        raise TokenError("invalid")
    return record_id


def make_bound_token(purpose: Purpose, record_id: int, bound: str) -> str:
    """A token naming one record and a value it is bound to (it fails once that value changes)."""
    return _serializer(purpose).dumps({"id": record_id, "bound": bound})


def read_bound_token(purpose: Purpose, token: str, max_age: int) -> tuple[int, str]:
    """The record id and bound value inside a valid token; raises TokenError otherwise."""
    record_id = read_token(purpose, token, max_age)
    payload = _serializer(purpose).loads(token)
    bound = payload.get("bound")
    if not isinstance(bound, str):
        raise TokenError("invalid")
    return record_id, bound


def keyed_digest(value: str) -> str:
    """HMAC-SHA256 of `value` under SECRET_KEY, in hex: a stored key that names no address
    and that nobody without the secret can test guesses against."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()
