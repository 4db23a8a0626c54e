"""What the log keeps of a request, who may read the dev outbox, and what a database outage
tells a person who just signed."""

import logging

import pytest
import sqlalchemy as sa
from sqlalchemy import orm

from signon import create_app
from signon.mail.models import OutboxMessage
from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.organiser_helpers import sign_in_link
from tests.support import VALID_SIGN_ON, app_config, create_letter, csrf_token


def request_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "signon.request"]


def test_no_token_of_any_link_reaches_the_request_log(
    app, client, organiser, make_letter, sign, deliver, inbox, caplog
):
    caplog.set_level(logging.INFO, logger="signon.request")
    make_letter()
    organiser("ana@coalition.example.org", letters=("climate",))
    page = client.get("/organise/sign-in")
    data = {"email": "ana@coalition.example.org", "csrf_token": csrf_token(page.text)}
    client.post("/organise/sign-in", data=data)
    sign()
    deliver()
    sign_in = sign_in_link(inbox, "ana@coalition.example.org")
    confirm = inbox.link(inbox.to("awa@equitas.example.org")[0]).split("sign.example.org")[1]
    tokens = [sign_in.rsplit("/", 1)[1], confirm.rsplit("/", 1)[1], "made-up.token"]
    for path in (
        sign_in,
        confirm,
        "/letters/climate/my-signature/made-up.token",
        "/letters/climate/my-signature/made-up.token/withdraw",
        "/organise/preview/made-up.token",
    ):
        client.get(path)
    lines = request_lines(caplog)
    assert "GET /organise/sign-in/[token] 200" in "\n".join(lines)
    assert any(line.startswith("GET /letters/climate/confirm/[token] ") for line in lines)
    assert any(line.startswith("GET /organise/preview/[token] ") for line in lines)
    assert not [line for line in lines for token in tokens if token in line]


@pytest.mark.parametrize(
    ("peer", "forwarded", "proxies", "status"),
    [
        ("127.0.0.1", None, 0, 200),
        ("::1", None, 0, 200),
        ("192.0.2.7", None, 0, 404),
        ("192.0.2.7", "127.0.0.1", 0, 404),  # a header is no proof of anything
        ("192.0.2.7", "127.0.0.1", 1, 404),  # a proxy elsewhere vouching for loopback
        ("127.0.0.1", "192.0.2.7", 1, 404),  # a local proxy passing on a remote client
    ],
)
def test_the_dev_outbox_answers_only_this_machine(database_url, peer, forwarded, proxies, status):
    app = create_app(app_config(database_url, 0, MAIL_SERVER=None, TRUSTED_PROXIES=proxies))
    app.debug = True
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    answer = app.test_client().get(
        "/dev/outbox", headers=headers, environ_base={"REMOTE_ADDR": peer}
    )
    assert answer.status_code == status
    with app.app_context():
        db.engine.dispose()


class Outage:
    """The database stops answering: before a statement runs, or just after a commit."""

    def __init__(self, app) -> None:
        self.app = app

    @staticmethod
    def error() -> sa.exc.OperationalError:
        return sa.exc.OperationalError("COMMIT", {}, OSError("server closed the connection"))

    def on_insert(self) -> None:
        def refuse(conn, cursor, statement, *args) -> None:
            # A write: a plain INSERT, or PostgreSQL's one-statement sign-on (WITH ... INSERT).
            if "INSERT INTO" in statement.upper():
                raise self.error()

        with self.app.app_context():
            sa.event.listen(db.engine, "before_cursor_execute", refuse)

    def after_commit(self) -> None:
        def lose_the_answer(session) -> None:
            if session.info.get("signon_new_outbox_messages") is not None:
                raise self.error()

        # First, before the app's own hand-over takes the new messages off the session.
        sa.event.listen(orm.Session, "after_commit", lose_the_answer, insert=True)
        self.remove = lambda: sa.event.remove(orm.Session, "after_commit", lose_the_answer)


def sign_on_post(client):
    token = csrf_token(client.get("/letters/climate").text)
    return client.post("/letters/climate", data={**VALID_SIGN_ON, "csrf_token": token})


def counts(app) -> tuple[int, int]:
    with app.app_context():
        count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
        return count(SignOn), count(OutboxMessage)


def assert_truthful_503(answer) -> None:
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "30"
    assert "cannot tell whether it reached us" in answer.text
    assert "sending it twice never signs twice" in answer.text
    assert "Nothing you typed was lost" not in answer.text


def test_a_sign_on_the_database_never_stored_gets_a_truthful_503(app, client):
    with app.app_context():
        create_letter("climate", "Climate", "Dear all", open_now=True)
    Outage(app).on_insert()
    assert_truthful_503(sign_on_post(client))
    assert counts(app) == (0, 0)


def test_a_sign_on_stored_before_the_database_went_away_is_never_a_500(app, client):
    with app.app_context():
        create_letter("climate", "Climate", "Dear all", open_now=True)
    outage = Outage(app)
    outage.after_commit()
    try:
        answer = sign_on_post(client)
    finally:
        outage.remove()
    assert_truthful_503(answer)
    assert counts(app) == (1, 1)  # stored, and its email waits in the outbox
    # Sending the form again, as the page says, signs nothing twice.
    assert sign_on_post(client).status_code == 303
    assert counts(app)[0] == 1


def test_a_page_read_during_an_outage_is_a_503_too(app, client):
    with app.app_context():
        create_letter("climate", "Climate", "Dear all", open_now=True)

    def refuse(*args) -> None:
        raise Outage.error()

    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", refuse)
    answer = client.get("/letters/climate/signatories")
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "30"
    assert "Our database is not answering just now" in answer.text
