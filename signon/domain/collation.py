"""Final order of names: the Unicode Collation Algorithm with CLDR root data (ICU)."""

from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import TypeVar

import icu

T = TypeVar("T")


# Languages whose own ICU tailoring is used (Spanish puts "ñ" after "n"; Arabic puts Arabic
# script before Latin and files أ إ آ with ا); English and any other language keep the CLDR
# root order, which is what English readers expect.
TAILORED = frozenset({"es", "fr", "ar"})


@cache
def _collator(language: str | None = None) -> icu.Collator:
    locale = icu.Locale(language) if language in TAILORED else icu.Locale.getRoot()
    collator = icu.Collator.createInstance(locale)
    collator.setStrength(icu.Collator.TERTIARY)
    return collator


@lru_cache(maxsize=200_000)
def sort_key(name: str) -> tuple[bytes, str]:
    """Compare base letters first, then accents, then case; the raw text breaks exact ties."""
    return (_collator().getSortKey(name), name)


@lru_cache(maxsize=20_000)
def sort_key_in(name: str, language: str) -> tuple[bytes, str]:
    """As `sort_key`, in the order readers of `language` expect."""
    return (_collator(language).getSortKey(name), name)


def compare(a: str, b: str) -> int:
    """-1, 0 or 1 as `a` sorts before, with or after `b` (for a database collation)."""
    return _collator().compare(a, b)


def compare_in(a: str, b: str, language: str) -> int:
    """As `compare`, in the order readers of `language` expect."""
    return _collator(language).compare(a, b)


def tailoring(language: str | None) -> str | None:
    """The language whose own order applies to `language`, or None for the root order."""
    return language if language in TAILORED else None


def key_in(language: str | None) -> Callable[[str], tuple[bytes, str]]:
    """The sort key function for names in `language` (`sort_key` for the root order)."""
    tailored = tailoring(language)
    if tailored is None:
        return sort_key
    return lambda name: sort_key_in(name, tailored)


def sorted_by_name(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """Items in final order of `name(item)`."""
    return sorted(items, key=lambda item: sort_key(name(item)))
