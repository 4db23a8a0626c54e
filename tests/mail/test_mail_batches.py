"""The batch sender: one SMTP connection per batch, leases, permanent failures, headers."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from signon.mail import claims, sender, smtp
from signon.mail.models import OutboxMessage
from signon.mail.outbox import send_email
from signon.mail.registry import UnknownEmailTemplate
from signon.storage.database import utcnow
from signon.storage.extensions import db
from tests.mail.helpers import outbox
from tests.organiser_helpers import log_in
from tests.support import Inbox, free_port


class Server(Inbox):
    """An SMTP server that counts its connections and refuses the mailboxes it is told of."""

    def __init__(self, refused: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.refused, self.connections = refused, 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address in self.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def server(app):
    """A Server the app mails to, instead of the shared inbox."""
    smtp = Server(refused=("nobody@equitas.example.org",))
    controller = Controller(smtp, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config["MAIL_PORT"] = controller.port
    yield smtp
    controller.stop()


def sign_many(sign, count: int) -> None:
    for n in range(count):
        sign(organisation=f"Org {n}", contact_email=f"c{n}@example.org")


def test_a_batch_of_emails_goes_out_over_one_smtp_connection(app, make_letter, sign, server):
    make_letter()
    sign_many(sign, 12)
    with app.app_context():
        report = sender.send_pending()
    assert (report.sent, report.failed) == (12, 0)
    assert len(server.messages) == 12
    assert server.connections == 1


def test_four_senders_with_small_batches_never_send_one_email_twice(app, make_letter, sign, inbox):
    app.config["MAIL_BATCH_SIZE"] = 3
    make_letter()
    sign_many(sign, 30)
    sent = []

    def run() -> None:
        with app.app_context():
            sent.append(sender.send_pending().sent)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(sent) == 30
    assert sorted(str(m["To"]) for m in inbox.messages) == sorted(
        f"c{n}@example.org" for n in range(30)
    )


def test_a_dead_senders_claim_expires_within_its_short_lease(app, make_letter, sign, deliver):
    make_letter()
    sign()
    with app.app_context():
        [held] = claims.claim("dead-sender", 10, utcnow())  # then the sender was killed
    assert held.claimed_by == "dead-sender"
    assert deliver().sent == 0  # still leased
    lease = app.config["MAIL_CLAIM_SECONDS"]
    assert lease <= 10
    assert deliver(now=utcnow() + timedelta(seconds=lease + 1)).sent == 1


class Killed(BaseException):
    """The sender process dies here (kill -9): nothing after this line runs."""


def test_a_sender_killed_mid_batch_sends_again_only_the_email_it_was_handing_over(
    app, make_letter, sign, deliver, inbox, monkeypatch
):
    make_letter()
    sign_many(sign, 10)
    handed_over = smtp.Connection.send

    def killed_after_the_fifth_is_accepted(self, email, recipient):
        handed_over(self, email, recipient)
        if len(inbox.messages) == 5:
            raise Killed  # the server has it, the sender never learnt

    monkeypatch.setattr(smtp.Connection, "send", killed_after_the_fifth_is_accepted)
    with pytest.raises(Killed):
        deliver()
    monkeypatch.undo()
    assert [m.status for m in outbox(app)].count("sent") == 4

    after_the_lease = utcnow() + timedelta(seconds=app.config["MAIL_CLAIM_SECONDS"] + 1)
    assert deliver(now=after_the_lease).sent == 6
    copies = Counter(str(m["To"]) for m in inbox.messages)
    assert set(copies) == {f"c{n}@example.org" for n in range(10)}
    assert [n for n in copies.values() if n > 1] == [2]  # the fifth, once more


def test_when_the_database_cannot_record_a_sent_email_the_rest_of_the_batch_waits(
    app, make_letter, sign, deliver, inbox, monkeypatch
):
    make_letter()
    sign_many(sign, 6)
    recorded = claims.Receipts.sent

    def database_gone_at_the_third(self, message):
        if len(inbox.messages) == 3:
            raise claims.NotRecorded("OperationalError: database is locked")
        recorded(self, message)

    monkeypatch.setattr(claims.Receipts, "sent", database_gone_at_the_third)
    assert deliver().sent == 3
    monkeypatch.undo()
    statuses = [(m.status, m.attempts) for m in outbox(app)]
    assert statuses == [("sent", 1)] * 3 + [("pending", 0)] * 3  # the rest not even tried
    assert deliver().sent == 3
    assert len(inbox.messages) == 6


def test_a_live_sender_renews_its_lease_so_no_other_sender_takes_its_batch(
    app, make_letter, sign, deliver
):
    make_letter()
    sign()
    with app.app_context():
        claims.claim("slow-sender", 10, utcnow())
        assert claims.renew(db.engine, "slow-sender", 60) == 1
    later = utcnow() + timedelta(seconds=app.config["MAIL_CLAIM_SECONDS"] + 1)
    assert deliver(now=later).sent == 0


def test_a_refused_mailbox_is_undeliverable_at_once_and_the_organisers_see_why(
    app, client, make_letter, sign, server, organiser
):
    make_letter()
    sign(contact_email="nobody@equitas.example.org")
    sign(organisation="Green Earth", contact_email="g@green.example.org")
    with app.app_context():
        report = sender.send_pending()
    assert (report.sent, report.failed) == (1, 1)
    refused = [m for m in outbox(app) if m.recipient == "nobody@equitas.example.org"][0]
    assert (refused.status, refused.attempts) == ("undeliverable", 1)
    with app.app_context():
        assert sender.send_pending(now=utcnow() + timedelta(days=1)).sent == 0  # no retry

    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    letter_page = client.get("/organise/letters/climate/").text
    assert "1 confirmation email could not be delivered" in letter_page
    assert "550 5.1.1 No such mailbox here" in letter_page
    sign_on_page = client.get(f"/organise/letters/climate/sign-ons/{refused.sign_on_id}").text
    assert "could not be delivered: 550 5.1.1 No such mailbox here" in sign_on_page


def test_every_email_carries_the_headers_of_a_careful_sender(
    app, make_letter, sign, deliver, inbox
):
    make_letter()
    sign()
    deliver()
    [message] = inbox.messages
    assert message["Message-ID"].endswith("@sign.example.org>")
    assert message["Date"]
    assert message["Auto-Submitted"] == "auto-generated"
    # The confirmation answers the signer's own action: nothing to unsubscribe from.
    assert message["List-Unsubscribe"] is None
    assert "Réseau Equitas" in inbox.text(message)


def test_an_unknown_template_is_a_programming_error_when_the_email_is_queued(app):
    with app.app_context(), pytest.raises(UnknownEmailTemplate):
        send_email("a@example.org", "Hello", "no_such_template")


def test_an_email_whose_template_was_renamed_is_kept_for_a_retry_not_failed(
    app, make_letter, sign, deliver, inbox
):
    make_letter()
    sign()
    with app.app_context():
        db.session.execute(sa.update(OutboxMessage).values(template="renamed_since"))
        db.session.commit()
    assert deliver().failed == 1
    [message] = outbox(app)
    assert (message.status, message.attempts) == ("pending", 1)
    assert "renamed_since" in message.last_error
    assert inbox.messages == []
