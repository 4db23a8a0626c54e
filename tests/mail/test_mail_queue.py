"""Mail through RQ on Redis: a job per email after commit, the outbox still the source of truth."""

import uuid

import pytest
import sqlalchemy as sa

from signon import create_app
from signon.mail import queue
from signon.mail.models import OutboxMessage
from signon.mail.outbox import send_email
from signon.storage.extensions import db
from tests import support
from tests.support import VALID_SIGN_ON, app_config, csrf_token, free_port, requires

REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_url() -> str:
    """The machine's Redis, on a database number of the tests' own."""
    from redis import Redis, RedisError

    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except RedisError as exc:
        requires(False, f"Redis is not reachable at {REDIS_URL}: {exc}")
    return REDIS_URL


@pytest.fixture
def queued_app(database_url, inbox, redis_url):
    """An app that hands its mail to RQ, on a queue of this test's own."""
    app = create_app(
        app_config(database_url, inbox.port, REDIS_URL=redis_url, MAIL_QUEUE_NAME=uuid.uuid4().hex)
    )
    yield app
    with app.app_context():
        queue.mail_queue().delete(delete_jobs=True)
        db.engine.dispose()


@pytest.fixture
def queued_sign(queued_app):
    client = queued_app.test_client()

    def post(**fields: str):
        page = client.get("/letters/climate")
        data = {**VALID_SIGN_ON, **fields, "csrf_token": csrf_token(page.text)}
        return client.post("/letters/climate", data=data)

    with queued_app.app_context():
        support.create_letter("climate", "Climate", "Dear all", open_now=True)
    return post


def statuses(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(OutboxMessage.status).order_by(OutboxMessage.id)))


def test_a_sign_on_enqueues_one_job_that_the_worker_delivers(queued_app, queued_sign, inbox):
    assert queued_sign().status_code == 303
    with queued_app.app_context():
        assert queue.mail_queue().count == 1
    result = queued_app.test_cli_runner().invoke(args=["mail", "worker", "--burst"])
    assert result.exit_code == 0, result.output
    assert "RQ" in result.output
    assert len(inbox.messages) == 1
    assert statuses(queued_app) == ["sent"]


def test_a_job_lost_with_redis_is_sent_by_the_sweep(queued_app, queued_sign, inbox):
    queued_sign()
    with queued_app.app_context():
        queue.mail_queue().empty()  # Redis lost its data
    assert inbox.messages == []
    result = queued_app.test_cli_runner().invoke(args=["mail", "send-pending"])
    assert result.output.startswith("1 sent")
    assert len(inbox.messages) == 1


def test_a_job_for_a_message_already_sent_sends_nothing(queued_app, queued_sign, inbox):
    queued_sign()
    with queued_app.app_context():
        [job] = queue.mail_queue().jobs
        assert queue.deliver_batch_job(*job.args) == 1
        assert queue.deliver_batch_job(*job.args) == 0
    queued_app.test_cli_runner().invoke(args=["mail", "worker", "--burst"])
    assert len(inbox.messages) == 1


def test_a_rolled_back_email_is_never_enqueued(queued_app):
    with queued_app.app_context():
        send_email("a@example.org", "Hello", "sign_on_repeat", sign_on=None, letter=None)
        db.session.rollback()
        db.session.commit()
        assert queue.mail_queue().count == 0


def test_sign_ons_go_on_while_redis_is_down(database_url, inbox):
    dead = f"redis://127.0.0.1:{free_port()}/0"
    app = create_app(app_config(database_url, inbox.port, REDIS_URL=dead))
    try:
        with app.app_context():
            support.create_letter("climate", "Climate", "Dear all", open_now=True)
        client = app.test_client()
        token = csrf_token(client.get("/letters/climate").text)
        response = client.post("/letters/climate", data={**VALID_SIGN_ON, "csrf_token": token})
        assert response.status_code == 303
        assert statuses(app) == ["pending"]
        assert app.test_cli_runner().invoke(args=["mail", "send-pending"]).exit_code == 0
        assert len(inbox.messages) == 1
    finally:
        with app.app_context():
            db.engine.dispose()
