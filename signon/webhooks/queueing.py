"""Queueing events: one delivery row per subscribed endpoint, in the change's transaction.

Every event passes through the audit trail (`signon.audit.trail`), which tells its listeners
what it recorded; `on_recorded` is one of them (registered by the application factory). The
rows commit or roll back with the change, like the mail outbox, and a worker delivers them
after the commit (signon.webhooks.delivery), never the request.
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa

from signon.audit.trail import Recorded
from signon.letters.models import Letter, LetterStatus
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.extensions import db
from signon.webhooks import payloads
from signon.webhooks.models import WebhookDelivery, WebhookEndpoint

# The audit actions that are sign-on events, and the event each is.
SIGN_ON_ACTIONS = {
    "confirmed": "sign_on.confirmed",
    SignOnStatus.APPROVED.value: "sign_on.approved",
    SignOnStatus.REJECTED.value: "sign_on.rejected",
    "withdrawn": "sign_on.withdrawn",
    "contact_erased": "sign_on.erased",
}
# A sign-on that arrives vouched for (imported, or recorded by an API key) is an event of
# the status it arrives in: confirmed or approved; a pending one waits for its confirmation.
ARRIVALS = frozenset({"imported", "api.recorded"})
IMPORTED = {SignOnStatus.VERIFIED: "sign_on.confirmed", SignOnStatus.APPROVED: "sign_on.approved"}
LETTER_MOVES = {LetterStatus.OPEN: "letter.opened", LetterStatus.PUBLISHED: "letter.published"}


def new_event_id() -> str:
    """A `webhook-id`: unique, unguessable, the same on every attempt of one delivery."""
    return "msg_" + secrets.token_urlsafe(18)


def _event(entry: Recorded) -> str | None:
    if entry.action in SIGN_ON_ACTIONS:
        return SIGN_ON_ACTIONS[entry.action]
    if entry.action == "status":
        return LETTER_MOVES.get(str(entry.detail.get("after")))
    return None


def on_recorded(entries: Sequence[Recorded]) -> None:
    """Queue a delivery of each event among `entries` to each endpoint that wants it.

    Asks nothing of the database for an entry that is no event, and reads a letter's
    endpoints once per transaction (a bulk approval records one entry per sign-on).
    """
    for entry in entries:
        if entry.action in ARRIVALS or _event(entry) is not None:
            endpoints = letter_endpoints(entry.letter_id)
            if endpoints:
                _queue(entry, endpoints)


CACHE = "signon.webhooks.endpoints"


def letter_endpoints(letter_id: int) -> list[WebhookEndpoint]:
    """The letter's endpoints, read once per transaction."""
    transaction = db.session.get_transaction()
    held = db.session.info.get(CACHE)
    if transaction is None or held is None or held[0] is not transaction:
        held = (transaction, {})
        db.session.info[CACHE] = held
    cache: dict[int, list[WebhookEndpoint]] = held[1]
    if letter_id not in cache:
        cache[letter_id] = list(
            db.session.scalars(
                sa.select(WebhookEndpoint)
                .where(WebhookEndpoint.letter_id == letter_id)
                .order_by(WebhookEndpoint.id)
            )
        )
    return cache[letter_id]


def forget_endpoints() -> None:
    """Read the endpoints again (one was added or removed in this transaction)."""
    db.session.info.pop(CACHE, None)


def _queue(entry: Recorded, endpoints: list[WebhookEndpoint]) -> None:
    sign_on = db.session.get(SignOn, entry.sign_on_id) if entry.sign_on_id else None
    event = _event(entry)
    if entry.action in ARRIVALS:
        event = IMPORTED.get(SignOnStatus(sign_on.status)) if sign_on else None
    chosen = [e for e in endpoints if event in e.events]
    if event is None or not chosen:
        return
    if event == "sign_on.erased" and sign_on is not None:
        body = payloads.erased(sign_on)
    elif sign_on is not None:
        body = payloads.signature(event, sign_on)
    else:
        body = payloads.petition(event, db.session.get(Letter, entry.letter_id))
    for endpoint in chosen:
        enqueue(endpoint, event, body, sign_on_id=entry.sign_on_id)


def enqueue(
    endpoint: WebhookEndpoint, event: str, body: dict, sign_on_id: int | None = None
) -> WebhookDelivery:
    """Add one delivery to the queue (the caller commits; the worker sends it after)."""
    delivery = WebhookDelivery(
        endpoint_id=endpoint.id,
        event_type=event,
        event_id=new_event_id(),
        sign_on_id=sign_on_id,
        payload=body,
    )
    db.session.add(delivery)
    return delivery


def forget_contacts(letter: Letter, emails: set[str]) -> None:
    """Erasure reaches the deliveries too: every copy about an erased sign-on is scrubbed.

    Called by signon.privacy.erasure (its ALSO_ERASE list) after it erased the sign-ons:
    those of the letter erased by now have their queued and logged deliveries reduced to
    which sign-on and which letter. Running twice changes nothing.
    """
    erased_ids = (
        sa.select(SignOn.id)
        .where(SignOn.letter_id == letter.id, SignOn.anonymised_at.is_not(None))
        .scalar_subquery()
    )
    rows = db.session.scalars(
        sa.select(WebhookDelivery)
        .join(WebhookEndpoint)
        .where(WebhookEndpoint.letter_id == letter.id, WebhookDelivery.sign_on_id.in_(erased_ids))
    )
    for delivery in rows:
        clean = payloads.scrubbed_data(delivery.sign_on_id, letter)
        data = delivery.payload.get("data", {})
        if set(data) != set(clean) or data.get("identifiers") != clean["identifiers"]:
            clean["modified_date"] = data.get("modified_date", clean["modified_date"])
            delivery.payload = {**delivery.payload, "data": clean}
