"""Who is asking: the key in `Authorization: Bearer` or OSDI's `OSDI-API-Token`, and JSON errors.

Missing or unknown (or revoked) key: 401. A key of another letter, or without the scope: 403.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from flask import current_app, g, jsonify, request
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from signon.api import keys
from signon.api.models import ApiKey, KeyScope
from signon.core.errors import NotFound
from signon.letters.models import Letter
from signon.letters.services import get_letter
from signon.storage.extensions import db

KEY = "signon_api_key"


class ApiError(HTTPException):
    """An answer in JSON: {"errors": [{"field": ..., "message": ...}]}."""

    def __init__(self, code: int, message: str, field: str | None = None, **headers: str) -> None:
        super().__init__(message)
        self.code = code
        self.errors = [{"field": field, "message": message}]
        self.extra_headers = headers

    @classmethod
    def many(cls, code: int, errors: list[dict]) -> "ApiError":
        """One answer with several errors (a form's)."""
        error = cls(code, errors[0]["message"] if errors else "")
        error.errors = errors
        return error


def error_answer(code: int, errors: list[dict], headers: dict | None = None) -> Response:
    """The JSON answer of an error."""
    response = jsonify({"errors": errors})
    response.status_code = code
    response.headers.update(headers or {})
    return response


def handle(error: HTTPException) -> Response:
    """Any HTTP error of an API route, as JSON (a 429 from the limits, a 405, a 413...)."""
    if isinstance(error, ApiError):
        return error_answer(error.code, error.errors, error.extra_headers)
    return error_answer(error.code or 500, [{"field": None, "message": error.name}])


def sent_secret() -> str:
    """The key as the request carries it, or ""."""
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("OSDI-API-Token", "").strip()


def limit_key() -> str:
    """What the rate limit counts against: the key sent (hashed), else the client's address."""
    secret = sent_secret()
    if secret:
        return "api:" + hashlib.sha256(secret.encode()).hexdigest()[:32]
    return "api-ip:" + get_remote_address()


def limit_setting() -> str:
    """The API's limit per key (Flask-Limiter syntax)."""
    return current_app.config["API_LIMIT_PER_KEY"]


def current_key() -> ApiKey:
    """The key this request was let in with."""
    return g.get(KEY)


def with_key(scope: str = KeyScope.READ) -> Callable:
    """Decorator: the view runs with a live key of the letter `slug` that has `scope`."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def checked(slug: str, **values: object) -> object:
            secret = sent_secret()
            if not secret:
                raise ApiError(401, "Send your API key: Authorization: Bearer KEY.", **_challenge())
            row = keys.find_key(secret)
            if row is None:
                raise ApiError(401, "This API key is not valid, or was revoked.", **_challenge())
            letter = _letter(slug)
            if letter is None or letter.id != row.letter_id:
                raise ApiError(403, "This API key is for another letter.")
            if scope == KeyScope.WRITE and not row.may_write:
                keys.record_use(row, "api.refused", path=request.path, method=request.method)
                db.session.commit()
                raise ApiError(403, "This API key may only read: ask for a write key.")
            g.setdefault(KEY, row)
            return view(letter, row, **values)

        return checked

    return decorate


def _letter(slug: str) -> Letter | None:
    try:
        return get_letter(slug)
    except NotFound:
        return None


def _challenge() -> dict[str, str]:
    return {"WWW-Authenticate": 'Bearer realm="signon"'}
