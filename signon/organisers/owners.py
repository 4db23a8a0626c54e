"""Owners of a letter: added by an admin on the team page or by `letter add-owner`."""

import logging

from signon.errors import SignonError
from signon.extensions import db
from signon.letters.models import Letter
from signon.organisers import accounts, audit
from signon.organisers.models import Organiser

log = logging.getLogger(__name__)


def add_owner(letter: Letter, email: str, *, actor: str, invite: bool = False) -> Organiser:
    """Make someone an owner of the letter: added (created if new) or raised from co-organiser.

    The web team page (for admins) and `letter add-owner` share this; it is audited.
    """
    organiser = accounts.find_organiser(email)
    member = accounts.membership(organiser, letter) if organiser is not None else None
    if member is None:
        return accounts.add_member(letter, email, actor=actor, is_owner=True, invite=invite)
    if member.is_owner:
        raise SignonError(f"{organiser.email} already organises this letter as an owner.")
    member.is_owner = True
    audit.record(letter.id, actor, "owner_made", email=organiser.email)
    db.session.commit()
    log.info("organiser %s made owner of %s by %s", organiser.id, letter.slug, audit.who(actor))
    return organiser
