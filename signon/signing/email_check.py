"""Asking a signer about a likely typo in their email's domain before taking the sign-on."""

import time

import sqlalchemy as sa
from flask import current_app

from signon.domain.email_typos import KNOWN, mail_host, suggested_address
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.extensions import db

# A domain of the letter's own signers is suggested (or taken as real) only when at least this
# many different confirmed contacts of the letter use it. A suggestion tells the visitor that
# the domain is on the letter, and whether a domain is questioned tells it too: a domain used
# by one person (their own, a small group's) would say that that person signed, confirmed or
# not yet approved. Three addresses at one domain are an organisation's staff, not a person.
SHARED_BY = 3
CONFIRMED = (SignOnStatus.VERIFIED, SignOnStatus.APPROVED)


def _domain(column: sa.ColumnElement[str]) -> sa.ColumnElement[str]:
    """The part after the @ in SQL (the form allows one @ only)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return sa.func.split_part(column, "@", 2)
    return sa.func.substr(column, sa.func.instr(column, "@") + 1)


def signers_domains(letter_id: int) -> list[str]:
    """Domains of the letter's confirmed sign-ons' addresses shared by `SHARED_BY` contacts."""
    email = sa.func.lower(SignOn.contact_email)
    domain = _domain(email).label("domain")
    rows = db.session.execute(
        sa.select(domain)
        .where(
            SignOn.letter_id == letter_id,
            SignOn.status.in_(CONFIRMED),
            SignOn.contact_email != "",
        )
        .group_by(domain)
        .having(sa.func.count(sa.distinct(email)) >= SHARED_BY)
    )
    return [row.domain for row in rows if row.domain]


def suggestion(letter_id: int, address: str, checked: str = "") -> str | None:
    """The address the signer probably meant, unless they already chose to keep this one."""
    if not address or address == checked or mail_host(address) in KNOWN:
        return None  # a provider's own domain is never questioned: no need to read the letter's
    return suggested_address(address, _recent_signers_domains(letter_id))


def _recent_signers_domains(letter_id: int) -> list[str]:
    """`signers_domains`, read at most `LETTER_FACTS_SECONDS` ago in this process.

    They change slowly (three confirmed contacts at one domain), and reading them asked the
    database a grouped query, and opened a transaction, before every sign-on.
    """
    cache: dict[int, tuple[float, list[str]]] = current_app.extensions.setdefault(
        "signon.signers_domains", {}
    )
    now = time.monotonic()
    hit = cache.get(letter_id)
    if hit is not None and now - hit[0] < current_app.config["LETTER_FACTS_SECONDS"]:
        return hit[1]
    domains = signers_domains(letter_id)
    cache[letter_id] = now, domains
    return domains
