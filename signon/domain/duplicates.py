"""Exact and candidate duplicates among a letter's signatories.

Exact: equal `name_key`, kind and country; the database merges those on arrival.
Candidates: pairs an organiser should look at, each with a score in 0..1 and its reasons.
Pairs are found through blocking (shared acronym, alias, website or email domain) and
sorted neighbourhoods of the names, never by comparing every pair.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from signon.domain.duplicate_rules import SIMILAR, Entry, Seen, prepare, score
from signon.domain.names import name_key

# A block larger than this says nothing (e.g. everyone with the initials "ICJ"): skipped.
MAX_BLOCK = 16
# Each name is compared with this many neighbours in each sort order.
WINDOW = 4
THRESHOLD = 0.5  # candidates scoring below this are not shown


@dataclass(frozen=True)
class Candidate:
    """Two signatories that may be one organisation."""

    first: Entry
    second: Entry
    score: float
    reasons: tuple[str, ...]

    @property
    def ids(self) -> tuple[int, int]:
        return (self.first.id, self.second.id)


def exact_key(entry: Entry) -> tuple[str, str, str]:
    """What must be equal for two sign-ons to be merged without asking anyone."""
    return (entry.kind, entry.country, name_key(entry.name))


def exact_groups(entries: Iterable[Entry]) -> list[list[Entry]]:
    """Entries with the same exact key, in groups of two or more, in input order."""
    groups: dict[tuple[str, str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[exact_key(entry)].append(entry)
    return [group for group in groups.values() if len(group) > 1]


def _blocks(seen: list[Seen]) -> Iterable[list[int]]:
    """Groups of positions that share something worth a closer look."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, s in enumerate(seen):
        for acronym in s.parts.acronyms | s.parts.initials:
            index["acronym", acronym].append(i)
        for alias in s.parts.aliases:
            index["alias", alias].append(i)
        for domain in s.domains:
            index["web", domain].append(i)
        for domain in s.mail_domains:
            index["mail", domain].append(i)
    for block in index.values():
        if 1 < len(block) <= MAX_BLOCK:
            yield block


def _neighbours(seen: list[Seen]) -> Iterable[tuple[int, int]]:
    """Pairs that sit close in some sort order of the names and are spelt alike."""
    orders = (
        lambda s: s.parts.latin,
        lambda s: s.parts.latin[::-1],
        lambda s: " ".join(sorted(s.parts.latin.split())),
    )
    for order in orders:
        ranked = sorted(range(len(seen)), key=lambda i: order(seen[i]))
        for pos, i in enumerate(ranked):
            a = seen[i].parts.latin
            for j in ranked[pos + 1 : pos + 1 + WINDOW]:
                if fuzz.token_sort_ratio(a, seen[j].parts.latin, score_cutoff=SIMILAR):
                    yield (i, j)


def _pairs(seen: list[Seen]) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    for block in _blocks(seen):
        for x, i in enumerate(block):
            for j in block[x + 1 :]:
                found.add((min(i, j), max(i, j)))
    for i, j in _neighbours(seen):
        found.add((min(i, j), max(i, j)))
    return found


def find_candidates(
    entries: Iterable[Entry],
    distinct: Iterable[tuple[int, int]] = (),
    threshold: float = THRESHOLD,
) -> list[Candidate]:
    """Candidate duplicates, best first; pairs an organiser marked distinct never come back."""
    decided = {(min(a, b), max(a, b)) for a, b in distinct}
    by_kind: dict[str, list[Seen]] = defaultdict(list)
    for entry in entries:
        by_kind[entry.kind].append(prepare(entry))
    found: list[Candidate] = []
    for seen in by_kind.values():
        for i, j in _pairs(seen):
            a, b = seen[i], seen[j]
            if (min(a.entry.id, b.entry.id), max(a.entry.id, b.entry.id)) in decided:
                continue
            if a.parts.key == b.parts.key and a.entry.country == b.entry.country:
                continue  # the same signatory by definition; the database merged them
            value, reasons = score(a, b)
            if value >= threshold:
                first, second = sorted((a.entry, b.entry), key=lambda e: e.id)
                found.append(Candidate(first, second, round(value, 3), tuple(reasons)))
    found.sort(key=lambda c: (-c.score, c.first.id, c.second.id))
    return found
