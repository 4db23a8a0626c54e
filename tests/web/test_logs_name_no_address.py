"""Logs name sign-on, email and organiser ids, never an address: not the one an SMTP
server's refusal quotes, nor the organiser's who imported a list."""

import logging

import pytest
from aiosmtpd.controller import Controller

from signon.mail import sender
from tests.importing.helpers import import_file
from tests.organiser_helpers import log_in
from tests.support import Inbox, free_port

REFUSED = "nobody@equitas.example.org"
ORGANISER = "ana.secret@coalition.example.org"


def ours(caplog: pytest.LogCaptureFixture) -> str:
    """What Signon logged (the test SMTP server logs addresses of its own)."""
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("signon"))


class Quoting(Inbox):
    """An SMTP server that refuses a mailbox as Postfix does, quoting the address."""

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address == REFUSED:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if address.startswith("later"):
            return f"450 4.2.0 <{address}>: Recipient address rejected: greylisted"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def quoting(app):
    controller = Controller(Quoting(), hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config["MAIL_PORT"] = controller.port
    yield
    controller.stop()


def test_a_refusal_quoting_the_address_is_logged_by_its_code(
    app, make_letter, sign, quoting, caplog
):
    make_letter()
    sign(contact_email=REFUSED)
    sign(organisation="Later Org", contact_email="later@example.org")
    with caplog.at_level(logging.INFO), app.app_context():
        report = sender.send_pending()
    assert report.failed == 2
    logged = ours(caplog)
    assert "equitas.example.org" not in logged and "later@" not in logged
    assert "undeliverable: 550 5.1.1" in logged
    assert "failed (will retry): 450 4.2.0" in logged


def test_an_import_is_logged_by_the_organisers_id(app, client, make_letter, organiser, caplog):
    make_letter()
    organiser_id = organiser(ORGANISER, letters=("climate",))
    log_in(client, organiser_id)
    with caplog.at_level(logging.INFO):
        done = import_file(client, "climate", b"Organisation,Country\nGreen Earth,KE\n")
    assert done.status_code == 200
    assert f"by organiser {organiser_id}: 1 added" in ours(caplog)
    assert ORGANISER not in ours(caplog)
