"""The acronym after the name: "Name (ACR)", never doubled, one rule for every list."""

from hypothesis import given
from hypothesis import strategies as st

from signon.domain.acronyms import with_acronym


def test_the_acronym_follows_the_name_in_parentheses():
    assert (
        with_acronym("Fédération internationale pour les Droits Humains", "FIDH")
        == "Fédération internationale pour les Droits Humains (FIDH)"
    )


def test_a_name_that_already_ends_with_the_acronym_is_left_alone():
    assert with_acronym("Southern Africa Litigation Centre (SALC)", "SALC") == (
        "Southern Africa Litigation Centre (SALC)"
    )
    assert with_acronym("Human Rights Watch – HRW", "hrw") == "Human Rights Watch – HRW"
    assert with_acronym("Réseau Equitas (REQCI) Côte d'Ivoire", "REQCI") == (
        "Réseau Equitas (REQCI) Côte d'Ivoire"
    )


def test_parentheses_typed_around_the_acronym_are_not_doubled():
    assert with_acronym("Amnesty International", "(AI)") == "Amnesty International (AI)"


def test_the_none_style_and_an_empty_acronym_give_the_name():
    assert with_acronym("Amnesty International", "AI", "none") == "Amnesty International"
    assert with_acronym("Amnesty International", "  ") == "Amnesty International"


def test_a_name_that_is_the_acronym_is_not_repeated():
    assert with_acronym("FIDH", "FIDH") == "FIDH"


names = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), max_size=40)
acronyms = st.text(st.characters(codec="utf-8", categories=("Lu", "N")), min_size=1, max_size=8)


@given(names, acronyms)
def test_applying_the_rule_twice_changes_nothing_more(name, acronym):
    once = with_acronym(name, acronym)
    assert with_acronym(once, acronym) == once


@given(names, acronyms)
def test_the_listed_name_starts_with_the_name_and_is_the_name_without_the_option(name, acronym):
    assert with_acronym(name, acronym).startswith(name)
    assert with_acronym(name, acronym, "none") == name
