"""Who may see a letter's organiser pages: an organiser of that letter, or an admin."""

import sqlalchemy as sa
from flask import abort

from signon.accounts.access import current_organiser
from signon.accounts.models import Organiser
from signon.core.errors import NotFound
from signon.letters.models import Letter
from signon.letters.services import get_letter
from signon.letters.team_models import LetterOrganiser
from signon.storage.extensions import db


def is_member(organiser: Organiser, letter: Letter) -> bool:
    """Whether the organiser belongs to the letter."""
    return (
        db.session.scalar(
            sa.select(LetterOrganiser.letter_id).where(
                LetterOrganiser.letter_id == letter.id,
                LetterOrganiser.organiser_id == organiser.id,
            )
        )
        is not None
    )


def organiser_letter(slug: str) -> tuple[Organiser, Letter]:
    """The letter for an organiser page; a 404 for anyone who does not belong to it."""
    organiser = current_organiser()
    if organiser is None:
        abort(404)
    try:
        letter = get_letter(slug)
    except NotFound:
        abort(404)
    if not (organiser.is_admin or is_member(organiser, letter)):
        abort(404)
    return organiser, letter
