"""When the database does not answer: a 503 with `Retry-After` and a message that is true.

A failure while writing can come after the database committed (the connection drops
before the answer arrives), so nobody can say whether a POST was saved: the page says
so, and how to find out. A view may declare what its own visitors read, with
`@unavailable_message(...)`.
"""

import logging
from collections.abc import Callable
from contextlib import suppress

import sqlalchemy as sa
from flask import Flask, current_app, render_template, request
from flask_babel import lazy_gettext as _l

from signon.storage.extensions import db

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS = (
    sa.exc.OperationalError,
    sa.exc.InterfaceError,
    sa.exc.TimeoutError,  # no connection free in the pool
    sa.exc.PendingRollbackError,
)
READING = _l("Our database is not answering just now. Please try again in a minute.")
WRITING = _l(
    "Our database stopped answering while we handled what you sent, so we cannot tell "
    "whether it was saved. Please check in a minute before you send it again."
)


def unavailable_message(text: str) -> Callable:
    """Decorator: what the visitors of this view read when the database fails under it.

    Give `text` as a lazy string (`lazy_gettext`): it is read in the visitor's language.
    """

    def decorate(view: Callable) -> Callable:
        view.unavailable_message = text
        return view

    return decorate


def is_outage(error: BaseException) -> bool:
    """Whether the error means the database could not be reached or stopped answering."""
    if isinstance(error, OUTAGE_ERRORS):
        return True
    return isinstance(error, sa.exc.DBAPIError) and error.connection_invalidated


def _message() -> str:
    view = current_app.view_functions.get(request.endpoint or "")
    given = getattr(view, "unavailable_message", None)
    return str(given or (READING if request.method in ("GET", "HEAD") else WRITING))


def unavailable(error: sa.exc.SQLAlchemyError) -> tuple[str, int, dict[str, str]]:
    """The 503 page for a database outage; any other database error stays a 500."""
    if not is_outage(error):
        raise error
    log.warning("database unavailable on %s %s: %s", request.method, request.path, error)
    with suppress(sa.exc.SQLAlchemyError):  # the connection is gone: closed at the end
        db.session.rollback()
    html = render_template("errors/error.html", code=503, error=error, message=_message())
    return html, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def install(app: Flask) -> None:
    """Answer database outages with 503 instead of 500."""
    app.register_error_handler(sa.exc.SQLAlchemyError, unavailable)
