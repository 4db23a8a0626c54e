"""Asking for a sign-in link tells nobody by its timing whether the address is an organiser's.

The request does the same work for every address (one outbox row); whether a link goes out
is decided when the sender renders that row, out of the request.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from signon.accounts.services import SIGN_IN_LINKS_PER_WINDOW
from signon.mail.models import OutboxMessage
from signon.storage.extensions import db
from tests.support import csrf_token


@contextmanager
def statements(app) -> Iterator[list[str]]:
    """The SQL the application runs meanwhile, in order."""
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)


def ask_link(client, email: str):
    token = csrf_token(client.get("/organise/sign-in").text)
    return client.post("/organise/sign-in", data={"email": email, "csrf_token": token})


def outbox_rows(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))


def test_known_and_unknown_addresses_run_the_same_statements(app, client, organiser):
    organiser("ana@coalition.example.org")
    ask_link(client, "warm@example.org")  # first-request work out of the way
    with statements(app) as known_sql:
        known = ask_link(client, "ana@coalition.example.org")
    with statements(app) as unknown_sql:
        unknown = ask_link(client, "nobody@example.org")
    assert (known.status_code, known.location) == (unknown.status_code, unknown.location)
    assert known_sql == unknown_sql
    assert outbox_rows(app) == 3


def test_only_the_organiser_gets_a_link_when_the_sender_runs(client, organiser, inbox, deliver):
    organiser("ana@coalition.example.org")
    ask_link(client, "ana@coalition.example.org")
    ask_link(client, "nobody@example.org")
    report = deliver()
    assert [m["To"] for m in inbox.messages] == ["ana@coalition.example.org"]
    assert (report.sent, report.failed) == (1, 1)


def test_an_inbox_gets_at_most_five_links_in_fifteen_minutes(client, organiser, inbox, deliver):
    organiser("ana@coalition.example.org")
    for _ in range(SIGN_IN_LINKS_PER_WINDOW + 2):
        assert ask_link(client, "ana@coalition.example.org").status_code == 303
    deliver()
    assert len(inbox.to("ana@coalition.example.org")) == SIGN_IN_LINKS_PER_WINDOW == 5
