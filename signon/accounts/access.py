"""Who is signed in, and the decorator that sends everyone else to the sign-in page."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort, current_app, redirect, request, session, url_for
from werkzeug.wrappers import Response

from signon.accounts import sessions
from signon.accounts.models import Organiser
from signon.domain.redirects import safe_return_path

SESSION_KEY = sessions.SESSION_KEY  # where the cookie names the organiser
# The organiser page asked for before signing in, to return to afterwards.
RETURN_KEY = "return_to"
# Set on the views of /organise that anyone may open (signing in, a draft's preview link).
PUBLIC = "signon_public_page"
P = ParamSpec("P")
R = TypeVar("R")


def sign_in_required(view: Callable[P, R]) -> Callable[P, R]:
    """A signed-out visitor is sent to the sign-in page, and back here once signed in."""

    @wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        if current_organiser() is None:
            return _to_sign_in()  # type: ignore[return-value]
        return view(*args, **kwargs)

    return guarded


def public_page(view: Callable[P, R]) -> Callable[P, R]:
    """Mark a view of the organiser area that a signed-out visitor may open."""
    setattr(view, PUBLIC, True)
    return view


def require_sign_in() -> Response | None:
    """Before every organiser page but the public ones: signed-out visitors go to sign in."""
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, PUBLIC, False) or current_organiser() is not None:
        return None
    return _to_sign_in()


def _to_sign_in() -> Response:
    path = safe_return_path(request.full_path.rstrip("?"))
    if request.method == "GET" and path:
        session[RETURN_KEY] = path
    return redirect(url_for("organise.accounts.sign_in"), code=303)


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
