"""Opposite merges at the same moment never make a circle (issue 24, item 1).

Two organisers press "Merge" at once, one keeping A, the other keeping B. Before, on
PostgreSQL both read A and B unmerged and both wrote: A merged into B and B into A, and
the next sign-on under A's name walked that circle for ever. Now a merge locks both rows
and reads them again, so the second finds the first's merge and is refused; and the walk
to the surviving signatory refuses a circle planted in the database instead of spinning.
"""

import contextlib
import threading

import pytest
import sqlalchemy as sa

from signon.letters.services import get_letter
from signon.moderation import duplicates
from signon.moderation.merge_models import SignatoryMerge
from signon.signing import entries
from signon.signing.matching import signatory_for
from signon.signing.models import Signatory
from signon.storage.extensions import db
from tests.moderation.helpers import add_sign_on, sign_in
from tests.support import csrf_token

PAGE = "/organise/letters/climate/duplicates"
A, B = "Alpha Human Rights Trust", "Alpha Human Rights Trst"


def _two_entries(app) -> tuple[int, int]:
    with app.app_context():
        first = add_sign_on("climate", A, "KE", contact_email="one@alpha.example.org")
        second = add_sign_on("climate", B, "KE", contact_email="two@alpha.example.org")
        return first.signatory_id, second.signatory_id


def _sign_under_a(client, errors: list) -> None:
    page = client.get("/letters/climate")
    data = {
        "organisation": A, "country": "KE", "contact_name": "Three",
        "contact_email": "three@alpha.example.org", "consent": "y",
        "csrf_token": csrf_token(page.text),
    }  # fmt: skip
    try:
        errors.append(client.post("/letters/climate", data=data).status_code)
    except entries.MergeCycle as refused:  # the test app lets errors through
        errors.append(refused)


def test_opposite_merges_at_once_leave_one_merge_and_sign_ons_answer(
    app, make_letter, database_url, monkeypatch
):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite lets one writer in at a time: its merges never overlap")
    make_letter()
    a, b = _two_entries(app)
    clients = [app.test_client(), app.test_client()]
    sign_in(app, clients[0], "climate", "ana@coalition.example.org")
    sign_in(app, clients[1], "climate", "ben@coalition.example.org")
    tokens = [csrf_token(c.get(PAGE).text) for c in clients]

    # Both requests start together; each, once it has read the pair, waits for the other
    # to have read it too (before, both did) or to be held by the lock (now: the second
    # waits inside the database, so the first goes on when the barrier times out).
    start = threading.Barrier(2)
    both_read = threading.Barrier(2, timeout=3)
    named = duplicates.shown_name

    def shown_name(signatory, sign_ons):
        if not getattr(threading.current_thread(), "read", False):
            threading.current_thread().read = True
            with contextlib.suppress(threading.BrokenBarrierError):
                both_read.wait()
        return named(signatory, sign_ons)

    monkeypatch.setattr(duplicates, "shown_name", shown_name)
    answers: list = [None, None]

    def press(i: int, first: int, second: int) -> None:
        start.wait()
        data = {"first": first, "second": second, "csrf_token": tokens[i]}
        answers[i] = clients[i].post(f"{PAGE}/merge", data=data, follow_redirects=True).text

    threads = [
        threading.Thread(target=press, args=(0, a, b)),
        threading.Thread(target=press, args=(1, b, a)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
        assert not t.is_alive()

    with app.app_context():
        links = dict(
            db.session.execute(
                sa.select(Signatory.id, Signatory.merged_into_id).where(Signatory.id.in_((a, b)))
            ).all()
        )
        assert not (links[a] == b and links[b] == a), "a circle of merges"
        live = db.session.scalars(
            sa.select(SignatoryMerge).where(SignatoryMerge.undone_at.is_(None))
        ).all()
        assert len(live) == 1
    texts = " ".join(answers)
    assert "Merged" in texts and "has already been merged into another" in texts

    # A sign-on under A's name answers promptly.
    monkeypatch.undo()
    statuses: list = []
    signer = threading.Thread(target=_sign_under_a, args=(app.test_client(), statuses), daemon=True)
    signer.start()
    signer.join(timeout=30)
    assert not signer.is_alive(), "the sign-on is still walking the merges"
    assert statuses == [303]


def test_the_walk_to_the_surviving_signatory_refuses_a_circle(app, make_letter, client):
    make_letter()
    a, b = _two_entries(app)
    with app.app_context():
        # Damage planted by hand: A merged into B and B into A.
        for source, target in ((a, b), (b, a)):
            db.session.execute(
                sa.update(Signatory).where(Signatory.id == source).values(merged_into_id=target)
            )
        db.session.commit()
        letter_id = get_letter("climate").id
        key = db.session.get(Signatory, a).name_key
        with pytest.raises(entries.MergeCycle):
            entries.root_of(a)
        with pytest.raises(entries.MergeCycle):
            signatory_for(letter_id, "organisation", "KE", key)
        with pytest.raises(entries.MergeCycle):
            entries.find(entries.links(letter_id), a)
        with pytest.raises(entries.MergeCycle):
            entries.members(letter_id, a)
        db.session.rollback()
    # Through the form: an answer (an error, logged), not a worker spinning for ever.
    statuses: list = []
    signer = threading.Thread(target=_sign_under_a, args=(client, statuses), daemon=True)
    signer.start()
    signer.join(timeout=30)
    assert not signer.is_alive(), "the sign-on is still walking the merges"
    [answer] = statuses
    assert isinstance(answer, entries.MergeCycle) or answer >= 500
