"""How the directory's decisions shape its organisations: accepted merges join spellings,
"keep apart" wins over any chain of merges, and a letter's decision is offered only while the
directory says otherwise."""

from signon.directory.decisions import Unions, pair
from signon.directory.suggestions import DISTINCT, MERGED, LetterDecision, offered

A, B, C, D = ("SN", "reseau afrique sante"), ("SN", "ras network"), ("SN", "ras"), ("KE", "x")


def test_merges_join_and_keep_apart_wins_over_a_chain_of_merges():
    joined = Unions([pair(A, B), pair(B, C)])
    assert joined.find(A) == joined.find(B) == joined.find(C) != joined.find(D)
    kept = Unions([pair(A, B), pair(B, C)], apart=[pair(A, C)])
    assert kept.find(A) == kept.find(B) != kept.find(C)


def test_a_letters_decision_is_offered_while_the_directory_says_otherwise():
    names = {A: "Réseau Afrique Santé", B: "RAS Network", C: "RAS"}
    merged = LetterDecision(MERGED, 1, "Climate", 10, 11, pair(A, B))
    distinct = LetterDecision(DISTINCT, 2, "Water", 20, 21, pair(A, C))
    apart = Unions()
    assert [s.decision for s in offered([merged, distinct], {}, apart, names)] == [merged]
    together = Unions([pair(A, B), pair(B, C)])
    taken = {pair(A, B): object(), pair(B, C): object()}
    assert [s.decision for s in offered([merged, distinct], taken, together, names)] == [distinct]
    # An organisation no longer in the directory (nothing approved left) is not offered.
    assert offered([merged], {}, apart, {A: "Réseau Afrique Santé"}) == []
