"""The worker's side: claim the due deliveries, sign and send each, retry with backoff.

Rows are claimed with a short lease in one conditional UPDATE, so several workers never send
one together, and committed before anything is sent. A sign-on's events go to an endpoint in
the order they were queued: a delivery waits while an earlier one of the same sign-on to the
same endpoint is still pending (a failing one holds the later ones until it goes or gives up).
Within one sign-on the queue's order is the commit order: every status change waits for the
previous one's row lock (signon.signing.transitions), so its delivery row is written later.
"""

import json
import logging
import threading
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy import orm

from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.webhooks import notices
from signon.webhooks.addresses import Refused, Target, resolve
from signon.webhooks.http import Answer, Connections, sign
from signon.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

log = logging.getLogger(__name__)

# Waits after each failed attempt: 30 s, 2 min, 10 min, 1 h, 3 h, 6 h, 12 h, 12 h (34 hours in
# all), then the delivery is given up. An endpoint failing for a day is paused before that.
SCHEDULE = tuple(
    timedelta(seconds=s) for s in (30, 120, 600, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 12 * 3600)
)
PAUSE_AFTER = timedelta(hours=24)
LEASE = timedelta(seconds=60)


@dataclass
class Report:
    """What one pass did."""

    delivered: int = 0
    failed: int = 0


def allow_private() -> bool:
    """Loopback and private addresses: only in debug mode or for the tests' own receiver."""
    app = current_app
    return bool(app.debug or app.config["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"])


def _claim(limit: int) -> list[int]:
    now = utcnow()
    d, earlier = WebhookDelivery, orm.aliased(WebhookDelivery)
    held_back = (
        sa.select(earlier.id)
        .where(
            earlier.endpoint_id == d.endpoint_id,
            earlier.sign_on_id == d.sign_on_id,
            earlier.status == DeliveryStatus.PENDING,
            earlier.id < d.id,
        )
        .exists()
    )
    due = (
        sa.select(d.id)
        .join(WebhookEndpoint, WebhookEndpoint.id == d.endpoint_id)
        .where(
            d.status == DeliveryStatus.PENDING,
            d.next_attempt_at <= now,
            sa.or_(d.locked_until.is_(None), d.locked_until < now),
            WebhookEndpoint.paused_at.is_(None),
            sa.or_(d.sign_on_id.is_(None), ~held_back),
        )
        .order_by(d.id)
        .limit(limit)
    )
    ids = list(db.session.scalars(due))
    if not ids:
        return []
    claimed = db.session.scalars(
        sa.update(d)
        .where(d.id.in_(ids), sa.or_(d.locked_until.is_(None), d.locked_until < now))
        .values(locked_until=now + LEASE)
        .returning(d.id)
        .execution_options(synchronize_session=False)
    ).all()
    db.session.commit()
    return sorted(claimed)


def send_all_due() -> Report:
    """Send batches until nothing is due (a sign-on's next event becomes due once its
    previous one went); what `flask webhooks send --once` does."""
    total = Report()
    while True:
        report = send_due()
        if not (report.delivered or report.failed):
            return total
        total.delivered += report.delivered
        total.failed += report.failed


def send_due(limit: int = 0) -> Report:
    """Send one batch of due deliveries (up to `limit`, WEBHOOK_BATCH_SIZE when 0).

    The results are committed together at the end of the batch: a worker killed in the
    middle sends its batch's deliveries again (at least once; receivers dedupe by
    `webhook-id`). Each endpoint's host is resolved and checked once per batch, and its
    connection kept open across the batch.
    """
    limit = limit or current_app.config["WEBHOOK_BATCH_SIZE"]
    report = Report()
    claimed = _claim(limit)
    if not claimed:
        return report
    rows = db.session.scalars(
        sa.select(WebhookDelivery)
        .options(orm.joinedload(WebhookDelivery.endpoint))
        .where(WebhookDelivery.id.in_(claimed))
        .order_by(WebhookDelivery.id)
    ).all()
    cfg = current_app.config
    connections = Connections(cfg["WEBHOOK_TIMEOUT_SECONDS"], cfg["WEBHOOK_TLS_CA_FILE"])
    targets: dict[int, Target | Refused] = {}
    try:
        for delivery in rows:
            if delivery.status != DeliveryStatus.PENDING:
                continue
            answer = attempt(delivery, connections, targets)
            if answer.ok:
                report.delivered += 1
            else:
                report.failed += 1
        db.session.commit()
    finally:
        connections.close()
    log.info("webhook batch: %s delivered, %s failed", report.delivered, report.failed)
    return report


def _target(endpoint: WebhookEndpoint, targets: dict[int, "Target | Refused"]) -> "Target":
    if endpoint.id not in targets:
        try:
            targets[endpoint.id] = resolve(endpoint.url, allow_private=allow_private())
        except Refused as exc:
            targets[endpoint.id] = exc
    found = targets[endpoint.id]
    if isinstance(found, Refused):
        raise found
    return found


def attempt(
    delivery: WebhookDelivery,
    connections: Connections,
    targets: dict[int, Target | Refused] | None = None,
) -> Answer:
    """Sign and send one delivery now and record what came of it (the caller commits)."""
    endpoint = delivery.endpoint
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    now = utcnow()
    stamp = int(now.timestamp())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Signon-Webhooks/1",
        "webhook-id": delivery.event_id,
        "webhook-timestamp": str(stamp),
        "webhook-signature": sign(endpoint.secret, delivery.event_id, stamp, body),
    }
    try:
        target = _target(endpoint, {} if targets is None else targets)
    except Refused as exc:
        answer = Answer(None, str(exc))
    else:
        answer = connections.post(target, body, headers)
    _record(delivery, endpoint, answer)
    return answer


def _record(delivery: WebhookDelivery, endpoint: WebhookEndpoint, answer: Answer) -> None:
    now = utcnow()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = answer.status
    delivery.locked_until = None
    if answer.ok:
        delivery.status, delivery.delivered_at, delivery.last_error = (
            DeliveryStatus.DELIVERED,
            now,
            "",
        )
        endpoint.failing_since = None
        return
    reason = answer.error or f"HTTP {answer.status}"
    delivery.last_error = reason[:300]
    if delivery.attempts > len(SCHEDULE):
        delivery.status = DeliveryStatus.FAILED
    else:
        delivery.next_attempt_at = now + SCHEDULE[delivery.attempts - 1]
    log.warning("webhook %s to endpoint %s failed: %s", delivery.id, endpoint.id, reason[:80])
    if endpoint.failing_since is None:
        endpoint.failing_since = now
    elif endpoint.paused_at is None and now - endpoint.failing_since >= PAUSE_AFTER:
        endpoint.paused_at = now
        notices.tell_owners_paused(endpoint)
        log.warning("webhook endpoint %s paused after a day of failures", endpoint.id)


def run_worker(app: Flask, stop: threading.Event) -> None:
    """Deliver until `stop` is set, polling every WEBHOOK_POLL_SECONDS when idle."""
    while not stop.is_set():
        report = Report()
        try:
            with app.app_context():
                report = send_due()
        except Exception:
            # The database away, a bug in one row: logged, and the next pass tries again.
            log.exception("webhook worker pass failed; retrying")
        if not (report.delivered or report.failed):
            stop.wait(app.config["WEBHOOK_POLL_SECONDS"])
