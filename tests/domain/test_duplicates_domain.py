"""Which names are one organisation (merged), which an organiser should look at, which differ."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signon.domain.duplicates import Entry, exact_key, find_candidates

EXACT, CANDIDATE, APART = "exact", "candidate", "apart"

# (first name, its country, second name, its country, what the pair is, extra fields)
TRICKY = [
    # Case, spacing, accents, punctuation, apostrophes and invisible characters never matter.
    ("Human Rights Watch", "US", "human rights watch ", "US", EXACT),
    ("Human Rights Watch", "US", "Human\u00a0Rights\u202fWatch", "US", EXACT),
    ("Human Rights Watch", "US", "Human\u200bRights Watch", "US", CANDIDATE),
    ("Réseau Equitas", "CI", "RESEAU ÉQUITAS", "CI", EXACT),
    ("L'Union des Femmes", "FR", "L\u2019Union des femmes", "FR", EXACT),
    ("Amnesty International.", "GB", "Amnesty-International", "GB", EXACT),
    ("Мемориал", "RU", "МЕМОРИАЛ", "RU", EXACT),
    ("جَمعية حقوق الإنسان", "EG", "جمعية حقوق الإنسان", "EG", EXACT),
    # Different countries: never merged by themselves, but shown to the organiser.
    ("Human Rights Watch", "US", "Human Rights Watch", "CH", CANDIDATE),
    # Acronyms: in parentheses, alone, or in the acronym field.
    ("Human Rights Watch", "US", "Human Rights Watch (HRW)", "US", CANDIDATE),
    ("Human Rights Watch", "US", "HRW", "US", CANDIDATE),
    ("Human Rights Watch (HRW)", "US", "HRW", "US", CANDIDATE),
    ("Médecins Sans Frontières", "FR", "MSF", "FR", CANDIDATE),
    # Bilingual names: each language is the same organisation, but an organiser decides.
    (
        "Reporters sans frontières / Reporters Without Borders (RSF)",
        "FR",
        "Reporters Without Borders",
        "FR",
        CANDIDATE,
    ),
    (
        "Reporters sans frontières / Reporters Without Borders (RSF)",
        "FR",
        "Reporters sans frontières",
        "FR",
        CANDIDATE,
    ),
    # "&" and "and" are different words in every language but one: a candidate.
    ("Friends & Allies of Nature", "GB", "Friends and Allies of Nature", "GB", CANDIDATE),
    # One organisation written in two scripts.
    ("Мемориал", "RU", "Memorial", "RU", CANDIDATE),
    # Typing errors.
    ("Amnesty International", "GB", "Amnesty Internatonal", "GB", CANDIDATE),
    # A qualifier naming a place: sections of one movement are different members.
    (
        "International Commission of Jurists – Kenya",
        "KE",
        "International Commission of Jurists – Norway",
        "NO",
        APART,
    ),
    (
        "International Commission of Jurists (Kenya)",
        "KE",
        "International Commission of Jurists (Norway)",
        "KE",
        APART,
    ),
    (
        "Amnesty International - Nairobi Office",
        "KE",
        "Amnesty International - Mombasa Office",
        "KE",
        APART,
    ),
    # Places that tell names apart need no dash either; a misspelt place does not.
    ("Mombasa Youth Forum", "KE", "Kisumu Youth Forum", "KE", APART),
    ("Nairobi Women's Network", "KE", "Nairoby Women's Network", "KE", CANDIDATE),
    # ... but the section and the movement itself may be one sign-on twice.
    (
        "International Commission of Jurists – Kenya",
        "KE",
        "International Commission of Jurists",
        "KE",
        CANDIDATE,
    ),
    # Look-alikes that are different organisations.
    ("Association for Human Rights", "KE", "Association for Women's Rights", "KE", APART),
    ("Centre for Climate Justice", "ZA", "Centre for Social Justice", "ZA", APART),
]


def entry(i: int, name: str, country: str, **extra: object) -> Entry:
    return Entry(id=i, name=name, country=country, **extra)


def classify(a: Entry, b: Entry) -> str:
    if exact_key(a) == exact_key(b):
        return EXACT
    return CANDIDATE if find_candidates([a, b]) else APART


@pytest.mark.parametrize(("name_a", "country_a", "name_b", "country_b", "expected"), TRICKY)
def test_tricky_names(name_a: str, country_a: str, name_b: str, country_b: str, expected: str):
    assert classify(entry(1, name_a, country_a), entry(2, name_b, country_b)) == expected


def test_same_website_domain_is_a_candidate_with_its_reason():
    a = entry(1, "Oxfam Novib", "NL", websites=("https://www.oxfamnovib.nl/en",))
    b = entry(2, "Oxfam Netherlands", "NL", websites=("oxfamnovib.nl",))
    [candidate] = find_candidates([a, b])
    assert "same website domain (oxfamnovib.nl)" in candidate.reasons


def test_a_shared_social_media_platform_is_no_evidence():
    a = entry(1, "Green Valley Trust", "KE", websites=("https://facebook.com/greenvalley",))
    b = entry(2, "Blue Ocean Fund", "KE", websites=("https://facebook.com/blueocean",))
    assert find_candidates([a, b]) == []


def test_same_email_domain_counts_only_with_a_similar_name():
    a = entry(1, "Kenya Human Rights Commission", "KE", emails=("a@khrc.or.ke",))
    b = entry(2, "Kenya Human Rights Comm.", "KE", emails=("b@khrc.or.ke",))
    c = entry(3, "Legal Aid Unit", "KE", emails=("c@khrc.or.ke",))
    [candidate] = find_candidates([a, b, c])
    assert candidate.ids == (1, 2)
    assert any(r.startswith("same contact-email domain (khrc.or.ke)") for r in candidate.reasons)


def test_webmail_says_nothing():
    a = entry(1, "Green Valley Trust", "KE", emails=("a@gmail.com",))
    b = entry(2, "Green Hill Fund", "KE", emails=("b@gmail.com",))
    assert find_candidates([a, b]) == []


def test_acronym_field_matches_initials_of_the_other_name():
    a = entry(1, "ICJ", "CH")
    b = entry(2, "International Commission of Jurists", "CH", acronyms=("ICJ",))
    [candidate] = find_candidates([a, b])
    assert candidate.reasons[0] == "same acronym (ICJ)"


def test_a_shared_acronym_alone_is_not_enough_but_a_bare_acronym_is():
    a = entry(1, "Chiclayo Centre for Education", "PE", acronyms=("CCE",))
    b = entry(2, "Chifeng Council for Education", "CN", acronyms=("CCE",))
    c = entry(3, "CCE", "PE")
    assert {cand.ids for cand in find_candidates([a, b, c])} == {(1, 3), (2, 3)}


def test_candidates_are_best_first_with_scores_between_0_and_1():
    entries = [
        entry(1, "Human Rights Watch", "US"),
        entry(2, "Human Rights Watch (HRW)", "US"),
        entry(3, "HRW", "US"),
        entry(4, "Amnesty International", "GB"),
        entry(5, "Amnesty Internationl", "GB"),
    ]
    found = find_candidates(entries)
    scores = [c.score for c in found]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)
    assert {c.ids for c in found} >= {(1, 2), (1, 3), (4, 5)}


def test_a_distinct_decision_sticks():
    a, b = entry(1, "Amnesty International", "GB"), entry(2, "Amnesty Internatonal", "GB")
    assert find_candidates([a, b], distinct=[(2, 1)]) == []


def test_individuals_are_never_candidates_of_organisations():
    a = entry(1, "Maria Lopez", "ES", kind="individual")
    b = entry(2, "Maria Lopez", "ES", kind="organisation")
    assert find_candidates([a, b]) == []


NAME_PIECES = [
    "Human Rights Watch",
    "HRW",
    "Amnesty",
    "International",
    "– Kenya",
    "(ICJ)",
    "Мемориал",
    "Memorial",
    "&",
    "and",
    "The",
    "/ Reporters",
    "\u00a0",
    "Nairobi",
]
names_made_of_pieces = st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=4).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(names_made_of_pieces, st.sampled_from(["KE", "NO"])), max_size=12))
def test_candidates_are_symmetric_scored_and_never_exact_or_distinct(specs):
    entries = [entry(i + 1, name, country) for i, (name, country) in enumerate(specs)]
    found = find_candidates(entries)
    for candidate in found:
        assert 0 <= candidate.score <= 1
        assert exact_key(candidate.first) != exact_key(candidate.second)
        swapped = find_candidates([candidate.second, candidate.first])
        assert [c.score for c in swapped] == [candidate.score]
    decided = [c.ids for c in found]
    assert find_candidates(entries, distinct=decided) == []
