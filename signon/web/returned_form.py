"""A form sent back with errors by post/redirect/get: what was typed and the errors, kept once.

The browser's Back and reload then never send the form again: the POST answers with a redirect
to the form's page, which shows the values and errors kept here in the visitor's own session
(a signed cookie: small, and never the CSRF token) and forgets them.
"""

from collections.abc import Iterable, Mapping

from flask import current_app, request, session
from werkzeug.datastructures import MultiDict

KEY = "returned_form"
# The most the kept form may add to the session cookie (browsers drop cookies over 4 KB).
BUDGET = 2000
# Never kept: the visitor's token is the page's own; a filled honeypot never comes back.
NEVER_KEPT = frozenset({"csrf_token", "fax"})


def _size(kept: dict) -> int:
    serializer = current_app.session_interface.get_signing_serializer(current_app)
    return len(serializer.dumps(kept)) if serializer else 0


def keep(
    where: str,
    names: Iterable[str],
    errors: Mapping[str, list],
    data: MultiDict | None = None,
    **extra: str,
) -> None:
    """Keep the submitted values of `names` (from `data`, else the request's form) and the
    errors, for the next page at `where`."""
    sent = request.form if data is None else data
    values = {name: sent.getlist(name) for name in names if name not in NEVER_KEPT and name in sent}
    kept = {
        "where": where,
        "values": values,
        "errors": {k: [str(m) for m in v] for k, v in errors.items() if k not in NEVER_KEPT},
        **extra,
    }
    # What does not fit is typed again: the longest value first (it is what broke the form).
    while _size(kept) > BUDGET and values:
        del values[max(values, key=lambda name: len(repr(values[name])))]
    if _size(kept) > BUDGET:
        kept["errors"] = {k: v[:1] for k, v in kept["errors"].items()}
    session[KEY] = kept


def take(where: str) -> dict | None:
    """The form kept for the page at `where`, once: it is forgotten as it is read."""
    kept = session.get(KEY)
    if not isinstance(kept, dict) or kept.get("where") != where:
        return None
    session.pop(KEY)
    return kept


def formdata(kept: Mapping) -> MultiDict:
    """The kept values as a browser's form data, for a form to read."""
    values = kept.get("values") or {}
    return MultiDict([(k, v) for k, vs in values.items() if isinstance(vs, list) for v in vs])


def restore_errors(form: object, kept: Mapping) -> None:
    """Put the kept errors back on the form's fields."""
    for name, messages in (kept.get("errors") or {}).items():
        if name in form and isinstance(messages, list):
            form[name].errors = [str(m) for m in messages]
