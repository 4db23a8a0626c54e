"""Faults under a running service: kill -9 of gunicorn, SMTP down, PostgreSQL restarted.

Each test runs real processes on loopback and is bounded in time. An acknowledged sign-on
is one that got its 303: it must be stored and its email delivered, whatever happened.
"""

import http.client
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from signon import create_app
from signon.mail.models import OutboxMessage
from signon.signing.models import SignOn
from signon.storage import database
from signon.storage.extensions import db
from tests import support
from tests.app.pgcluster import PrivatePostgres
from tests.servers import Gunicorn, SignOnClient, wait_until
from tests.support import Inbox, app_config, free_port

pytestmark = [pytest.mark.fault, pytest.mark.timeout(60)]


def service_env(database_url: str, smtp_port: int) -> dict[str, str]:
    """A deployment that delivers its own mail, quickly retried, with the default leases."""
    return {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "fault-secret",
        "BASE_URL": "https://sign.example.org",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_port),
        "MAIL_TIMEOUT": "3",
        "MAIL_BACKGROUND_SENDER": "true",
        "MAIL_POLL_SECONDS": "0.2",
        "MAIL_RETRY_BASE_SECONDS": "0.2",
        "MAIL_RETRY_MAX_SECONDS": "1",
        "RATELIMIT_ENABLED": "false",
        "AUTO_MIGRATE": "false",
    }


class Stream:
    """Threads that sign on one after another until stopped, noting what was acknowledged."""

    def __init__(self, server: Gunicorn, name: str, threads: int = 2) -> None:
        self.server = server
        self.name = name
        self.acked: list[str] = []
        self.failed = 0
        self.errors: list[BaseException] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)
        ]

    def _run(self, thread: int) -> None:
        try:
            self._sign_on_until_stopped(thread)
        except BaseException as exc:
            self.errors.append(exc)
            raise

    def _sign_on_until_stopped(self, thread: int) -> None:
        client = SignOnClient(self.server.port)
        while not client.token and not self.stop.is_set():
            try:
                client.open()
            except (OSError, http.client.HTTPException):
                time.sleep(0.05)  # the server is down: the page comes back with it
        n = 0
        while not self.stop.is_set():
            n += 1
            email = f"{self.name}-{thread}-{n}@example.org"
            status = client.sign(email, f"Org {self.name} {thread} {n}")
            with self.lock:
                if status == 303:
                    self.acked.append(email)
                else:
                    self.failed += 1
            if status is None:
                time.sleep(0.05)  # the server is down: retry soon, as a browser would
        client.close()

    @contextmanager
    def running(self) -> Iterator["Stream"]:
        for thread in self.threads:
            thread.start()
        try:
            yield self
        finally:
            self.stop.set()
            for thread in self.threads:
                thread.join(timeout=15)

    def count(self) -> int:
        with self.lock:
            return len(self.acked)


def stored_emails(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(sa.select(SignOn.contact_email)))


def fewest_attempts(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.min(OutboxMessage.attempts)))


def delivered(inbox: Inbox) -> Counter:
    return Counter(str(m["To"]) for m in list(inbox.messages))


def assert_all_delivered(inbox: Inbox, acked: list[str], timeout: float = 20) -> Counter:
    wait_until(
        lambda: set(acked) <= set(delivered(inbox)), timeout, 0.1, "every acked email delivered"
    )
    return delivered(inbox)


def test_kill_9_of_the_server_loses_no_acknowledged_sign_on(app, make_letter, inbox, tmp_path):
    make_letter()
    server = Gunicorn(service_env(app.config["DATABASE_URL"], inbox.port), workers=2)
    server.log = tmp_path / "gunicorn.log"
    server.start()
    stream = Stream(server, "kill")
    try:
        with stream.running():
            wait_until(lambda: stream.count() >= 10, 15, what="sign-ons before the kill")
            server.kill()
            at_kill = stream.count()
            server.start()
            restarted = time.monotonic()
            wait_until(lambda: stream.count() >= at_kill + 10, 15, what="sign-ons after restart")
        acked = list(stream.acked)
        assert set(acked) <= stored_emails(app)
        # What was in flight at the kill is free again once its short lease runs out.
        copies = assert_all_delivered(
            inbox, acked, timeout=max(restarted + 15 - time.monotonic(), 0.1)
        )
    finally:
        server.stop()
    # A second copy only for the one email each killed sender was handing over (each is
    # recorded as sent the moment the server accepts it), never a third copy.
    extra = {email: n for email, n in copies.items() if n > 1}
    assert len(extra) <= server.workers and set(extra.values()) <= {2}, extra


def test_mail_sent_while_smtp_is_down_goes_out_once_when_it_returns(
    app, make_letter, tmp_path
) -> None:
    make_letter()
    late_inbox = Inbox()
    port = free_port()
    server = Gunicorn(service_env(app.config["DATABASE_URL"], port), workers=2)
    server.log = tmp_path / "gunicorn.log"
    server.start()
    controller = Controller(late_inbox, hostname="127.0.0.1", port=port)
    try:
        client = SignOnClient(server.port).open()
        acked = [f"smtp-{n}@example.org" for n in range(8)]
        assert [client.sign(email, f"Org {email}") for email in acked] == [303] * 8
        client.close()
        wait_until(
            lambda: fewest_attempts(app) >= 1, 10, what="every email tried against dead SMTP"
        )
        controller.start()
        copies = assert_all_delivered(late_inbox, acked)
        time.sleep(1.5)  # time for any wrong second attempt to show
        assert delivered(late_inbox) == copies == Counter(dict.fromkeys(acked, 1))
    finally:
        server.stop()
        if controller._thread is not None:
            controller.stop()


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    cluster = PrivatePostgres().start()
    yield cluster
    cluster.stop()


def test_postgresql_restart_under_the_service(private_postgres, inbox, tmp_path):
    url = private_postgres.url
    app = create_app(app_config(url, inbox.port))
    with app.app_context():
        database.upgrade(db.engine)
        support.create_letter("climate", "Climate", "Dear all", open_now=True)
    server = Gunicorn(service_env(url, inbox.port), workers=2)
    server.log = tmp_path / "gunicorn.log"
    server.start()
    stream = Stream(server, "pg")
    try:
        with stream.running():
            wait_until(lambda: stream.count() >= 10, 15, what="sign-ons before the restart")
            private_postgres.restart()
            at_restart = stream.count()
            # Nobody touches the service: it must take sign-ons again by itself.
            wait_until(lambda: stream.count() >= at_restart + 10, 15, what="sign-ons after")
        assert server.healthy()
        acked = list(stream.acked)
        assert set(acked) <= stored_emails(app)
        assert_all_delivered(inbox, acked)
    finally:
        server.stop()
        with app.app_context():
            db.engine.dispose()
