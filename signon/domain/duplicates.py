"""Exact and candidate duplicates among a letter's signatories.

Exact: equal `name_key`, kind and country; the database merges those on arrival.
Candidates: pairs an organiser should look at, each with a score in 0..1 and its reasons.
Pairs are found through blocking (shared acronym, alias, website or email domain) and
sorted neighbourhoods of the names, never by comparing every pair.
"""

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from signon.domain.batch import cycle_collection_paused
from signon.domain.duplicate_rules import SIMILAR, Entry, Seen, prepare, score
from signon.domain.names import name_key

# A block larger than this says nothing (e.g. everyone with the initials "ICJ"): skipped.
MAX_BLOCK = 16
MAX_ACRONYM_BLOCK = 64
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


def _block_pairs(seen: list[Seen]) -> Iterable[tuple[int, int]]:
    """Pairs that share an alias, a website or an email domain, or where one name is an
    acronym ("HRW") that another has as acronym or initials.

    Two full names with one acronym or the same initials are weak evidence (unrelated
    organisations share them all the time): such pairs are scored only when something
    else brings them together.
    """
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
    for (kind, _), block in index.items():
        # Pairs in an acronym block are one bare acronym with each other entry: linear.
        if len(block) > (MAX_ACRONYM_BLOCK if kind == "acronym" else MAX_BLOCK):
            continue
        if kind != "acronym":
            yield from itertools.combinations(block, 2)
            continue
        for i in block:
            if seen[i].parts.is_acronym:
                yield from ((i, j) for j in block if j != i)


def _neighbours(seen: list[Seen]) -> Iterable[tuple[int, int]]:
    """Pairs that sit close in some sort order of the names and are spelt alike."""
    # Words sorted once here, so that plain `ratio` below is `token_sort_ratio`.
    words = [s.parts.sorted_words for s in seen]
    latin = [s.parts.latin for s in seen]
    for order in (latin, [t[::-1] for t in latin], words):
        ranked = sorted(range(len(seen)), key=order.__getitem__)
        ranked_words = [words[i] for i in ranked]
        for step in range(1, WINDOW + 1):
            # One vectorised call per offset instead of a Python loop over every pair.
            scores = process.cpdist(
                ranked_words[:-step],
                ranked_words[step:],
                scorer=fuzz.ratio,
                score_cutoff=SIMILAR,
                dtype="uint8",
            )
            for k in scores.nonzero()[0].tolist():
                yield ranked[k], ranked[k + step]


def _pairs(seen: list[Seen]) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    for i, j in itertools.chain(_block_pairs(seen), _neighbours(seen)):
        if i != j:
            found.add((i, j) if i < j else (j, i))
    return found


def find_candidates(
    entries: Iterable[Entry],
    distinct: Iterable[tuple[int, int]] = (),
    threshold: float = THRESHOLD,
) -> list[Candidate]:
    """Candidate duplicates, best first; pairs an organiser marked distinct never come back."""
    with cycle_collection_paused():
        return _find(list(entries), distinct, threshold)


def _find(
    entries: list[Entry], distinct: Iterable[tuple[int, int]], threshold: float
) -> list[Candidate]:
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
            value, reasons = score(a, b, threshold)
            if value >= threshold:
                first, second = sorted((a.entry, b.entry), key=lambda e: e.id)
                found.append(Candidate(first, second, round(value, 3), tuple(reasons)))
    found.sort(key=lambda c: (-c.score, c.first.id, c.second.id))
    return found
