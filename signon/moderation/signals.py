"""Trust signals beside each sign-on, gathered from the database for the moderation pages."""

from datetime import datetime

import sqlalchemy as sa

from signon.domain import trust
from signon.letters.models import Letter
from signon.signing.models import SignOn
from signon.storage.extensions import db

# The entry of the name and country a sign-on came under, whatever merges did since.
SPELLING = sa.func.coalesce(SignOn.home_id, SignOn.signatory_id)


def _spelling(sign_on: SignOn) -> int:
    return sign_on.home_id or sign_on.signatory_id


def trust_signals(sign_on: SignOn) -> list[trust.Signal]:
    """Hints for the organiser's decision about one sign-on."""
    return trust_signals_for(sign_on.letter, [sign_on])[sign_on.id]


def trust_signals_for(letter: Letter, sign_ons: list[SignOn]) -> dict[int, list[trust.Signal]]:
    """Hints beside each sign-on: domains, webmail, website, the same name signed before,
    the same address range minutes apart."""
    prefixes = {s.ip_prefix for s in sign_ons if s.ip_prefix}
    spellings = {_spelling(s) for s in sign_ons}
    by_prefix: dict[str, list[tuple[int, str, datetime]]] = {}
    by_spelling: dict[int, list[tuple[int, str]]] = {}
    if sign_ons:
        # One query for both: the page costs the same whatever its number of rows.
        rows = db.session.execute(
            sa.select(
                SignOn.id,
                SignOn.listed_name.label("name"),
                SignOn.created_at,
                SignOn.ip_prefix,
                SPELLING.label("spelling"),
            ).where(
                SignOn.letter_id == letter.id,
                sa.or_(SignOn.ip_prefix.in_(prefixes), SPELLING.in_(spellings)),
            )
        )
        for row in rows:
            if row.ip_prefix in prefixes:
                by_prefix.setdefault(row.ip_prefix, []).append((row.id, row.name, row.created_at))
            by_spelling.setdefault(row.spelling, []).append((row.id, row.name))
    result = {}
    for s in sign_ons:
        signals = trust.domain_signals(s.contact_email, s.website)
        same_name = [o for o in by_spelling.get(_spelling(s), []) if o[0] != s.id]
        others = [o for o in by_prefix.get(s.ip_prefix, []) if o[0] != s.id]
        near = trust.nearby_signal(s.created_at, others) if s.ip_prefix else None
        repeat = trust.repeat_signal(same_name)
        result[s.id] = [*([repeat] if repeat else []), *signals, *([near] if near else [])]
    return result
