"""Merging, undoing and marking distinct, on SQLite and PostgreSQL; the CLI."""

import json

import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.letters.services import get_letter
from signon.moderation import duplicates
from signon.signing.final_list import final_list
from signon.storage.extensions import db
from tests.moderation.helpers import add_sign_on, contacts, snapshot


def names(letter) -> list[str]:
    return [row.name for row in final_list(letter)]


def test_exact_duplicates_are_one_signatory_keeping_every_contact(app, make_letter):
    make_letter()
    with app.app_context():
        add_sign_on("climate", "Human Rights Watch", "US", contact_email="a@hrw.org")
        add_sign_on("climate", "human rights  watch", "US", contact_email="b@hrw.org")
        add_sign_on("climate", "Human\u00a0Rights Watch", "US", contact_email="c@hrw.org")
        [row] = final_list(get_letter("climate"))
        assert row.name == "Human Rights Watch"  # the earliest spelling
        assert [c.email for c in row.contacts] == ["a@hrw.org", "b@hrw.org", "c@hrw.org"]


def test_merge_keeps_contacts_and_the_chosen_name_and_undo_restores(app, make_letter):
    make_letter()
    with app.app_context():
        letter = get_letter("climate")
        a = add_sign_on("climate", "HRW", "US", contact_email="a@hrw.org")
        b = add_sign_on("climate", "Human Rights Watch", "US", contact_email="b@hrw.org")
        before, before_contacts = snapshot(letter), contacts(letter)
        [candidate] = duplicates.candidates(letter)
        assert candidate.ids == (a.signatory_id, b.signatory_id)

        done = duplicates.merge(letter, b.signatory_id, a.signatory_id, "lead@example.org")
        assert names(letter) == ["Human Rights Watch"]
        assert contacts(letter) == before_contacts
        assert duplicates.candidates(letter) == []
        # A later sign-on under the merged name joins the kept signatory.
        c = add_sign_on("climate", "hrw", "US", contact_email="c@hrw.org")
        assert c.signatory_id == b.signatory_id

        duplicates.undo_merge(letter, done.id, "lead@example.org")
        assert snapshot(letter)[a.signatory_id] == before[a.signatory_id][:2] + (
            sorted([a.id, c.id]),
        )
        assert sorted(names(letter)) == ["HRW", "Human Rights Watch"]
        actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id))
        assert list(actions) == ["created", "merge", "split"]


def test_a_distinct_decision_sticks(app, make_letter):
    make_letter()
    with app.app_context():
        letter = get_letter("climate")
        a = add_sign_on("climate", "Amnesty International", "GB")
        b = add_sign_on("climate", "Amnesty Internatonal", "GB")
        assert len(duplicates.candidates(letter)) == 1
        assert duplicates.mark_distinct(letter, b.signatory_id, a.signatory_id, "lead@x.org")
        assert not duplicates.mark_distinct(letter, a.signatory_id, b.signatory_id, "lead@x.org")
        add_sign_on("climate", "Amnesty Internatonal", "GB")  # more sign-ons change nothing
        assert duplicates.candidates(letter) == []
        actions = db.session.scalars(sa.select(AuditEntry.action))
        assert list(actions) == ["created", "mark_distinct"]


def test_cli_prints_candidates_best_first_as_json(app, make_letter, runner):
    make_letter()
    with app.app_context():
        add_sign_on("climate", "Human Rights Watch", "US")
        add_sign_on("climate", "Human Rights Watch (HRW)", "US")
        add_sign_on("climate", "Amnesty Internationl", "GB")
        add_sign_on("climate", "Amnesty International", "GB")
        add_sign_on("climate", "International Commission of Jurists – Kenya", "KE")
        add_sign_on("climate", "International Commission of Jurists – Norway", "NO")
    result = runner.invoke(args=["signatures", "duplicates", "climate", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert [sorted(c["names"]) for c in found] == [
        ["Human Rights Watch", "Human Rights Watch (HRW)"],
        ["Amnesty International", "Amnesty Internationl"],
    ]
    assert all(0 <= c["score"] <= 1 and c["reasons"] for c in found)
    assert found[0]["score"] >= found[1]["score"]
    text = runner.invoke(args=["signatures", "duplicates", "climate"])
    assert "Human Rights Watch (HRW)" in text.output
    missing = runner.invoke(args=["signatures", "duplicates", "nope"])
    assert missing.exit_code != 0 and "Traceback" not in missing.output


def test_merge_refuses_what_makes_no_sense(app, make_letter):
    make_letter()
    with app.app_context():
        letter = get_letter("climate")
        a = add_sign_on("climate", "Alpha Trust", "KE")
        b = add_sign_on("climate", "Alpha Trst", "KE")
        for keep, gone in ((a.signatory_id, a.signatory_id), (a.signatory_id, 9999)):
            try:
                duplicates.merge(letter, keep, gone, "x@y.org")
            except Exception as exc:
                assert type(exc).__name__ in {"WrongState", "NotFound"}
            else:
                raise AssertionError("merge should have been refused")
        done = duplicates.merge(letter, a.signatory_id, b.signatory_id, "x@y.org")
        duplicates.undo_merge(letter, done.id, "x@y.org")
        try:
            duplicates.undo_merge(letter, done.id, "x@y.org")
        except Exception as exc:
            assert type(exc).__name__ == "WrongState"
