"""One email the sender cannot send never holds up the others: it is marked, the rest go."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from signon.mail.models import OutboxMessage
from signon.storage.database import utcnow
from signon.storage.extensions import db
from tests.mail.helpers import outbox

# Addresses a row may hold although no form takes them (planted, or from an older import).
BAD_ADDRESSES = [
    "ütilisateur@example.org",  # smtplib: UnicodeEncodeError at RCPT
    "user@bücher.example",  # the same, in the domain
    "a@example.org>\r\nRCPT TO:<victim@example.org",  # smtplib: ValueError, newline
    "nul\x00@example.org",
    "Someone <a@example.org>, victim@example.org",  # smtplib would pick one address out
]


@pytest.mark.parametrize("bad", BAD_ADDRESSES, ids=["local", "domain", "crlf", "nul", "two"])
def test_an_address_the_sender_cannot_send_to_is_marked_and_the_batch_goes_on(
    app, client, make_letter, sign, inbox, deliver, bad, database_url
):
    if "\x00" in bad and database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL stores no NUL: such a row cannot exist there")
    make_letter()
    for n in range(4):
        sign(organisation=f"Org {n}", contact_email=f"c{n}@example.org")
    with app.app_context():
        first = db.session.scalar(sa.select(sa.func.min(OutboxMessage.id)))
        # The bad one first in the batch; all four have waited twenty minutes already.
        db.session.execute(
            sa.update(OutboxMessage).where(OutboxMessage.id == first).values(recipient=bad)
        )
        db.session.execute(
            sa.update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(minutes=20))
        )
        db.session.commit()

    report = deliver()

    assert report.sent == 3
    assert sorted(m["To"] for m in inbox.messages) == [f"c{n}@example.org" for n in (1, 2, 3)]
    bad_row, *good = outbox(app)
    assert [m.status for m in good] == ["sent"] * 3
    assert bad_row.status == "undeliverable"
    assert bad_row.last_error
    health = client.get("/healthz")
    assert health.status_code == 200, health.json
    assert health.json["outbox"]["due"] == 0
    # Nothing else reached the server: no injected recipient.
    assert all("victim" not in m["To"] for m in inbox.messages)


def test_a_second_pass_sends_nothing_again(app, make_letter, sign, inbox, deliver):
    make_letter()
    sign(organisation="Good Org", contact_email="good@example.org")
    sign(organisation="Bad Org", contact_email="bad@example.org")
    with app.app_context():
        db.session.execute(
            sa.update(OutboxMessage)
            .where(OutboxMessage.recipient == "bad@example.org")
            .values(recipient="bäd@example.org")
        )
        db.session.commit()
    assert deliver().sent == 1
    assert deliver().sent == 0
    assert [m["To"] for m in inbox.messages] == ["good@example.org"]
