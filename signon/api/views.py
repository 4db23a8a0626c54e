"""The API's answers: the petition, its signatures (read and record), the OpenAPI text."""

import hashlib
import json

import sqlalchemy as sa
from flask import jsonify, request
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from signon.api import keys, openapi, reading, resources, writing
from signon.api.auth import ApiError, with_key
from signon.api.models import ApiKey, IdempotentAnswer, KeyScope
from signon.letters.models import Letter
from signon.storage.extensions import db

# A signature is a few hundred bytes; anything much larger is not one.
MAX_BODY = 16 * 1024
JSON_TYPES = ("application/json", "application/hal+json")


def _hal(body: dict, status: int = 200) -> Response:
    """A HAL+JSON answer with an ETag; 304 when the client has this very one."""
    response = jsonify(body)
    response.status_code = status
    response.mimetype = resources.HAL
    if status == 200:
        response.add_etag()
        response.make_conditional(request)
    response.headers["Cache-Control"] = "private, no-cache"
    response.vary.add("Authorization")
    response.vary.add("OSDI-API-Token")
    return response


@with_key(KeyScope.READ)
def petition(letter: Letter, key: ApiKey) -> Response:
    """The letter as an osdi:petition."""
    count, modified = reading.petition_facts(letter)
    body = resources.petition(letter, count, modified)
    keys.record_use(key, "api.read", path=request.path)
    db.session.commit()
    return _hal(body)


@with_key(KeyScope.READ)
def signatures(letter: Letter, key: ApiKey) -> Response:
    """A page of the letter's sign-ons (osdi:signatures), filtered, in (modified, id) order."""
    query = resources.parse_query(request.args)
    page = reading.signatures(letter, query)
    body = resources.signatures_page(letter, query, page, request.args, key.contacts)
    keys.record_use(key, "api.read", path=request.path, query=request.query_string.decode()[:500])
    db.session.commit()
    return _hal(body)


@with_key(KeyScope.WRITE)
def record(letter: Letter, key: ApiKey) -> Response:
    """Record a signature (OSDI Record Signature Helper); Idempotency-Key makes retries safe."""
    key_id = key.id
    try:
        return _record(letter, key)
    except ApiError as exc:
        # Refused: nothing of it is kept, but the key's use is, with what was wrong.
        db.session.rollback()
        fields = [error["field"] for error in exc.errors]
        _audit(key_id, "api.write_refused", status=exc.code, fields=fields)
        raise


def _audit(key_id: int, action: str, **detail: object) -> None:
    keys.record_use(db.session.get(ApiKey, key_id), action, path=request.path, **detail)
    db.session.commit()


def _record(letter: Letter, key: ApiKey) -> Response:
    body = _json_body()
    idempotency = request.headers.get("Idempotency-Key", "").strip()
    if len(idempotency) > 255:
        raise ApiError(400, "An Idempotency-Key has at most 255 characters.", "Idempotency-Key")
    slot = hashlib.sha256(idempotency.encode()).hexdigest() if idempotency else None
    asked = writing.request_hash(body)
    if slot is not None:
        kept = _kept(key.id, slot)
        if kept is not None:
            return _again(kept, asked, key.id)
    # Reads end before the write transaction (SQLite's lock is held for the writes alone).
    key_id = key.id
    db.session.commit()
    try:
        with db.writing():
            key = db.session.get(ApiKey, key_id)
            done = writing.record_signature(letter, key, body)
            answer = _recorded(letter, done)
            status = 201 if done.new else 200
            if slot is not None:
                db.session.add(
                    IdempotentAnswer(
                        api_key_id=key.id,
                        key_hash=slot,
                        request_hash=asked,
                        status=status,
                        body=answer,
                    )
                )
            keys.record_use(key, "api.write", path=request.path, sign_on_id=done.sign_on_id)
    except IntegrityError:
        # The same Idempotency-Key raced this request and committed first: its answer.
        db.session.rollback()
        kept = _kept(key_id, slot) if slot else None
        if kept is None:
            raise ApiError(409, "This request met another one; send it again.") from None
        return _again(kept, asked, key_id)
    return _hal(answer, status)


def _json_body() -> dict:
    """The request's JSON object: 415 if not JSON, 413 if too big, 400 if unreadable."""
    if request.mimetype not in JSON_TYPES:
        raise ApiError(415, "Send the body as application/json.")
    if (request.content_length or 0) > MAX_BODY:
        raise ApiError(413, f"The body may have at most {MAX_BODY} bytes.")
    raw = request.get_data()
    if len(raw) > MAX_BODY:
        raise ApiError(413, f"The body may have at most {MAX_BODY} bytes.")
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "The body is not JSON.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "Send a JSON object.")
    return body


def _kept(key_id: int, slot: str) -> IdempotentAnswer | None:
    return db.session.scalar(
        sa.select(IdempotentAnswer).where(
            IdempotentAnswer.api_key_id == key_id, IdempotentAnswer.key_hash == slot
        )
    )


def _again(kept: IdempotentAnswer, asked: str, key_id: int) -> Response:
    """The answer kept for this Idempotency-Key (audited as a replay), if the body is the same."""
    if kept.request_hash != asked:
        raise ApiError(422, "This key was used with another body.", "Idempotency-Key")
    body, status = kept.body, kept.status
    _audit(key_id, "api.write", replayed=True, identifiers=body.get("identifiers"))
    response = _hal(body, status)
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _recorded(letter: Letter, done: writing.Recorded) -> dict:
    """The sign-on as the API shows it to the key that recorded it (contacts included)."""
    page = reading.signatures_by_id(letter, done.sign_on_id)
    return resources.signature(letter, page, contacts=True)


def openapi_description() -> Response:
    """The OpenAPI 3.1 description of this API."""
    return jsonify(openapi.description())
