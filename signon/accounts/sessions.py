"""Organiser sessions: begun by a sign-in link, ended by sign-out or by their lifetime.

The cookie is signed but lives in the browser, so the server decides whether it still
counts: it names the organiser's session generation (signing out moves the organiser to
the next one, ending every copy of the cookie) and when the sign-in happened (a session
is over `PERMANENT_SESSION_LIFETIME` after it, whatever the cookie says).
"""

import time

from flask import current_app, g, session

from signon.accounts.models import Organiser
from signon.storage.extensions import db
from signon.web.i18n import SESSION_KEY as LANGUAGE_KEY

SESSION_KEY = "organiser_id"
GENERATION_KEY = "organiser_generation"
SIGNED_IN_KEY = "organiser_signed_in_at"


def cookie_values(organiser: Organiser, signed_in_at: float | None = None) -> dict:
    """What the session cookie of a fresh sign-in holds."""
    return {
        SESSION_KEY: organiser.id,
        GENERATION_KEY: organiser.session_generation,
        SIGNED_IN_KEY: int(time.time() if signed_in_at is None else signed_in_at),
    }


def begin(organiser: Organiser) -> None:
    """Start a session for the organiser on this browser, dropping whatever it held."""
    # The visitor's language outlives the sign-in too: the pages after it still speak it.
    language = session.get(LANGUAGE_KEY)
    session.clear()
    session.permanent = True  # the browser forgets the cookie after the lifetime too
    session.update(cookie_values(organiser))
    if language:
        session[LANGUAGE_KEY] = language
    g.pop(_ASKED, None)


# Where one request keeps the answer: the organise blueprint's guard, the view's decorator
# and the view all ask, and the answer cannot change until `begin` or `end` changes it.
_ASKED = "_signon_signed_in"


def signed_in() -> Organiser | None:
    """The organiser whose session this is, if it has not ended (asked once per request)."""
    if _ASKED not in g:
        g.setdefault(_ASKED, _signed_in())
    return g.get(_ASKED)


def _signed_in() -> Organiser | None:
    organiser_id = session.get(SESSION_KEY)
    generation = session.get(GENERATION_KEY)
    started = session.get(SIGNED_IN_KEY)
    if not all(isinstance(v, int) for v in (organiser_id, generation, started)):
        return None
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    if not 0 <= time.time() - started < lifetime:
        return None
    organiser = db.session.get(Organiser, organiser_id)
    if organiser is None or organiser.session_generation != generation:
        return None
    return organiser


def end(organiser: Organiser | None) -> None:
    """End the organiser's sessions everywhere (every copy of every cookie) and this one."""
    if organiser is not None:
        organiser.session_generation += 1
        db.session.flush()
    # The visitor's language outlives the sign-in: the signed-out page still speaks it.
    language = session.get(LANGUAGE_KEY)
    session.clear()
    g.pop(_ASKED, None)
    if language:
        session[LANGUAGE_KEY] = language
