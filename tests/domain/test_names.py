"""Name cleaning and the same-organisation key (pure domain rules)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from signon.domain.collation import sorted_by_name
from signon.domain.names import clean_text, name_key, shows_something


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Amnesty International ", "Amnesty International"),
        ("Amnesty\u00a0International", "Amnesty International"),
        ("Amnesty\u202f\u2003 International", "Amnesty International"),
        ("Amnesty\tInter\nnational", "Amnesty Inter national"),
        ("\ufeffAmnesty\u200b International", "Amnesty International"),
        ("Re\u0301seau", "Réseau"),
    ],
)
def test_clean_text(typed, stored):
    assert clean_text(typed) == stored


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Human Rights Watch", "human rights watch "),
        ("Réseau Equitas Côte d'Ivoire", "RESEAU EQUITAS COTE D’IVOIRE"),
        ("Médecins Sans Frontières", "Medecins-Sans-Frontieres"),
        ("Human Rights Watch.", "Human Rights Watch"),
        ("Правозащитный центр", "ПРАВОЗАЩИТНЫЙ ЦЕНТР"),
    ],
)
def test_same_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "International Commission of Jurists – Kenya",
            "International Commission of Jurists – Norway",
        ),
        ("Human Rights Watch", "Human Rights Watch (HRW)"),
    ],
)
def test_different_key(a, b):
    assert name_key(a) != name_key(b)


@given(st.text())
def test_cleaning_is_idempotent(text):
    assert clean_text(clean_text(text)) == clean_text(text)
    assert name_key(name_key(text)) == name_key(text)


def test_collation_ignores_case_and_accents_first():
    names = ["Zèbre", "zebra", "Éthique", "ethics", "The Arab Center", "Le Club", "fédération"]
    assert sorted_by_name(names, str) == [
        "ethics",
        "Éthique",
        "fédération",
        "Le Club",
        "The Arab Center",
        "zebra",
        "Zèbre",
    ]


@given(st.lists(st.text(), max_size=20))
def test_order_is_total_and_stable(names):
    once = sorted_by_name(names, str)
    assert sorted_by_name(list(reversed(names)), str) == once


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
SHOWS_NOTHING = st.text(
    alphabet=st.sampled_from(
        [*BIDI_CONTROLS, "\u200d", "\u200c", "\u200e", "\u200f", " ", "\u3164", "\ufe0f"]
    )
    | st.characters(categories=["Mn", "Me", "Cf", "Zs"]),
    max_size=12,
)


@pytest.mark.parametrize(
    "typed", ["\u202e", "\u0301\u0308\u0301", "\u200d\u200d\u200d", "\u3164", "\u2067\u2069 "]
)
def test_a_name_that_shows_nothing_is_not_a_name(typed):
    assert not shows_something(typed)


@given(SHOWS_NOTHING)
def test_only_marks_joiners_and_controls_never_show(text):
    assert not shows_something(text)


@given(st.text(max_size=30))
def test_bidi_controls_never_survive_cleaning(text):
    assert not set(clean_text(text)) & set(BIDI_CONTROLS)


def test_an_override_is_dropped_and_the_name_kept():
    assert clean_text("\u202eHONEST ORG\u202c") == "HONEST ORG"
    assert shows_something("Réseau Equitas") and shows_something("ជំរឿន") and shows_something("7")
