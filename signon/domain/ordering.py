"""The order of the final list: as written, ignoring a leading article, by country, or by
order of signing. The public page and every export go through `ordered`."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from signon.domain.batch import cycle_collection_paused
from signon.domain.collation import key_in
from signon.domain.countries import country_sort_key
from signon.domain.names import clean_text, name_key
from signon.domain.places import known_places

T = TypeVar("T")


class Ordering(StrEnum):
    """How the list of signatories is ordered (the public list and every export)."""

    AS_WRITTEN = "as_written"
    IGNORE_ARTICLE = "ignore_article"
    BY_COUNTRY = "by_country"
    SIGNING = "signing"


ORDERINGS = tuple(Ordering)

# Leading articles of English, French, Spanish, Portuguese, Italian, German and Dutch.
# Single letters ("A", "O", "I") are left alone: too often a real word or an initial.
ARTICLES = (
    "the", "la", "le", "les", "el", "los", "las", "die", "der", "das", "den", "il", "lo",
    "gli", "het", "os", "as", "une", "un", "una", "uno", "ein", "eine",
)  # fmt: skip
ARTICLE = re.compile(
    r"^(?:(?:" + "|".join(ARTICLES) + r")\s+(?=\S)|l['\u2019\u02bc](?=\w))",
    re.IGNORECASE,
)


def without_article(name: str) -> str:
    """'The Hunger Project' -> 'Hunger Project'; "L'Association" -> 'Association'.

    A name that is only an article, or whose article is all of it, stays as it is.
    """
    text = clean_text(name)
    stripped = ARTICLE.sub("", text, count=1)
    if not stripped or stripped == text or _starts_with_place(text):
        return text
    return stripped


def _starts_with_place(text: str) -> bool:
    """'Los Angeles Coalition', 'The Hague Forum', 'El Salvador Verde': the article belongs
    to a place's name and stays."""
    words = name_key(text).split()
    places = known_places()
    return any(" ".join(words[:n]) in places for n in (2, 3) if len(words) >= n)


@dataclass(frozen=True)
class Sortable:
    """What ordering needs from a row of the list."""

    name: str
    country: str
    signed_at: datetime
    id: int


def _key(ordering: str, language: str, collate: str | None) -> Callable[[Sortable], tuple]:
    sort_key = key_in(collate)
    if ordering == Ordering.SIGNING:
        return lambda s: (s.signed_at, s.id)
    if ordering == Ordering.IGNORE_ARTICLE:
        return lambda s: (sort_key(without_article(s.name)), sort_key(s.name), s.id)
    if ordering == Ordering.BY_COUNTRY:
        # Countries by name in `language`; International and the regions apart, first.
        return lambda s: (country_sort_key(s.country, language), sort_key(s.name), s.id)
    # As written, also for an ordering this code does not know: never lose the list.
    return lambda s: (sort_key(s.name), s.id)


def ordered(
    items: Iterable[T],
    ordering: str,
    view: Callable[[T], Sortable],
    language: str = "en",
    collate: str | None = None,
) -> list[T]:
    """Items in the letter's order: a total order (ids break every tie), the same each run.

    `language` names the countries; names sort in `collate`'s order (the root one if None).
    """
    key = _key(ordering, language, collate)
    with cycle_collection_paused():
        decorated = [(key(view(item)), item) for item in items]
        decorated.sort(key=lambda pair: pair[0])
        return [item for _, item in decorated]
