"""What a request may carry, checked once for every route: bad input is a 400 or a 404.

PostgreSQL refuses text with a NUL byte, and neither database holds an integer past its
column's range (ids are 32-bit on PostgreSQL, SQLite's integers 64-bit), so such values
must never reach a query. Paths get a bounded `int` converter; query strings and forms are
looked at before any view runs.
"""

from collections.abc import Iterable

from flask import Flask, abort, request
from flask_babel import gettext
from werkzeug.routing import IntegerConverter, Map

# The largest id or number any column holds: PostgreSQL's INTEGER.
MAX_INT = 2**31 - 1
NUL = "\x00"


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` in every route: ASCII digits only, at most `MAX_INT`, else a 404."""

    regex = r"[0-9]+"

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = None,
        signed: bool = False,
    ) -> None:
        bound = MAX_INT if max is None or max > MAX_INT else max
        super().__init__(map, fixed_digits, min, bound, signed)


def too_large(value: str) -> bool:
    """Whether `value` reads as an integer (as `int()` reads it) that no column can hold."""
    text = value.strip()
    if not text or not (text[0].isdigit() or text[0] in "+-"):
        return False
    try:
        number = int(text)
    except ValueError:
        return False
    return abs(number) > MAX_INT


def _values() -> Iterable[str]:
    yield request.path
    for source in (request.args, request.form):
        for key, values in source.lists():
            yield key
            yield from values


def reject_bad_values() -> None:
    """Before any view: a NUL byte anywhere, or an out-of-range number in a query or form: 400."""
    for value in _values():
        if NUL in value:
            abort(400, description=gettext("This request contains a character we cannot accept."))
    for source in (request.args, request.form):
        for values in source.listvalues():
            if any(too_large(value) for value in values):
                abort(
                    400, description=gettext("A number in this request is larger than any we use.")
                )


def install(app: Flask) -> None:
    """Bound every `<int:...>` (before routes are added) and check each request's values."""
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request(reject_bad_values)
