"""Recording a signature from the API: OSDI's Record Signature Helper, read as the form reads.

The body becomes the sign-on form's fields and the form itself validates them (the same
rules, messages and cleaning as a person signing); the sign-on is created the one way there
is (`create_sign_ons`), pending with its confirmation email, or approved when a write key
vouches for it (`"status": "approved"`, as an import does).
"""

import hashlib
import json
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from signon.api.auth import ApiError
from signon.api.models import ApiKey
from signon.core.errors import WrongState
from signon.letters.facts import current_facts
from signon.letters.models import Letter
from signon.letters.translating import translated_title
from signon.signing.creating import Batch, NewSignOn, SignOnInput, create_sign_ons
from signon.signing.forms import sign_on_form, sign_on_input
from signon.signing.models import SignerKind, SignOnStatus
from signon.storage.database import utcnow
from signon.web.i18n import LANGUAGES

ACTION = "api.recorded"
# Where each of the form's fields is in the body, for the errors' `field`.
PLACES = {
    "signing_as": "signing_as",
    "organisation": "organization.name",
    "acronym": "organization.acronym",
    "country": "organization.country",
    "website": "organization.website",
    "contact_name": "person.name",
    "contact_email": "person.email_addresses",
    "role": "person.job_title",
}
VOUCHED = {"approved": SignOnStatus.APPROVED, "pending": SignOnStatus.PENDING}


@dataclass(frozen=True)
class Recorded:
    """What the request became: the sign-on, and whether it is new."""

    sign_on_id: int
    new: bool
    status: str


def request_hash(body: dict) -> str:
    """The body, canonical and hashed: a retry must send the same."""
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _text(part: dict, name: str, place: str) -> str:
    value = part.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ApiError(400, "Give text here.", field=place)
    return value


def _part(body: dict, name: str) -> dict:
    part = body.get(name) or {}
    if not isinstance(part, dict):
        raise ApiError(400, "Give an object here.", field=name)
    return part


def form_fields(body: object) -> MultiDict:
    """The form's fields from an OSDI body; 400 for a value of the wrong type."""
    if not isinstance(body, dict):
        raise ApiError(400, "Send a JSON object.", field=None)
    person, organization = _part(body, "person"), _part(body, "organization")
    name = _text(person, "name", "person.name") or " ".join(
        part
        for part in (
            _text(person, "given_name", "person.given_name"),
            _text(person, "family_name", "person.family_name"),
        )
        if part
    )
    addresses = person.get("email_addresses") or []
    if not isinstance(addresses, list) or not all(isinstance(a, dict) for a in addresses):
        raise ApiError(
            400, 'Give a list like [{"address": "..."}].', field="person.email_addresses"
        )
    email = _text(addresses[0], "address", "person.email_addresses") if addresses else ""
    website = _text(organization, "website", "organization.website") or _text(
        organization, "site_url", "organization.site_url"
    )
    fields = {
        "organisation": _text(organization, "name", "organization.name"),
        "acronym": _text(organization, "acronym", "organization.acronym"),
        "country": _text(organization, "country", "organization.country"),
        "website": website,
        "contact_name": name,
        "contact_email": email,
        "role": _text(person, "job_title", "person.job_title"),
        "signing_as": _text(body, "signing_as", "signing_as") or SignerKind.ORGANISATION,
        # The key's holder collected the consent the form asks for.
        "consent": "y",
    }
    return MultiDict(fields)


def checked_input(letter: Letter, body: dict) -> SignOnInput:
    """The sign-on the body gives, validated by the sign-on form; 422 with its errors."""
    fields = form_fields(body)
    form = sign_on_form(letter, fields, csrf=False)
    if "signing_as" not in form and fields["signing_as"] != SignerKind.ORGANISATION:
        # The form has no such choice on this letter: say so rather than sign otherwise.
        raise ApiError(422, "This letter takes signatures of organisations only.", "signing_as")
    if not form.validate():
        errors = [
            {"field": PLACES.get(name, name), "message": str(message)}
            for name, messages in form.errors.items()
            for message in messages
        ]
        raise ApiError.many(422, errors)
    return sign_on_input(form)


def wanted_status(body: dict) -> str:
    """Pending (the contact confirms by email) unless the key vouches: "approved"."""
    value = body.get("status", "pending")
    if value not in VOUCHED:
        raise ApiError(400, "Choose one of: pending, approved.", field="status")
    return VOUCHED[value]


def language_of(letter: Letter, body: dict) -> str:
    """The sign-on's language (its emails speak it): the body's, else the letter's."""
    value = body.get("language") or letter.language or "en"
    if value not in LANGUAGES:
        raise ApiError(400, f"Choose one of: {', '.join(LANGUAGES)}.", field="language")
    return value


def record_signature(letter: Letter, key: ApiKey, body: dict) -> Recorded:
    """Create the sign-on the body asks for, in the caller's `db.writing()` transaction."""
    data = checked_input(letter, body)
    status = wanted_status(body)
    language = language_of(letter, body)
    comments = body.get("comments", "")
    if not isinstance(comments, str):
        raise ApiError(400, "Give text here.", field="comments")
    fresh = current_facts(letter.id)
    individual = data.signing_as == SignerKind.INDIVIDUAL
    if fresh is None or (individual and not fresh.accept_individuals):
        raise ApiError(409, "This letter does not take such signatures.", field="signing_as")
    if status == SignOnStatus.PENDING and not fresh.takes_sign_ons:
        raise ApiError(409, "This letter is not open for signatures.")
    title = fresh.title
    if language != fresh.language:
        title = translated_title(fresh.id, language, title)
    now = utcnow()
    batch = Batch(
        fresh.id,
        fresh.version,
        title,
        language,
        status=status,
        columns=lambda: {
            "confirmed_at": now if status == SignOnStatus.APPROVED else None,
            "decided_at": now if status == SignOnStatus.APPROVED else None,
        },
        audit=(f"api key {key.id} ({key.name})", ACTION),
    )
    source = {"api_key": key.id, "status": str(status)}
    if comments:
        source["comments"] = comments[:2000]
    try:
        (done,) = create_sign_ons(batch, [NewSignOn(data, source=source)])
    except WrongState as exc:
        raise ApiError(409, str(exc)) from exc
    if done.sign_on_id is None:
        raise ApiError(409, "This entry exists already; give a contact email to add to it.")
    return Recorded(done.sign_on_id, done.new, status if done.new else "")
