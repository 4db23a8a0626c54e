"""A letter's team: who organises it, who may add to it, which letters an organiser has."""

import logging

import sqlalchemy as sa
from flask_babel import gettext

from signon.accounts import services as accounts
from signon.accounts.models import Organiser
from signon.audit import trail as audit
from signon.core.errors import SignonError
from signon.letters.models import Letter
from signon.letters.sender import email_values
from signon.letters.team_models import LetterOrganiser
from signon.storage.extensions import db

log = logging.getLogger(__name__)


def membership(organiser: Organiser, letter: Letter) -> LetterOrganiser | None:
    """The organiser's membership of the letter, if any."""
    return db.session.get(LetterOrganiser, (letter.id, organiser.id))


def can_manage_team(organiser: Organiser, letter: Letter) -> bool:
    """Owners and admins add co-organisers."""
    member = membership(organiser, letter)
    return organiser.is_admin or (member is not None and member.is_owner)


def add_member(
    letter: Letter, email: str, *, actor: str, is_owner: bool = False, invite: bool = False
) -> Organiser:
    """Give an organiser (created and invited by email if new) access to the letter."""
    organiser = accounts.find_organiser(email)
    if organiser is None:
        organiser = accounts.add_organiser(email)
    if membership(organiser, letter) is not None:
        raise SignonError(
            gettext("%(email)s already organises this letter.", email=organiser.email)
        )
    db.session.add(
        LetterOrganiser(letter_id=letter.id, organiser_id=organiser.id, is_owner=is_owner)
    )
    audit.record(letter.id, actor, "organiser_added", email=organiser.email, owner=is_owner)
    if invite:
        accounts.send_invitation(organiser, letter, actor, **email_values(letter))
    db.session.flush()
    log.info("organiser %s added to letter %s by %s", organiser.id, letter.slug, audit.who(actor))
    return organiser


def add_owner(letter: Letter, email: str, *, actor: str, invite: bool = False) -> Organiser:
    """Make someone an owner of the letter: added (created if new) or raised from co-organiser.

    The team page (for admins) and `letter add-owner` share this; it is audited and flushed.
    """
    organiser = accounts.find_organiser(email)
    member = membership(organiser, letter) if organiser is not None else None
    if member is None:
        return add_member(letter, email, actor=actor, is_owner=True, invite=invite)
    if member.is_owner:
        raise SignonError(f"{organiser.email} already organises this letter as an owner.")
    member.is_owner = True
    audit.record(letter.id, actor, "owner_made", email=organiser.email)
    db.session.flush()
    log.info("organiser %s made owner of %s by %s", organiser.id, letter.slug, audit.who(actor))
    return organiser


def letters_of(organiser: Organiser) -> list[Letter]:
    """The letters an organiser belongs to (every letter for an admin), newest first."""
    query = sa.select(Letter).order_by(Letter.created_at.desc(), Letter.id.desc())
    if not organiser.is_admin:
        query = query.join(LetterOrganiser, LetterOrganiser.letter_id == Letter.id).where(
            LetterOrganiser.organiser_id == organiser.id
        )
    return list(db.session.scalars(query))


def team(letter: Letter) -> list[LetterOrganiser]:
    """The letter's organisers, owners first."""
    return list(
        db.session.scalars(
            sa.select(LetterOrganiser)
            .join(Organiser)
            .where(LetterOrganiser.letter_id == letter.id)
            .order_by(LetterOrganiser.is_owner.desc(), Organiser.email)
        )
    )
