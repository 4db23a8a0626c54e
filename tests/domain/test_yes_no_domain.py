"""Yes and no, as settings, query strings and command-line options spell them."""

from hypothesis import given
from hypothesis import strategies as st

from signon.domain.yes_no import NO_WORDS, YES_WORDS, is_yes, yes_or_no


def test_yes_and_no_words_in_any_case_and_spacing():
    assert [yes_or_no(w) for w in ("Yes", " ON ", "1", "true")] == [True] * 4
    assert [yes_or_no(w) for w in ("No", " off", "0", "FALSE", "")] == [False] * 5


def test_a_word_that_is_neither_says_so():
    assert yes_or_no("maybe") is None
    assert not is_yes("maybe")


@given(st.text(max_size=8))
def test_is_yes_agrees_with_yes_or_no(word):
    assert is_yes(word) == (yes_or_no(word) is True)
    assert not (YES_WORDS & NO_WORDS)
