"""A sign-on's email is stored with the sign-on and rendered by the sender, not the request."""

import sqlalchemy as sa

from signon import create_app
from signon.mail.models import OutboxMessage
from signon.mail.sender import send_pending
from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.mail.helpers import outbox
from tests.support import VALID_SIGN_ON, app_config, csrf_token


def test_the_sign_on_stores_its_email_and_the_sender_renders_it(
    app, make_letter, sign, deliver, inbox
):
    make_letter()
    assert sign().status_code == 303
    [queued] = outbox(app)
    assert (queued.template, queued.body_text, queued.body_html) == ("confirm_sign_on", None, None)
    assert queued.params == {"sign_on_id": 1}
    assert deliver().sent == 1
    [message] = inbox.messages
    assert "Awa Koné" in inbox.text(message)
    assert inbox.link(message).startswith("https://sign.example.org/letters/climate/confirm/")
    [sent] = outbox(app)
    # What went out is kept as it went out.
    assert sent.status == "sent"
    assert inbox.link(message) in sent.body_text


def test_a_repeat_by_the_same_contact_is_told_at_sending_where_it_stands(
    app, make_letter, sign, deliver, confirm, inbox
):
    make_letter()
    sign()
    deliver()
    confirm(inbox.link(inbox.messages[0]))
    sign()
    deliver()
    repeat = inbox.messages[-1]
    assert "already signed" in inbox.text(repeat)
    assert "already confirmed" in inbox.text(repeat)


def test_an_email_about_a_deleted_sign_on_fails_at_once(app, make_letter, sign, deliver, inbox):
    make_letter()
    sign()
    with app.app_context():
        db.session.execute(sa.delete(SignOn))
        db.session.commit()
    report = deliver()
    assert (report.sent, report.failed) == (0, 1)
    [message] = outbox(app)
    assert message.status == "failed"
    assert message.last_error.startswith("cannot render: sign-on 1 no longer exists")
    assert inbox.messages == []


def test_the_dev_outbox_shows_a_message_before_the_sender_has_rendered_it(database_url):
    app = create_app(app_config(database_url, 1, MAIL_SERVER="", DEV_OUTBOX=True))
    client = app.test_client()
    with app.app_context():
        from tests.support import create_letter

        create_letter("climate", "Climate", "Text", open_now=True)
    token = csrf_token(client.get("/letters/climate").text)
    client.post("/letters/climate", data={**VALID_SIGN_ON, "csrf_token": token})
    page = client.get("/dev/outbox/1")
    assert page.status_code == 200
    assert "/letters/climate/confirm/" in page.text
    with app.app_context():
        assert db.session.get(OutboxMessage, 1).body_text is None  # a GET stores nothing
    with app.app_context():
        db.engine.dispose()


def test_without_base_url_the_links_name_the_dev_server_never_the_host_used(
    database_url, inbox, monkeypatch
):
    monkeypatch.delenv("FLASK_RUN_PORT", raising=False)
    app = create_app(app_config(database_url, inbox.port, BASE_URL=None))
    client = app.test_client()
    with app.app_context():
        from tests.support import create_letter

        create_letter("climate", "Climate", "Text", open_now=True)
    forged = {"X-Forwarded-Host": "petition.example.net"}
    token = csrf_token(client.get("/letters/climate", headers=forged).text)
    client.post("/letters/climate", headers=forged, data={**VALID_SIGN_ON, "csrf_token": token})
    with app.app_context():
        send_pending()
        db.engine.dispose()
    assert inbox.link(inbox.messages[0]).startswith(
        "http://127.0.0.1:5000/letters/climate/confirm/"
    )
