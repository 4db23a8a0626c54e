"""Merge invariants, checked after every step of random histories on both databases.

The organisers' model of "one organisation" (signon.signing.entries):

1. One line per organisation. Each sign-on has a spelling (its name and country when it
   came, or when it was last moved by a correction). The organisers' merges, minus those
   undone, join spellings into classes (union-find). The final list, which the public list
   and every export read (`final_list`, and `roster.rows.listing` for the streamed exports),
   has exactly one line per class with an approved sign-on, and that line's contacts are
   exactly the class's approved sign-ons.
2. Only "Undo" splits. A correction moves a sign-on to its new spelling only while its
   class holds one spelling; in a merged class it stays (self-service, approved change,
   organiser's name alike). Later sign-ons and imports under a merged spelling join the
   class; a withdrawal only takes a contact off.
3. The duplicates page agrees with the history: no candidate pair lies within one class,
   and no candidate joins two classes an organiser marked distinct (a mark holds for the
   classes its signatories belong to now). Every candidate is a live entry.
4. No circles: the merge links form a forest.

`MergeMachine` drives the services the pages call: sign, confirm, correct (self-service),
approve-change, organiser correction (display name), merge, undo, distinct, withdraw,
approve and import. Each Hypothesis example works on a letter of its own: EXAMPLES histories
of up to STEPS steps, about 700 steps per database (20-30 s each), every one followed by both
checks.
"""

import itertools

import pytest
from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from signon.core.errors import SignonError
from signon.domain.import_rows import ImportRow
from signon.domain.names import name_key
from signon.importing.services import import_rows
from signon.letters.services import get_letter
from signon.moderation import change_review, corrections, duplicates
from signon.moderation import services as moderation
from signon.roster.options import ExportOptions
from signon.roster.rows import listing
from signon.signing import entries, self_service
from signon.signing.final_list import final_list
from signon.signing.models import Signatory, SignOn, SignOnStatus
from signon.signing.services import SignOnInput, confirm_sign_on, submit_sign_on
from signon.storage.extensions import db
from tests.support import create_letter

# Spellings an organiser would merge, same names from two countries, and strangers.
SPELLINGS = (
    ("Comisión Mexicana de Defensa y Promoción de los Derechos Humanos", "MX"),
    ("Comision Mexicana de Defensa y Promocion de los DDHH", "MX"),
    ("Comisión Mexicana de Defensa y Promoción de los Derechos Humanos A.C.", "MX"),
    ("International Platform of Jurists for East Timor", "TL"),
    ("International Platform of Jurists for East Timor", "NL"),
    ("Human Rights Watch", "US"),
    ("Human Rights Watch (HRW)", "US"),
    ("Amnesty Internatonal", "GB"),
)
ORGANISER = "lead@coalition.example.org"
STEPS = 30
EXAMPLES = 25
_letters = itertools.count()

Node = tuple[str, str]  # (country, name key): one spelling


def node_of(name: str, country: str) -> Node:
    return (country, name_key(name))


class Classes:
    """Union-find over spellings, rebuilt from the merges in force."""

    def __init__(self, merges: dict[int, tuple[Node, Node]], undone: set[int]) -> None:
        self.parent: dict[Node, Node] = {}
        for merge_id, (kept, gone) in merges.items():
            if merge_id not in undone:
                self.parent[self.find(gone)] = self.find(kept)

    def find(self, node: Node) -> Node:
        while node in self.parent:
            node = self.parent[node]
        return node

    def size(self, node: Node) -> int:
        root = self.find(node)
        return 1 + sum(1 for n in self.parent if self.find(n) == root)


class MergeMachine(RuleBasedStateMachine):
    """Random histories of one letter; the model says what the organisers consider one."""

    app: Flask

    def __init__(self) -> None:
        super().__init__()
        self.context = self.app.app_context()
        self.context.push()
        self.slug = f"m{next(_letters)}"
        create_letter(self.slug, "Merge invariants", "Dear all,", open_now=True)
        self.node: dict[int, Node] = {}  # sign-on id -> its spelling
        self.email: dict[int, str] = {}
        self.own: dict[int, tuple[str, str]] = {}  # the name and country it carries now
        self.status: dict[int, str] = {}
        self.proposed: dict[int, tuple[str, str]] = {}
        self.merges: dict[int, tuple[Node, Node]] = {}
        self.undone: set[int] = set()
        self.distinct: set[tuple[Node, Node]] = set()
        self.contacts = itertools.count(1)

    def teardown(self) -> None:
        db.session.rollback()
        self.context.pop()

    @property
    def letter(self):
        return get_letter(self.slug)

    def classes(self) -> Classes:
        return Classes(self.merges, self.undone)

    def spelling_of(self, signatory_id: int) -> Node:
        signatory = db.session.get(Signatory, signatory_id)
        return (signatory.country, signatory.name_key)

    def sign_on(self, sign_on_id: int) -> SignOn:
        return db.session.get(SignOn, sign_on_id)

    def moved(self, sign_on_id: int, spelling: Node) -> None:
        """A correction of the spelling: it moves only out of a class of one spelling."""
        if self.classes().size(self.node[sign_on_id]) == 1:
            self.node[sign_on_id] = spelling

    # -- signatories' steps --------------------------------------------------------------

    @rule(spelling=st.sampled_from(SPELLINGS))
    def sign(self, spelling: tuple[str, str]) -> None:
        name, country = spelling
        n = next(self.contacts)
        data = SignOnInput(
            organisation=name,
            country=country,
            contact_name=f"Contact {n}",
            contact_email=f"c{n}@example.org",
        )
        sign_on_id = submit_sign_on(self.letter, data)
        self.node[sign_on_id] = node_of(name, country)
        self.email[sign_on_id] = data.contact_email
        self.own[sign_on_id] = spelling
        self.status[sign_on_id] = SignOnStatus.PENDING

    def _with(self, *statuses: str) -> list[int]:
        return sorted(s for s, status in self.status.items() if status in statuses)

    @precondition(lambda self: self._with(SignOnStatus.PENDING))
    @rule(data=st.data())
    def confirm(self, data: st.DataObject) -> None:
        sign_on_id = data.draw(st.sampled_from(self._with(SignOnStatus.PENDING)))
        assert confirm_sign_on(self.sign_on(sign_on_id))
        db.session.commit()
        self.status[sign_on_id] = SignOnStatus.VERIFIED

    @precondition(lambda self: self._with(SignOnStatus.VERIFIED))
    @rule(data=st.data())
    def approve(self, data: st.DataObject) -> None:
        sign_on_id = data.draw(st.sampled_from(self._with(SignOnStatus.VERIFIED)))
        moderation.approve(self.letter, [sign_on_id], ORGANISER)
        db.session.commit()
        self.status[sign_on_id] = SignOnStatus.APPROVED

    @precondition(lambda self: self._with("pending", "verified", "approved"))
    @rule(data=st.data(), spelling=st.sampled_from(SPELLINGS))
    def correct(self, data: st.DataObject, spelling: tuple[str, str]) -> None:
        """The signatory corrects its name (and country) through its own link."""
        sign_on_id = data.draw(st.sampled_from(self._with("pending", "verified", "approved")))
        sign_on = self.sign_on(sign_on_id)
        name, country = spelling
        details = self_service.details_as_proposed(sign_on)
        details.update(organisation=name, country=country)
        details["contact_email"] = sign_on.contact_email
        done = self_service.correct_details(sign_on, SignOnInput(**details))
        db.session.commit()
        if self.status[sign_on_id] == SignOnStatus.APPROVED:
            if done.held:
                self.proposed[sign_on_id] = spelling
            else:
                self.proposed.pop(sign_on_id, None)
        elif done.applied:
            self.own[sign_on_id] = spelling
            self.moved(sign_on_id, node_of(name, country))

    @precondition(lambda self: self.proposed)
    @rule(data=st.data())
    def approve_change(self, data: st.DataObject) -> None:
        sign_on_id = data.draw(st.sampled_from(sorted(self.proposed)))
        change_review.approve_change(self.sign_on(sign_on_id), ORGANISER)
        db.session.commit()
        self.own[sign_on_id] = self.proposed.pop(sign_on_id)
        self.moved(sign_on_id, node_of(*self.own[sign_on_id]))

    @precondition(lambda self: self.node)
    @rule(data=st.data(), name=st.sampled_from([""] + [s[0] for s in SPELLINGS]))
    def organiser_correction(self, data: st.DataObject, name: str) -> None:
        """The organiser sets (or clears) the listed name: the entry as a whole, no move."""
        sign_on_id = data.draw(st.sampled_from(sorted(self.node)))
        corrections.set_display_name(self.sign_on(sign_on_id), name, ORGANISER)
        db.session.commit()

    @precondition(lambda self: self._with("pending", "verified", "approved"))
    @rule(data=st.data())
    def withdraw(self, data: st.DataObject) -> None:
        sign_on_id = data.draw(st.sampled_from(self._with("pending", "verified", "approved")))
        assert self_service.withdraw(self.sign_on(sign_on_id))
        db.session.commit()
        self.status[sign_on_id] = SignOnStatus.WITHDRAWN
        self.proposed.pop(sign_on_id, None)

    @rule(spelling=st.sampled_from(SPELLINGS), status=st.sampled_from(["approved", "confirmed"]))
    def import_row(self, spelling: tuple[str, str], status: str) -> None:
        """A file of the coalition's members brings the organisation in again."""
        name, country = spelling
        n = next(self.contacts)
        row = ImportRow(
            number=2, organisation=name, country=country, country_text=country,
            contact_name=f"Member {n}", email=f"c{n}@example.org",
        )  # fmt: skip
        report = import_rows(
            self.letter, [row], status=status, actor=ORGANISER, file_name="members.csv"
        )
        [sign_on_id] = report.added
        self.node[sign_on_id] = node_of(name, country)
        self.email[sign_on_id] = row.email
        self.own[sign_on_id] = spelling
        self.status[sign_on_id] = (
            SignOnStatus.APPROVED if status == "approved" else SignOnStatus.VERIFIED
        )

    # -- organisers' decisions on the duplicates page --------------------------------------

    def _pairs(self) -> list[tuple[int, int]]:
        """The candidates the page offers, else any two live entries."""
        found = [c.ids for c in duplicates.candidates(self.letter)]
        if found:
            return found
        live = sorted(e.id for e in duplicates.entries(self.letter))
        return list(itertools.combinations(live, 2))

    @precondition(lambda self: len(self.node) > 1)
    @rule(data=st.data(), keep_second=st.booleans())
    def merge(self, data: st.DataObject, keep_second: bool) -> None:
        pairs = self._pairs()
        if not pairs:
            return
        first, second = data.draw(st.sampled_from(pairs))
        keep, gone = (second, first) if keep_second else (first, second)
        done = duplicates.merge(self.letter, keep, gone, ORGANISER)
        db.session.commit()
        self.merges[done.id] = (self.spelling_of(keep), self.spelling_of(gone))

    @precondition(lambda self: len(self.merges) > len(self.undone))
    @rule(data=st.data())
    def undo(self, data: st.DataObject) -> None:
        merge_id = data.draw(st.sampled_from(sorted(set(self.merges) - self.undone)))
        try:
            duplicates.undo_merge(self.letter, merge_id, ORGANISER)
        except SignonError as refused:
            # Only a later merge of the kept entry into another stands in the way.
            db.session.rollback()
            assert "Undo the later merge" in str(refused)
            kept = self.merges[merge_id][0]
            assert self.classes().find(kept) != kept
            return
        db.session.commit()
        self.undone.add(merge_id)

    @precondition(lambda self: len(self.node) > 1)
    @rule(data=st.data())
    def distinct(self, data: st.DataObject) -> None:
        pairs = self._pairs()
        if not pairs:
            return
        first, second = data.draw(st.sampled_from(pairs))
        duplicates.mark_distinct(self.letter, first, second, ORGANISER)
        db.session.commit()
        self.distinct.add((self.spelling_of(first), self.spelling_of(second)))

    # -- after every step ----------------------------------------------------------------

    def expected_lines(self) -> set[frozenset[str]]:
        classes = self.classes()
        lines: dict[Node, set[str]] = {}
        for sign_on_id, status in self.status.items():
            if status == SignOnStatus.APPROVED:
                root = classes.find(self.node[sign_on_id])
                lines.setdefault(root, set()).add(self.email[sign_on_id])
        return {frozenset(emails) for emails in lines.values()}

    @invariant()
    def one_line_per_organisation(self) -> None:
        letter = self.letter
        expected = self.expected_lines()
        rows = final_list(letter)
        assert len(rows) == len(expected)
        assert {frozenset(c.email for c in row.contacts) for row in rows} == expected
        streamed = list(listing(letter, ExportOptions(include_contacts=True)).rows)
        assert sorted(r.id for r in streamed) == sorted(r.id for r in rows)

    @invariant()
    def duplicates_page_agrees_with_the_history(self) -> None:
        letter = self.letter
        classes = self.classes()
        parents = entries.links(letter.id)
        for child in parents:
            entries.find(parents, child)  # raises on a circle
        marked = {frozenset((classes.find(a), classes.find(b))) for a, b in self.distinct}
        for candidate in duplicates.candidates(letter):
            assert candidate.first.id not in parents and candidate.second.id not in parents
            a = classes.find(self.spelling_of(candidate.first.id))
            b = classes.find(self.spelling_of(candidate.second.id))
            assert a != b, "a merged pair is proposed again"
            assert frozenset((a, b)) not in marked, "a pair marked distinct is proposed again"


MERGE_SETTINGS = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.mark.timeout(900)  # a failure's shrinking takes minutes; a pass takes seconds
def test_the_final_list_and_the_duplicates_page_follow_the_organisers_decisions(app: Flask):
    """Runs EXAMPLES histories of up to STEPS steps on each database."""
    machine = type("OnThisDatabase", (MergeMachine,), {"app": app})
    machine.TestCase.settings = MERGE_SETTINGS
    run_state_machine_as_test(machine)
