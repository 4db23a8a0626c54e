"""Who may open the directory: administrators and every organiser who owns a letter."""

import sqlalchemy as sa
from flask import abort

from signon.accounts.access import require_organiser
from signon.accounts.models import Organiser
from signon.letters.team_models import LetterOrganiser
from signon.storage.extensions import db


def may_see(organiser: Organiser) -> bool:
    """Whether the organiser is an administrator or owns at least one letter."""
    if organiser.is_admin:
        return True
    owns = sa.select(LetterOrganiser.letter_id).where(
        LetterOrganiser.organiser_id == organiser.id, LetterOrganiser.is_owner.is_(True)
    )
    return db.session.scalar(owns.limit(1)) is not None


def directory_reader() -> Organiser:
    """The signed-in organiser if they may see the directory; a 404 for anyone else."""
    organiser = require_organiser()
    if not may_see(organiser):
        abort(404)
    return organiser


def directory_admin() -> Organiser:
    """The signed-in administrator; a 404 for anyone else (the directory's decisions)."""
    organiser = require_organiser()
    if not organiser.is_admin:
        abort(404)
    return organiser
