"""An approval and a withdrawal at the same moment (PostgreSQL): the later one sees the earlier.

Both requests get as far as their first write, or their first locking read of the sign-on,
and wait there for each other (a barrier); then one commits and the other goes on. Before
status changes were compare-and-set, the approval written second overwrote the withdrawal:
the signatory read "Your signature is withdrawn" under a signature the public list showed.
"""

import threading

import pytest
import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.moderation.test_decisions_seen import GOOD, RENAMED
from tests.organiser_helpers import log_in
from tests.pages import press
from tests.signing.helpers import manage_path

SIGN_ONS = "/organise/letters/climate/sign-ons"
WAIT = 20


class Ordered:
    """Holds each named thread at its first write (or locking read) until both are there."""

    def __init__(self, first: str) -> None:
        self.first = first
        self.both_read = threading.Barrier(2, timeout=WAIT)
        self.first_done = threading.Event()
        self.held: set[str] = set()

    def before_write(self, conn, cursor, statement: str, *args: object) -> None:
        name = threading.current_thread().name
        writes = statement.startswith(("UPDATE sign_ons", "INSERT INTO audit_log")) or (
            "FOR UPDATE" in statement and "FROM sign_ons" in statement
        )
        if not writes or name in self.held or name not in ("approve", "signatory"):
            return
        self.held.add(name)
        self.both_read.wait()
        if name != self.first:
            assert self.first_done.wait(WAIT), "the first request never finished"


def race(
    app, client, organiser_page: str, path: str, first: str, button: str, **fields: str
) -> dict:
    """Press Approve and the signatory's `button` at once, `first` ("approve" or "signatory")
    committing first; what each one answered."""
    signatory = app.test_client()
    order = Ordered(first)
    answers: dict[str, object] = {}
    signatory_page = signatory.get(path).text

    def run(name: str) -> None:
        try:
            if name == "approve":
                answer = press(client, organiser_page, "Approve selected")
                answers[name] = client.get(answer.location).text
            else:
                answer = press(signatory, signatory_page, button, at=path, **fields)
                answers[name] = signatory.get(answer.location).text
        except BaseException as exc:  # the assertion below shows it
            answers[name] = exc
        finally:
            if name == first:
                order.first_done.set()

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", order.before_write)
    try:
        threads = [
            threading.Thread(target=run, args=(n,), name=n) for n in ("approve", "signatory")
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=WAIT * 2)
    finally:
        sa.event.remove(engine, "before_cursor_execute", order.before_write)
    assert order.held == {"approve", "signatory"}, "both requests must reach their write"
    assert all(isinstance(a, str) for a in answers.values()), answers
    return answers


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("first", ["signatory", "approve"])
def test_approve_and_withdraw_at_once_end_as_the_signatory_was_told(
    app, client, make_letter, organiser, confirmed, inbox, first
):
    make_letter()
    sign_on = confirmed()
    path = manage_path(inbox, "awa@equitas.example.org")
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    organiser_page = client.get(f"{SIGN_ONS}?select=all").text

    answers = race(app, client, organiser_page, path, first, "Withdraw my signature")

    with app.app_context():
        final = db.session.get(SignOn, sign_on).status
        query = sa.select(AuditEntry).where(AuditEntry.action == "withdrawn")
        [withdrawal] = db.session.scalars(query).all()
    assert "Your signature is withdrawn" in answers["signatory"]
    assert final == "withdrawn"
    if first == "signatory":
        # The approval came second: it saw the withdrawal and said so.
        assert "withdrawn by its signatory" in answers["approve"]
        assert withdrawal.detail == {"previous": "verified"}
    else:
        assert "1 approved." in answers["approve"]
        # The withdrawal came second: made again on the approval, and logged as such.
        assert withdrawal.detail == {"previous": "approved"}
    assert "Réseau Equitas" not in app.test_client().get("/letters/climate/signatories").text


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("first", ["signatory", "approve"])
def test_approve_and_a_correction_at_once_never_publish_a_name_nobody_saw(
    app, client, make_letter, organiser, confirmed, inbox, first
):
    make_letter()
    sign_on = confirmed(**GOOD)
    path = manage_path(inbox, "awa@equitas.example.org")
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    organiser_page = client.get(f"{SIGN_ONS}?select=all").text

    answers = race(app, client, organiser_page, path, first, "Save my corrections", **RENAMED)

    listed = app.test_client().get("/letters/climate/signatories").text
    with app.app_context():
        row = db.session.get(SignOn, sign_on)
        final = (row.organisation, row.status, row.proposed_change is not None)
    assert "HONEST ORG" not in listed
    if first == "signatory":
        # The correction came first: the approval read the new name, unseen, and refused it.
        assert "changed since you looked" in answers["approve"]
        assert final == ("HONEST ORG ☠", "verified", False)
    else:
        # The approval came first: the correction saw it and waits for the organisers.
        assert "1 approved." in answers["approve"]
        assert "Good Org" in listed
        assert final == ("Good Org", "approved", True)
