"""Candidate duplicates found one arrival at a time, through blocking keys.

The page's search compared neighbours in sorted orders of the whole letter, so one arrival
changed who its neighbours' neighbours were: nothing could be kept. Here whether two entries
are compared depends on the two of them only (they share a key), so a table of candidates
kept up to date on each arrival, merge, correction or withdrawal equals a recomputation.

Keys: aliases, website and own email domains and acronyms (as the page's blocks were), and
name keys: the spellings (latin, without small words, without spaces), the sorted words
with one word left out (names that differ in one word) or, for one-word names, with one
letter left out. A pair found through a name key only must be spelt alike (SIMILAR), as
the sorted neighbours had to be; then `score` decides, as before.
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from signon.domain.duplicate_rules import SIMILAR, Entry, Seen, prepare, score
from signon.domain.duplicates import THRESHOLD, Candidate

# One-word names up to this length also get their one-letter-deleted spellings as keys.
SHORT_WORD = 24


def keys(seen: Seen) -> frozenset[str]:
    """What an entry can be found by; an "n" key needs the names spelt alike as well."""
    parts, kind = seen.parts, seen.entry.kind
    found = {f"n{kind}:={k}" for k in (parts.latin, parts.loose, parts.latin.replace(" ", "")) if k}
    found |= {f"l{kind}:{alias}" for alias in parts.aliases}
    found |= {f"w{kind}:{domain}" for domain in seen.domains}
    found |= {f"m{kind}:{domain}" for domain in seen.mail_domains}
    # Any entry by its acronyms and initials; a bare acronym ("HRW") also by the "A" key,
    # which is all a full name looks up: two full names with one acronym are not compared.
    for acronym in parts.acronyms | parts.initials:
        found.add(f"a{kind}:{acronym}")
    words = parts.sorted_words.split()
    if len(words) > 1:
        found |= {f"n{kind}:{' '.join(words[:i] + words[i + 1 :])}" for i in range(len(words))}
    elif words and len(words[0]) <= SHORT_WORD:
        word = words[0]
        found |= {f"n{kind}:{word[:i] + word[i + 1 :]}" for i in range(len(word))}
        found.add(f"n{kind}:{word}")
    return frozenset(found)


def lookups(seen: Seen) -> frozenset[str]:
    """The keys to look up for an arriving entry (a full name asks only bare acronyms)."""
    found = {k for k in keys(seen) if not k.startswith("a")}
    kind, parts = seen.entry.kind, seen.parts
    for acronym in parts.acronyms | parts.initials:
        found.add(f"{'a' if parts.is_acronym else 'A'}{kind}:{acronym}")
    return frozenset(found)


def stored_keys(seen: Seen) -> frozenset[str]:
    """The keys an entry is stored under (its "a" keys, and "A" ones when a bare acronym)."""
    found = set(keys(seen))
    if seen.parts.is_acronym:
        found |= {f"A{seen.entry.kind}:{a}" for a in seen.parts.acronyms | seen.parts.initials}
    return frozenset(found)


def digest(key: str) -> int:
    """A key as a signed 64-bit number, for a compact database index."""
    value = hashlib.blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(value, "big", signed=True)


@dataclass(frozen=True)
class Keyed:
    """An entry prepared for the search, with its keys worked out once."""

    seen: Seen
    keys: frozenset[str]
    lookups: frozenset[str]
    stored: frozenset[str]


def keyed(entry: Entry) -> Keyed:
    """Prepare an entry and its keys."""
    seen = prepare(entry)
    return Keyed(seen, keys(seen), lookups(seen), stored_keys(seen))


def compared(a: Keyed, b: Keyed) -> bool:
    """Whether the search looks at this pair at all: it depends on the two entries only."""
    sa, sb = a.seen, b.seen
    if sa.entry.kind != sb.entry.kind or sa.entry.id == sb.entry.id:
        return False
    if sa.parts.key == sb.parts.key and sa.entry.country == sb.entry.country:
        return False  # the same signatory by definition; the database merged them
    if a.lookups.isdisjoint(b.stored) and b.lookups.isdisjoint(a.stored):
        return False
    shared = a.keys & b.keys
    if any(not k.startswith(("n", "a")) for k in shared):
        return True
    bare = sa.parts.is_acronym or sb.parts.is_acronym
    if bare and any(k.startswith("a") for k in shared):
        return True
    return fuzz.ratio(sa.parts.sorted_words, sb.parts.sorted_words) >= SIMILAR


def judge(a: Keyed, b: Keyed, threshold: float = THRESHOLD) -> Candidate | None:
    """The candidate for two entries, or None when they are not compared or score low."""
    if not compared(a, b):
        return None
    first, second = sorted((a.seen, b.seen), key=lambda s: s.entry.id)  # reasons: first first
    value, reasons = score(first, second, threshold)
    if value < threshold:
        return None
    return Candidate(first.entry, second.entry, round(value, 3), tuple(reasons))


class KeyIndex:
    """Entries by key, in memory: what the database's `duplicate_keys` table holds."""

    def __init__(self) -> None:
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.known: dict[int, Keyed] = {}

    def arrive(self, entry: Entry, threshold: float = THRESHOLD) -> list[Candidate]:
        """Add one entry; its candidates among the entries already here."""
        return self.arrive_keyed(keyed(entry), threshold)

    def arrive_keyed(self, new: Keyed, threshold: float = THRESHOLD) -> list[Candidate]:
        """Add one prepared entry; its candidates among the entries already here."""
        others = set().union(*(self.by_key.get(k, ()) for k in new.lookups))
        found = [c for i in others if (c := judge(new, self.known[i], threshold))]
        self.add(new)
        return found

    def add(self, known: Keyed) -> None:
        """Add an entry without judging it (one judged before)."""
        self.known[known.seen.entry.id] = known
        for key in known.stored:
            self.by_key[key].add(known.seen.entry.id)


def find_all(entries: Iterable[Entry], threshold: float = THRESHOLD) -> list[Candidate]:
    """Every candidate of a letter at once (the recomputation the table must equal)."""
    index = KeyIndex()
    found = [c for entry in entries for c in index.arrive(entry, threshold)]
    found.sort(key=lambda c: (-c.score, c.first.id, c.second.id))
    return found
