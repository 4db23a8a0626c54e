"""A letter's endpoints: made, removed, resumed, tested and resent by its owners."""

import logging

import sqlalchemy as sa
from flask_babel import gettext

from signon.audit import trail as audit
from signon.core.errors import NotFound, SignonError
from signon.letters.models import Letter
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.webhooks import payloads
from signon.webhooks.addresses import Refused, resolve
from signon.webhooks.delivery import allow_private
from signon.webhooks.http import new_secret
from signon.webhooks.models import (
    EVENTS,
    TEST_EVENT,
    DeliveryStatus,
    WebhookDelivery,
    WebhookEndpoint,
)
from signon.webhooks.queueing import enqueue, forget_endpoints

log = logging.getLogger(__name__)
LOG_LENGTH = 50


def endpoints(letter: Letter) -> list[WebhookEndpoint]:
    """The letter's endpoints, oldest first."""
    return list(
        db.session.scalars(
            sa.select(WebhookEndpoint)
            .where(WebhookEndpoint.letter_id == letter.id)
            .order_by(WebhookEndpoint.id)
        )
    )


def recent(endpoint: WebhookEndpoint, count: int = LOG_LENGTH) -> list[WebhookDelivery]:
    """The endpoint's newest deliveries, newest first: its delivery log."""
    return list(
        db.session.scalars(
            sa.select(WebhookDelivery)
            .where(WebhookDelivery.endpoint_id == endpoint.id)
            .order_by(WebhookDelivery.id.desc())
            .limit(count)
        )
    )


def endpoint_of(letter: Letter, endpoint_id: int) -> WebhookEndpoint:
    """One of the letter's endpoints; NotFound for any other id."""
    endpoint = db.session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or endpoint.letter_id != letter.id:
        raise NotFound("no such webhook")
    return endpoint


def check(url: str) -> str:
    """The URL, stripped, if webhooks may go there; SignonError saying why not."""
    try:
        resolve(url, allow_private=allow_private())
    except Refused as exc:
        raise SignonError(str(exc)) from None
    return url.strip()


def add(letter: Letter, url: str, events: list[str], actor: str) -> tuple[WebhookEndpoint, str]:
    """Make an endpoint (flushed; the caller commits); it and its secret, to show once."""
    chosen = [e for e in EVENTS if e in events]
    if not chosen or len(chosen) != len(set(events)):
        raise SignonError(gettext("Choose at least one of the events offered."))
    if len(url) > 2000:
        raise SignonError(gettext("The address is too long (2,000 characters at most)."))
    secret = new_secret()
    endpoint = WebhookEndpoint(
        letter_id=letter.id, url=check(url), events=chosen, secret=secret, created_by=actor
    )
    db.session.add(endpoint)
    db.session.flush()
    forget_endpoints()
    # The secret is neither audited nor logged: it is shown once, to whoever made it.
    audit.record(letter.id, actor, "webhook_added", url=endpoint.url, events=chosen)
    log.info("webhook endpoint %s added to %s by %s", endpoint.id, letter.slug, audit.who(actor))
    return endpoint, secret


def remove(letter: Letter, endpoint: WebhookEndpoint, actor: str) -> None:
    """Delete the endpoint and its queue and log (the caller commits)."""
    audit.record(letter.id, actor, "webhook_removed", url=endpoint.url)
    db.session.delete(endpoint)
    db.session.flush()
    forget_endpoints()
    log.info("webhook endpoint %s removed from %s", endpoint.id, letter.slug)


def resume(endpoint: WebhookEndpoint) -> None:
    """Send to a paused endpoint again, its waiting deliveries first."""
    endpoint.paused_at = None
    endpoint.failing_since = None
    db.session.flush()


def send_test(letter: Letter, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Queue a test event for the endpoint (the worker sends it after the commit)."""
    delivery = enqueue(endpoint, TEST_EVENT, payloads.trial(letter))
    db.session.flush()
    return delivery


def resend(endpoint: WebhookEndpoint, delivery_id: int) -> WebhookDelivery:
    """Queue a delivery again, now, under the same `webhook-id` (receivers dedupe by it)."""
    delivery = db.session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.endpoint_id != endpoint.id:
        raise NotFound("no such delivery")
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = utcnow()
    delivery.locked_until = None
    delivery.delivered_at = None
    db.session.flush()
    return delivery
