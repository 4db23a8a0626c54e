"""A likely typo in an email's domain, and the domain meant: the pure rule and its properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import DamerauLevenshtein

from signon.domain.email_typos import (
    COMMON_PROVIDERS,
    KNOWN,
    suggested_address,
    suggested_domain,
)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ana@gmial.com", "ana@gmail.com"),
        ("ana@hotmial.com", "ana@hotmail.com"),
        ("ana@yaho.fr", "ana@yahoo.fr"),
        ("ana@gmail.co", "ana@gmail.com"),
        ("ana@gmaill.con", "ana@gmail.com"),
        ("ana@outlok.fr", "ana@outlook.fr"),
        ("ana@wanadoo.rf", "ana@wanadoo.fr"),
        ("Ana.Diaz@Hotmail.Es ", None),
        ("Ana.Diaz@Hotmial.Es", "Ana.Diaz@hotmail.es"),
    ],
)
def test_a_common_provider_mistyped_is_suggested_with_the_name_kept(typed, meant):
    assert suggested_address(typed) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "ana@gmail.com",
        "ana@equitas.example.org",
        "ana@hotmail.be",  # Belgian Hotmail: real, not a typo of hotmail.fr
        "ana@yahoo.de",
        "ana@mail.com",
        "ana@amnesty.org",
        "ana@hrw.org",
        "not an address",
        "",
    ],
)
def test_a_real_or_faraway_domain_is_not_questioned(typed):
    assert suggested_address(typed) is None


def test_the_letter_s_own_domains_are_suggested_but_not_another_real_top_level_domain():
    own = ["amnesty.org", "equitas-network.org"]
    assert suggested_address("a@amnesty.ogr", own) == "a@amnesty.org"
    assert suggested_address("a@equitas-netwrok.org", own) == "a@equitas-network.org"
    assert suggested_address("a@amnesty.fr", own) is None  # another real site of the same name
    assert suggested_address("a@amnesty.org", own) is None
    assert suggested_address("a@amnesty.ogr") is None  # unknown without the letter's domains


def test_a_provider_wins_a_tie_with_the_letter_s_domains():
    assert suggested_domain("gmial.com", ["gmiall.com"]) == "gmail.com"


domains = st.from_regex(r"[a-z0-9-]{1,15}\.[a-z]{2,6}", fullmatch=True)


@given(typed=domains, own=st.lists(domains, max_size=4))
def test_a_suggestion_is_a_candidate_close_to_what_was_typed(typed, own):
    meant = suggested_domain(typed, own)
    if meant is None:
        return
    assert meant != typed and meant in (*COMMON_PROVIDERS, *own)
    edits = DamerauLevenshtein.distance(typed, meant)
    assert 1 <= edits <= (1 if len(typed) <= 7 else 2)
    # Asking again about the address chosen asks nothing.
    assert suggested_domain(meant, own) is None


@given(provider=st.sampled_from(COMMON_PROVIDERS), at=st.integers(0, 30))
def test_two_letters_swapped_in_a_provider_s_name_are_caught(provider, at):
    name, dot, tld = provider.partition(".")
    i = at % (len(name) - 1)
    swapped = name[:i] + name[i + 1] + name[i] + name[i + 2 :] + dot + tld
    if swapped in KNOWN or swapped == provider:
        return
    meant = suggested_domain(swapped)
    assert meant is not None and DamerauLevenshtein.distance(swapped, meant) == 1


@given(known=st.sampled_from(sorted(KNOWN)), local=st.from_regex(r"[a-z.]{1,12}", fullmatch=True))
def test_a_known_provider_is_never_questioned_and_the_name_never_changes(known, local):
    assert suggested_address(f"{local}@{known}") is None
    assert suggested_address(f"{local}@{known.upper()}") is None
