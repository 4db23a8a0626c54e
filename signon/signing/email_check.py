"""Asking a signer about a likely typo in their email's domain before taking the sign-on."""

import sqlalchemy as sa

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
    return suggested_address(address, signers_domains(letter_id))
