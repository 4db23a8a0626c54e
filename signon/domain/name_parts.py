"""Taking an organisation's name apart: base name, qualifier, acronyms, initials, aliases.

Exact sameness stays `names.name_key` (what the database merges on). These parts only feed
the search for *candidate* duplicates that an organiser decides on.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import icu

from signon.domain.names import clean_text, name_key
from signon.domain.places import place_in

# "A (X)" and "A – Kenya": a trailing group in parentheses, or text after a spaced dash.
TRAILING_GROUP = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$")
DASH = re.compile(r"\s+[-\u2010-\u2015\u2212]\s+|\s*[\u2013\u2014]\s*")
# Characters without which a name has no qualifier: a quick test before the expressions.
QUALIFIER_MARKS = frozenset("()[]-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
# "Reporters sans frontières / Reporters Without Borders": one name per language.
BILINGUAL = re.compile(r"\s+/\s+|\s*\|\s*")

# Words left out of initials: "International Commission of Jurists" is ICJ.
STOPWORDS = frozenset(
    [
        "of",
        "the",
        "for",
        "and",
        "in",
        "on",
        "to",
        "a",
        "an",
        "at",
        "by",
        "with",
        "de",
        "des",
        "du",
        "la",
        "le",
        "les",
        "l",
        "d",
        "et",
        "pour",
        "en",
        "au",
        "aux",
        "y",
        "del",
        "los",
        "las",
        "el",
        "e",
        "do",
        "da",
        "dos",
        "das",
        "para",
        "und",
        "fur",
        "der",
        "die",
        "das",
        "von",
        "zu",
        "im",
        "och",
        "i",
        "il",
        "lo",
        "gli",
        "per",
        "di",
        "della",
    ]
)


def normal_acronym(value: str) -> str:
    """An acronym in one spelling: letters and digits only, upper case, accents off."""
    return name_key(value).replace(" ", "").upper()


def looks_like_acronym(text: str) -> bool:
    """'HRW', 'H.R.W.', 'FoE', 'ООН': one short word, mostly capitals."""
    if " " in text.strip() or not 2 <= len(text) <= 12:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return len(letters) >= 2 and upper >= 2 and upper * 3 >= len(letters) * 2


@cache
def _to_latin() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


@lru_cache(maxsize=200_000)
def latin_key(key: str) -> str:
    """The key spelt in Latin letters, so that 'Мемориал' can be compared with 'Memorial'."""
    if key.isascii():
        return key
    return name_key(_to_latin().transliterate(key))


def initials(key: str) -> set[str]:
    """Initials of the words, with and without small words ('FOTE', 'FE' for Friends of the
    Earth); none for a name of fewer than three words, whose initials collide too often."""
    words = key.split()
    if len(words) < 3:
        return set()
    found = {"".join([w[0] for w in words]).upper()}
    kept = [w for w in words if w not in STOPWORDS]
    if len(kept) >= 3:
        found.add("".join([w[0] for w in kept]).upper())
    return found


@dataclass(frozen=True)
class NameParts:
    """What the duplicate search needs to know about one name."""

    key: str
    base_key: str
    place: str
    acronyms: frozenset[str]
    initials: frozenset[str]
    aliases: frozenset[str]
    latin: str
    sorted_words: str
    loose: str
    is_acronym: bool


def _split_qualifiers(text: str) -> tuple[str, list[str], list[str]]:
    """The base name, the acronyms in parentheses, and the other qualifiers."""
    acronyms: list[str] = []
    qualifiers: list[str] = []
    if not QUALIFIER_MARKS.intersection(text):
        return text, acronyms, qualifiers
    while (match := TRAILING_GROUP.search(text)) and match.start() > 0:
        inner = match.group(1).strip()
        (acronyms if looks_like_acronym(inner) else qualifiers).append(inner)
        text = text[: match.start()]
    pieces = DASH.split(text)
    if len(pieces) > 1 and pieces[0]:
        text = pieces[0]
        for piece in pieces[1:]:
            (acronyms if looks_like_acronym(piece) else qualifiers).append(piece)
    return text.strip(), acronyms, qualifiers


@lru_cache(maxsize=200_000)
def parts(name: str, acronyms_typed: tuple[str, ...] = ()) -> NameParts:
    """Parse an organisation's name (and the acronyms typed in their own field)."""
    text = clean_text(name)
    base, found_acronyms, qualifiers = _split_qualifiers(text)
    key = name_key(text)
    is_acronym = looks_like_acronym(text)
    acronyms = {normal_acronym(a) for a in [*acronyms_typed, *found_acronyms] if a}
    if is_acronym:
        acronyms.add(normal_acronym(text))
    place = next((p for q in qualifiers if (p := place_in(name_key(q)))), "")
    base_key = name_key(base)
    aliases = {base_key} if base_key else set()
    if "/" in base or "|" in base:
        aliases |= {k for t in BILINGUAL.split(base) if (k := name_key(t))}
    found_initials: set[str] = set()
    for alias in aliases:
        found_initials |= initials(alias)
        if not alias.isascii():
            found_initials |= initials(latin_key(alias))
    latin = latin_key(key)
    return NameParts(
        key=key,
        base_key=base_key,
        place=place,
        acronyms=frozenset(a for a in acronyms if len(a) >= 2),
        initials=frozenset(found_initials),
        aliases=frozenset(aliases),
        latin=latin,
        sorted_words=" ".join(sorted(latin.split())),
        loose=" ".join([w for w in latin.split() if w not in STOPWORDS]),
        is_acronym=is_acronym,
    )
