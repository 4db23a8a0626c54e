"""Who may see an organiser page: the signed-in organiser of that letter or an admin."""

import sqlalchemy as sa
from flask import abort

from signon.errors import NotFound
from signon.extensions import db
from signon.letters.models import Letter
from signon.letters.services import get_letter
from signon.organisers import sessions
from signon.organisers.models import LetterOrganiser, Organiser

SESSION_KEY = sessions.SESSION_KEY  # where the cookie names the organiser


def current_organiser() -> Organiser | None:
    """The organiser signed in on this browser session, if the session has not ended."""
    return sessions.signed_in()


def require_organiser() -> Organiser:
    """The signed-in organiser; a 404 for anyone else."""
    organiser = current_organiser()
    if organiser is None:
        abort(404)
    return organiser


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
