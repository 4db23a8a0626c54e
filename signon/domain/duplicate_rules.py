"""How much two signatories look like one organisation, and why."""

from dataclasses import dataclass

from rapidfuzz import fuzz

from signon.domain.name_parts import NameParts, parts
from signon.domain.web import email_domain, website_domain

SIMILAR = 85.0  # fuzzy similarity (0..100) from which names count as alike
MAIL_SIMILAR = 60.0  # a shared email domain counts when names are at least this alike
# Evidence of different organisations: different places in the qualifiers, other countries.
OTHER_PLACE = 0.2
OTHER_COUNTRY = 0.75


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
    same = sorted(pa.acronyms & pb.acronyms)
    if same:
        weight = 0.75 if pa.is_acronym or pb.is_acronym else 0.6
        return weight, [f"same acronym ({same[0]})"]
    for x, y in ((a, b), (b, a)):
        hit = sorted(x.parts.acronyms & y.parts.initials)
        if hit:
            weight = 0.75 if x.parts.is_acronym else 0.6
            return weight, [f"acronym {hit[0]} = initials of {y.entry.name}"]
    return 0.0, []


def _name_reasons(a: Seen, b: Seen, similarity: float) -> list[tuple[float, str]]:
    pa, pb = a.parts, b.parts
    found = []
    if pa.aliases & pb.aliases:
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


def score(a: Seen, b: Seen) -> tuple[float, list[str]]:
    """A score in 0..1 (signals combined as independent evidence) and its reasons."""
    similarity = fuzz.token_sort_ratio(a.parts.latin, b.parts.latin)
    signals: list[tuple[float, str]] = _name_reasons(a, b, similarity)
    weight, acronym_reasons = _acronym_reasons(a, b)
    signals += [(weight, r) for r in acronym_reasons]
    web = sorted(a.domains & b.domains)
    if web:
        signals.append((0.7, f"same website domain ({web[0]})"))
    mail = sorted(a.mail_domains & b.mail_domains)
    if mail and similarity >= MAIL_SIMILAR:
        signals.append((0.5, f"same contact-email domain ({mail[0]}) and similar names"))
    if not signals:
        return 0.0, []
    doubt = 1.0
    for value, _ in signals:
        doubt *= 1 - value
    value = 1 - doubt
    reasons = [f"{r} ({similarity:.0f}%)" if r == "similar names" else r for _, r in signals]
    pa, pb = a.parts, b.parts
    if pa.place and pb.place and pa.place != pb.place:
        value *= OTHER_PLACE
        reasons.append(f"different places ({pa.place} / {pb.place})")
    if a.entry.country and b.entry.country and a.entry.country != b.entry.country:
        value *= OTHER_COUNTRY
        reasons.append(f"different countries ({a.entry.country} / {b.entry.country})")
    return value, reasons
