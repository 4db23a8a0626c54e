"""Names in the order readers of each language expect (ICU tailorings)."""

from hypothesis import given
from hypothesis import strategies as st

from signon.domain.collation import sort_key, sort_key_in


def test_spanish_puts_n_with_tilde_after_n():
    names = ["Ñandutí", "Nueva", "Oro", "Nube"]
    assert sorted(names, key=lambda n: sort_key_in(n, "es")) == ["Nube", "Nueva", "Ñandutí", "Oro"]


def test_english_keeps_the_root_order():
    names = ["Ñandutí", "Nueva", "Oro"]
    assert sorted(names, key=lambda n: sort_key_in(n, "en")) == sorted(names, key=sort_key)


def test_french_sorts_accented_letters_with_their_base_letter():
    names = ["Zambie", "Égypte", "Espagne", "Allemagne"]
    ordered = sorted(names, key=lambda n: sort_key_in(n, "fr"))
    assert ordered == ["Allemagne", "Égypte", "Espagne", "Zambie"]


def test_arabic_puts_arabic_script_first_and_files_hamza_alefs_with_alef():
    names = ["Zeta Trust", "شبكة المدافعات", "Amnesty", "إحسان", "بيت الحرية", "أمل", "ابن رشد"]
    ordered = sorted(names, key=lambda n: sort_key_in(n, "ar"))
    assert ordered == [
        "ابن رشد",
        "إحسان",
        "أمل",
        "بيت الحرية",
        "شبكة المدافعات",
        "Amnesty",
        "Zeta Trust",
    ]
    # The root order (English) puts Latin first.
    assert sorted(names, key=sort_key)[0] == "Amnesty"


@given(
    st.lists(st.text(min_size=1, max_size=12), max_size=20),
    st.sampled_from(["en", "fr", "es", "ar"]),
)
def test_every_language_gives_a_total_order(names, language):
    once = sorted(names, key=lambda n: sort_key_in(n, language))
    assert sorted(once, key=lambda n: sort_key_in(n, language)) == once
