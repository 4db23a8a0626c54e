"""Who may see an organiser page: the signed-in organiser of that letter or an admin."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

import sqlalchemy as sa
from flask import abort, redirect, request, session, url_for

from signon.domain.redirects import safe_return_path
from signon.errors import NotFound
from signon.extensions import db
from signon.letters.models import Letter
from signon.letters.services import get_letter
from signon.organisers import sessions
from signon.organisers.models import LetterOrganiser, Organiser

SESSION_KEY = sessions.SESSION_KEY  # where the cookie names the organiser
# The organiser page asked for before signing in, to return to afterwards.
RETURN_KEY = "return_to"
P = ParamSpec("P")
R = TypeVar("R")


def sign_in_required(view: Callable[P, R]) -> Callable[P, R]:
    """A signed-out visitor is sent to the sign-in page, and back here once signed in."""

    @wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        if current_organiser() is None:
            path = safe_return_path(request.full_path.rstrip("?"))
            if request.method == "GET" and path:
                session[RETURN_KEY] = path
            return redirect(url_for("organisers.sign_in"), code=303)  # type: ignore[return-value]
        return view(*args, **kwargs)

    return guarded


def take_return_path() -> str | None:
    """The page to return to after signing in (once), if it is a path on this site."""
    return safe_return_path(session.pop(RETURN_KEY, None))


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
