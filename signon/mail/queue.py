"""Mail through a real queue (RQ on Redis) when `REDIS_URL` is set.

After a transaction that queued emails commits, one job for its messages goes to Redis; a
worker runs it at once, over one SMTP connection. The outbox table stays the source of truth:
a job only calls the same claim-and-send code as the sweep, so a job lost with Redis (or
never enqueued) is still sent by the next sweep, and a job for messages already sent or held
by another sender does nothing for them.
"""

import logging
import threading
from functools import cache

from flask import current_app
from redis import Redis, RedisError
from rq import Queue, SimpleWorker

from signon.mail import sender
from signon.mail.registry import mail_extension

log = logging.getLogger(__name__)


@cache
def connection(url: str) -> Redis:
    """One Redis client (and pool) per URL per process; short timeouts, so Redis down is cheap."""
    return Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2)


def mail_queue() -> Queue:
    """The RQ queue that carries mail jobs."""
    cfg = current_app.config
    return Queue(cfg["MAIL_QUEUE_NAME"], connection=connection(cfg["REDIS_URL"]))


def enqueue(message_ids: list[int]) -> None:
    """One delivery job for a commit's messages; a Redis failure is logged, the sweep sends them."""
    try:
        mail_queue().enqueue(deliver_batch_job, message_ids, result_ttl=0, failure_ttl=86400)
    except RedisError as exc:
        log.warning("could not enqueue emails %s (the sweep will send them): %s", message_ids, exc)


def deliver_batch_job(message_ids: list[int]) -> int:
    """The RQ job: send these outbox messages unless sent or held by another sender."""
    with current_app.app_context():  # a fresh session per job, closed when it ends
        return sender.send_these(message_ids).sent


def deliver_job(message_id: int) -> int:
    """The job of earlier versions (one message), still run for jobs queued before an upgrade."""
    return deliver_batch_job([message_id])


def run_worker(burst: bool = False) -> None:
    """An RQ worker in this process (inside the app context) plus the outbox sweep thread."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    stop = threading.Event()
    sweep = threading.Thread(target=sender.run_worker, args=(app, stop), daemon=True)
    if not burst:
        sweep.start()
    # SimpleWorker runs jobs in this process: no fork, so the database pool stays sound.
    worker = SimpleWorker([mail_queue()], connection=mail_queue().connection)
    try:
        worker.work(burst=burst, logging_level="WARNING")
    finally:
        stop.set()
        mail_extension(app).wake()
    if burst:
        sender.send_pending()
