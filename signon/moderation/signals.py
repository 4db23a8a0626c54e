"""Trust signals beside each sign-on, gathered from the database for the moderation pages."""

from datetime import datetime

import sqlalchemy as sa

from signon.domain import trust
from signon.letters.models import Letter
from signon.signing.models import SignOn
from signon.storage.extensions import db


def trust_signals(sign_on: SignOn) -> list[trust.Signal]:
    """Hints for the organiser's decision about one sign-on."""
    return trust_signals_for(sign_on.letter, [sign_on])[sign_on.id]


def trust_signals_for(letter: Letter, sign_ons: list[SignOn]) -> dict[int, list[trust.Signal]]:
    """Hints beside each sign-on: domains, webmail, website, same address range minutes apart."""
    prefixes = {s.ip_prefix for s in sign_ons if s.ip_prefix}
    by_prefix: dict[str, list[tuple[int, str, datetime]]] = {}
    if prefixes:
        rows = db.session.execute(
            sa.select(
                SignOn.id, SignOn.listed_name.label("name"), SignOn.created_at, SignOn.ip_prefix
            ).where(SignOn.letter_id == letter.id, SignOn.ip_prefix.in_(prefixes))
        )
        for row in rows:
            by_prefix.setdefault(row.ip_prefix, []).append((row.id, row.name, row.created_at))
    result = {}
    for s in sign_ons:
        signals = trust.domain_signals(s.contact_email, s.website)
        others = [o for o in by_prefix.get(s.ip_prefix, []) if o[0] != s.id]
        near = trust.nearby_signal(s.created_at, others) if s.ip_prefix else None
        result[s.id] = [*signals, near] if near else signals
    return result
