"""A likely typo in an email address's domain ("gmial.com"), and the domain meant. Pure.

A signer who mistypes their domain never gets the confirmation email, so the form asks
"Did you mean ana@gmail.com?" before it takes the sign-on; the signer may keep what they typed.
"""

from collections.abc import Iterable

from rapidfuzz.distance import DamerauLevenshtein

from signon.domain.countries import is_country
from signon.domain.web import WEBMAIL, mail_host

# The providers a signer most likely meant, most used first (the first wins a tie).
COMMON_PROVIDERS = (
    "gmail.com",
    "hotmail.com",
    "yahoo.com",
    "outlook.com",
    "yahoo.fr",
    "hotmail.fr",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "laposte.net",
    "gmx.de",
    "web.de",
    "yahoo.es",
    "hotmail.es",
    "outlook.fr",
    "outlook.es",
    "icloud.com",
    "protonmail.com",
    "proton.me",
    "live.com",
    "live.fr",
    "aol.com",
    "msn.com",
    "ymail.com",
    "googlemail.com",
    "hotmail.co.uk",
    "yahoo.co.uk",
    "gmx.net",
    "gmx.fr",
    "sfr.fr",
    "mail.com",
)
# Domains that are real as typed: never questioned (the webmail list of the trust signals too).
KNOWN = frozenset(COMMON_PROVIDERS) | WEBMAIL
# Top-level domains an organisation really uses besides the country codes: "amnesty.fr" next to
# a letter's "amnesty.org" is another real domain, not a typo of it.
GENERIC_TLDS = frozenset(
    ["com", "org", "net", "int", "edu", "gov", "info", "ngo", "ong", "eu", "uk", "africa", "asia"]
)


def _most_edits(domain: str) -> int:
    # Two edits turn a short domain into many others ("web.de" and "wen.de"): one at most there.
    return 1 if len(domain) <= 7 else 2


def _tld(domain: str) -> str:
    return domain.rpartition(".")[2]


def _real_tld(tld: str) -> bool:
    return tld in GENERIC_TLDS or (len(tld) == 2 and is_country(tld.upper()))


def _another_real_domain(typed: str, candidate: str) -> bool:
    """Only the top-level domain differs, and both are real ones: two sites, not a typo.

    "hotmail.be" is Belgian Hotmail, not a typo of "hotmail.fr". But ".co" and ".cm", real as
    they are, are mostly ".com" typed short: those are still asked about.
    """
    name, _, tld = typed.rpartition(".")
    other_name, _, other_tld = candidate.rpartition(".")
    if name != other_name or not (_real_tld(tld) and _real_tld(other_tld)):
        return False
    return not (other_tld == "com" and DamerauLevenshtein.distance(tld, "com") <= 1)


def suggested_domain(typed: str, signers_domains: Iterable[str] = ()) -> str | None:
    """The domain `typed` is most likely a typo of, or None when it looks meant.

    Candidates are the common providers and `signers_domains` (the letter's own, chosen by the
    caller); a domain that is one of them is never questioned. The closest candidate within
    one or two edits (a swap of two letters is one) wins; a provider wins a tie.
    """
    typed = typed.strip().lower()
    own = [d.strip().lower() for d in signers_domains]
    if not typed or "." not in typed or typed in KNOWN or typed in own:
        return None
    most = _most_edits(typed)
    best: tuple[int, int, str] | None = None
    candidates = [*COMMON_PROVIDERS, *sorted(set(own))]
    for rank, candidate in enumerate(candidates):
        edits = DamerauLevenshtein.distance(typed, candidate, score_cutoff=most)
        if edits > most or _another_real_domain(typed, candidate):
            continue
        if best is None or (edits, rank) < best[:2]:
            best = (edits, rank, candidate)
    return best[2] if best else None


def suggested_address(address: str, signers_domains: Iterable[str] = ()) -> str | None:
    """The address with its domain corrected ("ana@gmial.com" -> "ana@gmail.com"), or None."""
    domain = mail_host(address)
    better = suggested_domain(domain, signers_domains) if domain else None
    if better is None:
        return None
    local = address.strip().rpartition("@")[0]
    return f"{local}@{better}"
