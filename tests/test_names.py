"""Name cleaning and the same-organisation key (pure domain rules)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from signon.domain.collation import sorted_by_name
from signon.domain.names import clean_text, name_key


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
