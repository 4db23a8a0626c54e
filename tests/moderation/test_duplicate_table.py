"""The kept duplicates table equals a recomputation after any arrivals and decisions."""

import contextlib
import itertools

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signon.core.errors import WrongState
from signon.domain.duplicate_keys import find_all
from signon.domain.duplicates import find_candidates
from signon.letters.services import get_letter
from signon.moderation import corrections, decisions, duplicate_table, duplicates
from signon.moderation.duplicate_models import DuplicateCandidate, DuplicateProgress
from signon.privacy import erasure
from signon.signing import self_service
from signon.signing.models import Signatory, SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db
from tests import support
from tests.moderation.helpers import add_sign_on

NAMES = [
    "Alpha Trust", "Alpha Trst", "alpha trust", "Beta Fund", "Beta Fund – Kenya",
    "Gamma Forum", "Gama Forum", "Delta (DLT)", "DLT", "Human Rights Watch", "HRW",
    "Friends of the Earth", "Friends Earth", "Greenpeace", "Grenpeace",
]  # fmt: skip
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "website": st.sampled_from(["https://alpha.org", "https://www.dlt.org/x", "hrw.org"]),
        "acronym": st.sampled_from(["HRW", "DLT", "AT"]),
        "contact_email": st.sampled_from(["a@alpha.org", "b@alpha.org", "c@gmail.com"]),
    },
)
ARRIVAL = st.tuples(st.just("sign"), st.sampled_from(NAMES), st.sampled_from(["KE", "NO"]), FIELDS)
DECISION = st.tuples(
    st.sampled_from(["merge", "undo", "distinct", "correct", "withdraw", "reject", "erase"]),
    st.integers(0, 7),
    st.integers(0, 7),
)
counter = itertools.count()


def table(letter) -> list[tuple]:
    """The page's candidates, as comparable tuples."""
    return [(c.ids, c.score, c.reasons) for c in duplicates.candidates(letter)]


def recomputed(letter, rule=find_all) -> list[tuple]:
    """The whole letter judged again from scratch."""
    found = rule(duplicates.entries(letter))
    decided = set(duplicates.distinct_pairs(letter))
    found = [c for c in found if c.ids not in decided]
    found.sort(key=lambda c: (-c.score, c.ids))
    return [(c.ids, c.score, c.reasons) for c in found]


def _apply(letter, step, sign_ons: list[SignOn], merges: list) -> None:
    action, x, y = step
    live = sorted(e.id for e in duplicates.entries(letter))
    sign_on = sign_ons[x % len(sign_ons)]
    if action == "merge" and len(live) > 1 and x % len(live) != y % len(live):
        keep, gone = live[x % len(live)], live[y % len(live)]
        if db.session.get(Signatory, keep).kind == db.session.get(Signatory, gone).kind:
            merges.append(duplicates.merge(letter, keep, gone, "p"))
    elif action == "undo" and merges:
        done = merges.pop()
        if done.target.merged_into_id is None:
            duplicates.undo_merge(letter, done.id, "p")
    elif action == "distinct" and len(live) > 1 and x % len(live) != y % len(live):
        duplicates.mark_distinct(letter, live[x % len(live)], live[y % len(live)], "p")
    elif action == "correct":
        corrections.set_display_name(sign_on, NAMES[y % len(NAMES)], "p")
    elif action == "withdraw":
        with contextlib.suppress(WrongState):  # e.g. already rejected
            self_service.withdraw(sign_on)
    elif action == "reject":
        decisions.reject(letter, [sign_on.id], "p")
    elif action == "erase":
        erasure.erase(letter, [sign_on.id], utcnow(), keep_listed=False)
    db.session.commit()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    arrivals=st.lists(ARRIVAL, min_size=2, max_size=7),
    steps=st.lists(DECISION, max_size=5),
    read_between=st.booleans(),
)
def test_the_kept_table_equals_a_recomputation(app, arrivals, steps, read_between):
    slug = f"dup{next(counter)}"
    with app.app_context():
        letter = support.create_letter(slug, "Property", "Text", open_now=True)
        sign_ons = []
        for _, name, country, fields in arrivals:
            sign_ons.append(add_sign_on(slug, name, country, **fields))
            if read_between:  # the worker ran between arrivals, or did not
                assert table(letter) == recomputed(letter)
        # Today's search of all pairs agrees with the keyed one on letters this small.
        assert table(letter) == recomputed(letter) == recomputed(letter, find_candidates)
        if not read_between:  # judged all at once, as for a letter from before the table
            duplicate_table.rebuild(letter)
            assert table(letter) == recomputed(letter)
        merges: list = []
        for step in steps:
            _apply(letter, step, sign_ons, merges)
            if read_between:
                assert table(letter) == recomputed(letter)
        assert table(letter) == recomputed(letter)


def test_merge_moves_the_pairs_to_the_kept_entry_and_undo_brings_them_back(app, make_letter):
    make_letter()
    with app.app_context():
        letter = get_letter("climate")
        a = add_sign_on("climate", "Alpha Trust", "KE").signatory_id
        b = add_sign_on("climate", "Alpha Trst", "KE").signatory_id
        c = add_sign_on("climate", "AT", "KE", website="https://alpha.org").signatory_id
        d = add_sign_on("climate", "Alpha Trust Fund", "KE", website="alpha.org").signatory_id
        assert {x.ids for x in duplicates.candidates(letter)} >= {(a, b), (c, d)}
        done = duplicates.merge(letter, a, d, "p")
        found = {x.ids for x in duplicates.candidates(letter)}
        assert not any(d in ids for ids in found) and (a, c) in found
        duplicates.undo_merge(letter, done.id, "p")
        assert table(letter) == recomputed(letter)


def test_the_worker_command_judges_arrivals_so_the_page_only_reads(app, make_letter, runner):
    make_letter()
    with app.app_context():
        add_sign_on("climate", "Amnesty International", "GB")
        add_sign_on("climate", "Amnesty Internatonal", "GB")
        letter = get_letter("climate")
        assert duplicate_table.pending(letter)
    result = runner.invoke(args=["signatures", "duplicates-refresh", "--batch", "1"])
    assert result.exit_code == 0, result.output
    assert "climate: 2 entries judged." in result.output
    with app.app_context():
        letter = get_letter("climate")
        assert not duplicate_table.pending(letter)
        progress = db.session.get(DuplicateProgress, letter.id)
        assert progress.sign_on_id == db.session.scalar(sa.select(sa.func.max(SignOn.id)))
        [row] = db.session.scalars(sa.select(DuplicateCandidate)).all()
        assert row.signatory_a < row.signatory_b and "similar names" in row.reason
        assert duplicates.count(letter) == 1
        before = table(letter)
    rebuilt = runner.invoke(args=["signatures", "duplicates-refresh", "--rebuild", "climate"])
    assert "climate: 1 candidate pairs." in rebuilt.output, rebuilt.output
    with app.app_context():
        assert table(get_letter("climate")) == before


def test_erasure_and_rejection_drop_the_pairs_judged_on_what_went(app, make_letter):
    make_letter()
    with app.app_context():
        letter = get_letter("climate")
        add_sign_on("climate", "Alpha Trust", "KE", contact_email="a@alpha.org")
        gone = add_sign_on("climate", "Alpha Trusts Network", "KE", contact_email="b@alpha.org")
        [pair] = duplicates.candidates(letter)
        assert pair.reasons == ("same contact-email domain (alpha.org) and similar names",)
        erasure.erase(letter, [gone.id], utcnow(), keep_listed=False)
        db.session.commit()
        assert duplicates.candidates(letter) == []
        assert db.session.scalar(sa.select(sa.func.count(DuplicateCandidate.id))) == 0
        add_sign_on("climate", "DLT", "KE")
        bare = add_sign_on("climate", "Delta Land Trust", "KE")
        assert len(duplicates.candidates(letter)) == 1
        decisions.reject(letter, [bare.id], "p")
        db.session.commit()
        assert duplicates.candidates(letter) == []
