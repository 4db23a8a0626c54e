"""One log line per request, tagged with a request id that the response carries back.

Secrets never reach the log: a path variable named `token` (sign-in, confirmation,
self-service and preview links) is written as `[token]`, and query strings are not logged.
"""

import logging
import re
import time
import uuid
from urllib.parse import quote

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger("signon.request")

HEADER = "X-Request-ID"
# An id from a proxy is kept only when it is short and plain: no header or log injection.
SAFE_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")
# Route variables holding a secret; their values are never logged.
SECRET_VARIABLES = ("token",)
REDACTED = "[token]"
PATH_SAFE = "/:@!$&'()*+,;=-._~"


def request_id() -> str:
    """The current request's id (the caller's X-Request-ID when it is safe, else a new one)."""
    if "request_id" not in g:
        given = request.headers.get(HEADER, "")
        g.request_id = given if SAFE_ID.fullmatch(given) else uuid.uuid4().hex
    return g.request_id


def _route_values() -> dict:
    if request.view_args is not None:
        return request.view_args
    # Not routed (a 405, say): the rule the path would match still says where secrets are.
    adapter = current_app.url_map.bind_to_environ(request.environ)
    for method in ("GET", "POST"):
        try:
            return adapter.match(method=method)[1]
        except HTTPException:
            continue
    return {}


def logged_path() -> str:
    """The request's path as logged: quoted, with every secret route variable redacted."""
    path = quote(request.path, safe=PATH_SAFE)
    values = _route_values()
    for name in SECRET_VARIABLES:
        secret = values.get(name)
        if isinstance(secret, str) and secret:
            path = path.replace(quote(secret, safe=PATH_SAFE), REDACTED)
    return path


def install(app: Flask) -> None:
    """Time each request, log it once when its response is ready, echo the id in a header."""

    @app.before_request
    def _start() -> None:
        g.request_started = time.perf_counter()
        request_id()

    @app.after_request
    def _log(response: Response) -> Response:
        rid = request_id()
        response.headers[HEADER] = rid
        started = g.get("request_started", time.perf_counter())
        log.info(
            "%s %s %s %.1fms rid=%s ip=%s",
            request.method,
            logged_path(),
            response.status_code,
            (time.perf_counter() - started) * 1000,
            rid,
            request.remote_addr,
        )
        return response
