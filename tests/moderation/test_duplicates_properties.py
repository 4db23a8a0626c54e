"""Properties on the real databases: merging never loses a contact; undo restores the state."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signon.moderation import duplicates
from tests import support
from tests.moderation.helpers import add_sign_on, contacts, snapshot

NAMES = ["Alpha Trust", "alpha trust", "Beta Fund", "Gamma Forum", "Delta (DLT)", "DLT"]
counter = itertools.count()

sign_ons = st.lists(
    st.tuples(st.sampled_from(NAMES), st.sampled_from(["KE", "NO"])), min_size=2, max_size=6
)
# Merges as (keep, merge) positions among the live signatories, then how many to undo.
steps = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=4)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sign_ons=sign_ons, steps=steps, undo=st.integers(0, 4))
def test_merges_keep_contacts_and_undo_restores(app, sign_ons, steps, undo):
    slug = f"prop{next(counter)}"
    with app.app_context():
        letter = support.create_letter(slug, "Property", "Text", open_now=True)
        for name, country in sign_ons:
            add_sign_on(slug, name, country)
        everyone = contacts(letter)
        states, done = [snapshot(letter)], []
        for keep, gone in steps:
            live = [s for s, (_, merged_into, _) in snapshot(letter).items() if not merged_into]
            if len(live) < 2 or keep % len(live) == gone % len(live):
                continue
            done.append(
                duplicates.merge(letter, live[keep % len(live)], live[gone % len(live)], "p")
            )
            states.append(snapshot(letter))
            assert contacts(letter) == everyone
        for merge in reversed(done[len(done) - min(undo, len(done)) :]):
            states.pop()
            duplicates.undo_merge(letter, merge.id, "p")
            assert snapshot(letter) == states[-1]
            assert contacts(letter) == everyone
