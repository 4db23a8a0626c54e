"""How much two signatories look like one organisation, and why."""

from dataclasses import dataclass

from rapidfuzz import fuzz

from signon.domain.name_parts import NameParts, parts
from signon.domain.places import place_in, same_place
from signon.domain.web import email_domain, website_domain

SIMILAR = 85.0  # fuzzy similarity (0..100) from which names count as alike
MAIL_SIMILAR = 60.0  # a shared email domain counts when names are at least this alike
# Evidence of different organisations: different places in the qualifiers, other countries.
OTHER_PLACE = 0.2
OTHER_COUNTRY = 0.75
# An acronym shared by two full names is common among unrelated organisations: on its own
# it stays below the threshold. A name that is only the acronym is stronger evidence.
WEAK_ACRONYM = 0.45
STRONG_ACRONYM = 0.75


@dataclass(frozen=True)
class Entry:
    """One signatory as the duplicate search sees it."""

    id: int
    name: str
    country: str = ""
    kind: str = "organisation"
    acronyms: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class Seen:
    """An entry with its name taken apart and its domains worked out."""

    entry: Entry
    parts: NameParts
    domains: frozenset[str]
    mail_domains: frozenset[str]


def prepare(entry: Entry) -> Seen:
    """Work out once what every comparison of this entry needs."""
    return Seen(
        entry,
        parts(entry.name, tuple(sorted(set(entry.acronyms)))),
        frozenset(d for w in entry.websites if (d := website_domain(w))),
        frozenset(d for e in entry.emails if (d := email_domain(e))),
    )


def _acronym_reasons(a: Seen, b: Seen) -> tuple[float, list[str]]:
    pa, pb = a.parts, b.parts
    if not pa.acronyms.isdisjoint(pb.acronyms):
        weight = STRONG_ACRONYM if pa.is_acronym or pb.is_acronym else WEAK_ACRONYM
        return weight, [f"same acronym ({min(pa.acronyms & pb.acronyms)})"]
    for x, y in ((a, b), (b, a)):
        if not x.parts.acronyms.isdisjoint(y.parts.initials):
            hit = min(x.parts.acronyms & y.parts.initials)
            weight = STRONG_ACRONYM if x.parts.is_acronym else WEAK_ACRONYM
            return weight, [f"acronym {hit} = initials of {y.entry.name}"]
    return 0.0, []


def _name_reasons(a: Seen, b: Seen, similarity: float) -> list[tuple[float, str]]:
    pa, pb = a.parts, b.parts
    found = []
    if not pa.aliases.isdisjoint(pb.aliases):
        if pa.base_key == pb.base_key:
            found.append((0.8, "same name apart from a qualifier"))
        else:
            found.append((0.8, "same name as one language of a bilingual name"))
    elif pa.latin == pb.latin:
        found.append((0.85, "same name in another script"))
    elif pa.loose and pa.loose == pb.loose:
        found.append((0.85, "same name apart from small words or '&'"))
    if similarity >= SIMILAR:
        found.append((0.4 + (similarity - SIMILAR) / (100 - SIMILAR) * 0.5, "similar names"))
    return found


def _other_places(pa: NameParts, pb: NameParts) -> tuple[str, str] | None:
    """Two places that tell the names apart: qualifiers ("ICJ – Kenya" / "ICJ – Norway"), or
    the words in which the names differ ("Mombasa Youth Forum" / "Kisumu Youth Forum")."""
    if pa.place and pb.place:
        return None if same_place(pa.place, pb.place) else (pa.place, pb.place)
    words_a, words_b = pa.key.split(), pb.key.split()
    only_a = " ".join(w for w in words_a if w not in words_b)
    only_b = " ".join(w for w in words_b if w not in words_a)
    if not only_a or not only_b:
        return None
    place_a, place_b = place_in(only_a), place_in(only_b)
    if not place_a or not place_b or same_place(place_a, place_b):
        return None
    return place_a, place_b


def score(a: Seen, b: Seen, threshold: float = 0.0) -> tuple[float, list[str]]:
    """A score in 0..1 (signals combined as independent evidence) and its reasons.

    Below `threshold` the answer is (score, []) without the reasons, which are costly.
    """
    # `ratio` of the words in sorted order is `token_sort_ratio`, without sorting again.
    similarity = fuzz.ratio(a.parts.sorted_words, b.parts.sorted_words)
    signals: list[tuple[float, str]] = _name_reasons(a, b, similarity)
    weight, acronym_reasons = _acronym_reasons(a, b)
    signals += [(weight, r) for r in acronym_reasons]
    web = a.domains & b.domains
    if web:
        signals.append((0.7, f"same website domain ({min(web)})"))
    mail = a.mail_domains & b.mail_domains
    if mail and similarity >= MAIL_SIMILAR:
        signals.append((0.5, f"same contact-email domain ({min(mail)}) and similar names"))
    doubt = 1.0
    for value, _ in signals:
        doubt *= 1 - value
    value = 1 - doubt
    if value < threshold or not signals:  # penalties below only lower it
        return value, []
    reasons = [f"{r} ({similarity:.0f}%)" if r == "similar names" else r for _, r in signals]
    places = _other_places(a.parts, b.parts)
    if places:
        value *= OTHER_PLACE
        reasons.append(f"different places ({places[0]} / {places[1]})")
    if a.entry.country and b.entry.country and a.entry.country != b.entry.country:
        value *= OTHER_COUNTRY
        reasons.append(f"different countries ({a.entry.country} / {b.entry.country})")
    return value, reasons
