"""Who can be invited to a letter: contacts of earlier letters who agreed, one per organisation.

Invitable: a sign-on of another letter whose contact ticked "Tell us about this coalition's
future letters", with a confirmed address (verified or approved), not erased (its own row,
nor the address erased on request on any letter), not unsubscribed from any
letter's optional emails, not already signed on this letter, and not invited to it before.
One per address and organisation: the organisation is the entry the sign-on is listed under
(so spellings an organiser merged are one), named by that entry's country and name key.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from signon.domain.regions import region_of
from signon.invitations.models import Invitation
from signon.mail.models import Unsubscribe
from signon.signing.erased import ErasedContact, email_key
from signon.signing.models import Signatory, SignOn, SignOnStatus
from signon.storage.extensions import db

CONFIRMED = (SignOnStatus.VERIFIED, SignOnStatus.APPROVED)


@dataclass(frozen=True)
class Choice:
    """Whom an organiser asks to invite; an empty part does not narrow the choice."""

    from_letters: tuple[int, ...] = ()
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contact:
    """One address and organisation to invite, from the contact's latest sign-on."""

    source_id: int
    email: str  # lower case
    country: str
    name_key: str
    language: str
    from_letter: int

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes one invitation: the address and the organisation."""
        return (self.email, self.country, self.name_key)


def _candidates(letter_id: int, choice: Choice) -> Iterable[sa.Row]:
    entry = sa.orm.aliased(Signatory)
    query = (
        sa.select(
            SignOn.id,
            sa.func.lower(SignOn.contact_email).label("email"),
            entry.country,
            entry.name_key,
            SignOn.language,
            SignOn.letter_id,
        )
        .join(entry, entry.id == SignOn.signatory_id)
        .where(
            SignOn.invite_consent.is_not(None),
            SignOn.anonymised_at.is_(None),
            SignOn.contact_email != "",
            SignOn.status.in_(CONFIRMED),
            SignOn.letter_id != letter_id,
        )
        # The latest sign-on of a contact speaks for it: its details and its language.
        .order_by(SignOn.id.desc())
    )
    if choice.from_letters:
        query = query.where(SignOn.letter_id.in_(choice.from_letters))
    if choice.countries:
        query = query.where(entry.country.in_(choice.countries))
    if choice.languages:
        query = query.where(SignOn.language.in_(choice.languages))
    return db.session.execute(query)


def _excluded_addresses(letter_id: int) -> set[str]:
    unsubscribed = sa.select(sa.func.lower(Unsubscribe.email))
    signed = sa.select(sa.func.lower(SignOn.contact_email)).where(
        SignOn.letter_id == letter_id, SignOn.anonymised_at.is_(None)
    )
    return set(db.session.scalars(unsubscribed.union(signed)))


def invitable(letter_id: int, choice: Choice) -> list[Contact]:
    """The contacts this choice invites to the letter now, oldest organisation first."""
    excluded = _excluded_addresses(letter_id)
    # Erased on request anywhere: never invited. The retention period's erasure of an old
    # letter's copy does not withdraw the consent given on a later letter.
    erased = set(
        db.session.scalars(
            sa.select(ErasedContact.email_key).where(ErasedContact.on_request.is_(True))
        )
    )
    invited = {
        (row.email, row.country, row.name_key)
        for row in db.session.execute(
            sa.select(Invitation.email, Invitation.country, Invitation.name_key).where(
                Invitation.letter_id == letter_id
            )
        )
    }
    regions = set(choice.regions)
    found: dict[tuple[str, str, str], Contact] = {}
    for row in _candidates(letter_id, choice):
        contact = Contact(row.id, row.email, row.country, row.name_key, row.language, row.letter_id)
        if contact.key in found or contact.key in invited or contact.email in excluded:
            continue
        if regions and region_of(contact.country) not in regions:
            continue
        found[contact.key] = contact
    # The erased list is keyed: each address is checked once, after the cheap filters.
    kept = [c for c in found.values() if email_key(c.email) not in erased]
    return sorted(kept, key=lambda c: c.source_id)
