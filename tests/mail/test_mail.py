"""The outbox: mail survives SMTP being down, goes out once, and can run as its own process."""

import threading
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller

from signon import create_app
from signon.mail import sender
from signon.mail.registry import mail_extension
from signon.storage.database import utcnow
from signon.storage.extensions import db
from tests.helpers_db import stored
from tests.mail.helpers import outbox
from tests.support import VALID_SIGN_ON, Inbox, app_config, csrf_token, free_port


@pytest.fixture
def down_app(database_url):
    """An app whose SMTP server is not running yet."""
    port = free_port()
    application = create_app(app_config(database_url, port, MAIL_RETRY_BASE_SECONDS=60))
    application.smtp_port = port
    yield application
    with application.app_context():
        db.engine.dispose()


def post_sign_on(app) -> int:
    client = app.test_client()
    with app.app_context():
        from tests.support import create_letter

        create_letter("climate", "Climate", "Text", open_now=True)
    token = csrf_token(client.get("/letters/climate").text)
    return client.post("/letters/climate", data={**VALID_SIGN_ON, "csrf_token": token}).status_code


def test_smtp_down_then_up_delivers_once(down_app):
    assert post_sign_on(down_app) == 303
    assert stored(down_app)["sign_ons"] == 1

    with down_app.app_context():
        report = sender.send_pending()
    assert (report.sent, report.failed) == (0, 1)
    [message] = outbox(down_app)
    assert message.status == "pending"
    assert message.attempts == 1
    assert "Connection" in message.last_error or "refused" in message.last_error.lower()
    assert message.next_attempt_at > utcnow() + timedelta(seconds=50)

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=down_app.smtp_port)
    controller.start()
    try:
        with down_app.app_context():
            assert sender.send_pending().sent == 0  # not due yet: backoff
            later = utcnow() + timedelta(minutes=5)
            assert sender.send_pending(now=later).sent == 1
            assert sender.send_pending(now=later + timedelta(hours=1)).sent == 0
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    assert outbox(down_app)[0].status == "sent"


def test_gives_up_after_max_attempts(down_app):
    down_app.config["MAIL_MAX_ATTEMPTS"] = 2
    post_sign_on(down_app)
    with down_app.app_context():
        sender.send_pending()
        sender.send_pending(now=utcnow() + timedelta(days=1))
    assert outbox(down_app)[0].status == "failed"


def test_send_pending_command(runner, make_letter, sign, inbox):
    make_letter()
    sign()
    result = runner.invoke(args=["mail", "send-pending"])
    assert result.exit_code == 0
    assert "1 sent, 0 failed" in result.output
    assert len(inbox.messages) == 1
    assert "0 sent" in runner.invoke(args=["mail", "send-pending"]).output


def test_two_senders_never_send_the_same_message(app, make_letter, sign, inbox):
    make_letter()
    for n in range(6):
        sign(organisation=f"Org {n}", contact_email=f"c{n}@example.org")
    results = []

    def run() -> None:
        with app.app_context():
            results.append(sender.send_pending().sent)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sum(results) == 6
    assert len(inbox.messages) == 6


def test_background_sender_delivers_soon_after_commit(app, make_letter, sign, inbox):
    app.config["MAIL_POLL_SECONDS"] = 30  # only the wake-up after commit can be this quick
    make_letter()
    stop = threading.Event()
    worker = threading.Thread(target=sender.run_worker, args=(app, stop), daemon=True)
    worker.start()
    try:
        sign()
        deadline = time.monotonic() + 10
        while not inbox.messages and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        mail_extension(app).wake()
        worker.join(10)
    assert len(inbox.messages) == 1


def test_console_delivery_and_dev_outbox(database_url, capsys):
    app = create_app(app_config(database_url, 0, MAIL_SERVER=None, DEV_OUTBOX=True))
    post_sign_on(app)
    with app.app_context():
        assert sender.send_pending().sent == 1
    printed = capsys.readouterr().out
    assert "email to awa@equitas.example.org" in printed
    assert "https://sign.example.org/letters/climate/confirm/" in printed
    client = app.test_client()
    listing = client.get("/dev/outbox")
    assert listing.status_code == 200
    assert "awa@equitas.example.org" in listing.text
    assert "/confirm/" in client.get("/dev/outbox/1").text
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize(
    "settings",
    [{"MAIL_SERVER": None, "DEV_OUTBOX": False}, {"MAIL_SERVER": "127.0.0.1", "DEV_OUTBOX": True}],
)
def test_dev_outbox_is_hidden_unless_allowed(database_url, settings):
    app = create_app(app_config(database_url, 0, **settings))
    assert app.test_client().get("/dev/outbox").status_code == 404
    with app.app_context():
        db.engine.dispose()


def test_links_use_base_url_in_every_process(runner, make_letter, app, inbox):
    app.config["BASE_URL"] = "https://letters.coalition.example/sign"
    make_letter()
    from signon.web.urls import external_url

    with app.app_context():
        url = external_url("signing.show", slug="climate")
    assert url == "https://letters.coalition.example/sign/letters/climate"
