"""The order of the final list, and properties of normalising and ordering."""

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from signon.domain.names import clean_text, name_key
from signon.domain.ordering import (
    ORDERINGS,
    Ordering,
    Sortable,
    ordered,
    without_article,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def rows(*specs: tuple[str, str]) -> list[Sortable]:
    return [
        Sortable(name=name, country=country, signed_at=T0 + timedelta(minutes=i), id=i + 1)
        for i, (name, country) in enumerate(specs)
    ]


def names(items: list[Sortable]) -> list[str]:
    return [s.name for s in items]


def test_as_written_ignores_case_and_accents_at_first():
    items = rows(("zeta", "FR"), ("Émergence", "FR"), ("eau vive", "FR"), ("Alpha", "FR"))
    assert names(ordered(items, Ordering.AS_WRITTEN, lambda s: s)) == [
        "Alpha",
        "eau vive",
        "Émergence",
        "zeta",
    ]


def test_ignoring_a_leading_article():
    items = rows(
        ("The Zebra Trust", "GB"),
        ("L'Association Alpha", "FR"),
        ("Los Angeles Coalition", "US"),
        ("Die Brücke", "DE"),
        ("Les Amis de la Terre", "FR"),
        ("Theatre for Peace", "GB"),
    )
    assert names(ordered(items, Ordering.IGNORE_ARTICLE, lambda s: s)) == [
        "Les Amis de la Terre",
        "L'Association Alpha",
        "Die Brücke",
        "Los Angeles Coalition",  # "Los Angeles" is a city: the article stays
        "Theatre for Peace",
        "The Zebra Trust",
    ]


def test_articles_of_many_languages():
    cases = {
        "The Hunger Project": "Hunger Project",
        "La Strada": "Strada",
        "Le Réseau": "Réseau",
        "L\u2019Union": "Union",
        "El Refugio": "Refugio",
        "Las Abuelas": "Abuelas",
        "Der Paritätische": "Paritätische",
        "Das Netzwerk": "Netzwerk",
        "The": "The",
        "The Hague Peace Forum": "The Hague Peace Forum",
    }
    assert {name: without_article(name) for name in cases} == cases


def test_by_country_orders_by_the_country_names_of_the_letters_language():
    items = rows(("Beta", "DE"), ("Alpha", "ES"), ("Gamma", "DE"), ("Delta", "CH"))
    # German: Deutschland, Schweiz, Spanien; English: Germany, Spain, Switzerland.
    german = ordered(items, Ordering.BY_COUNTRY, lambda s: s, language="de")
    assert names(german) == ["Beta", "Gamma", "Delta", "Alpha"]
    english = ordered(items, Ordering.BY_COUNTRY, lambda s: s, language="en")
    assert names(english) == ["Beta", "Gamma", "Alpha", "Delta"]


def test_order_of_signing():
    items = rows(("Zulu", "FR"), ("Alpha", "FR"), ("Mike", "FR"))
    in_signing_order = ordered(list(reversed(items)), Ordering.SIGNING, lambda s: s)
    assert names(in_signing_order) == ["Zulu", "Alpha", "Mike"]


def test_an_unknown_ordering_falls_back_to_as_written():
    items = rows(("b", "FR"), ("a", "FR"))
    assert names(ordered(items, "nonsense", lambda s: s)) == ["a", "b"]


names_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)


@given(names_text)
def test_normalising_is_idempotent(text: str):
    assert clean_text(clean_text(text)) == clean_text(text)
    assert name_key(name_key(text)) == name_key(text)
    assert name_key(clean_text(text)) == name_key(text)


@settings(max_examples=60)
@given(
    st.lists(st.tuples(names_text, st.sampled_from(["FR", "DE", "KE", "RU"])), max_size=30),
    st.sampled_from(ORDERINGS),
    st.randoms(use_true_random=False),
)
def test_order_is_total_and_the_same_whatever_the_input_order(
    specs: list[tuple[str, str]], ordering: str, rnd: random.Random
):
    items = rows(*specs)
    first = ordered(items, ordering, lambda s: s)
    shuffled = items[:]
    rnd.shuffle(shuffled)
    assert ordered(shuffled, ordering, lambda s: s) == first
    assert sorted(s.id for s in first) == [s.id for s in items]
