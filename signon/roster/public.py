"""What the public may see of a list: when it is shown, and the embeddable summary."""

import json

import sqlalchemy as sa

from signon.domain.countries import country_name
from signon.domain.names import name_key
from signon.letters.models import Letter, LetterStatus
from signon.roster.options import ExportOptions
from signon.roster.rows import listing
from signon.signing.final_list import ListedSignatory, signed_count
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.extensions import db
from signon.web.urls import external_url


def list_is_public(letter: Letter) -> bool:
    """Names are public once the letter is published, or earlier if organisers allow it."""
    return letter.status == LetterStatus.PUBLISHED or bool(letter.live_list)


def signatory_count(letter: Letter) -> int:
    """How many signatories have at least one approved sign-on (a cheap count)."""
    return (
        db.session.scalar(
            sa.select(sa.func.count(sa.distinct(SignOn.signatory_id))).where(
                SignOn.letter_id == letter.id, SignOn.status == SignOnStatus.APPROVED
            )
        )
        or 0
    )


def search_key(row: ListedSignatory, language: str = "en") -> str:
    """What a search looks in (case and accents ignored): name, acronym and country."""
    haystack = " ".join((row.name, row.acronym, country_name(row.country, language), row.country))
    return name_key(haystack)


def embed_payload(letter: Letter) -> bytes:
    """The JSON for coalition websites: never contact data; names only when the list is public."""
    shown = list_is_public(letter)
    # The streamed list (final order): no ORM object per signatory for a big list.
    # English country names in the root order, as before exports had a language.
    options = ExportOptions(individuals_apart=False, language="en")
    rows = listing(letter, options).rows if shown else iter(())
    signatories = [
        {"name": r.name, "country": r.country, "country_name": country_name(r.country)}
        for r in rows
    ]
    payload = {
        "slug": letter.slug,
        "title": letter.title,
        "status": letter.status,
        "open": letter.is_open,
        "url": external_url("signing.show", slug=letter.slug),
        "sign_url": external_url("signing.show", slug=letter.slug, _anchor="sign"),
        "count": len(signatories) if shown else signatory_count(letter),
        "list_public": shown,
        # Confirmed signatories, approved or still waiting for review (a count, no names).
        "signed": signed_count(letter.id),
        "signatories": signatories,
    }
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")
