"""Views that take files accept larger requests than the rest: declared on the view itself."""

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app, request

View = TypeVar("View", bound=Callable)
_ATTRIBUTE = "signon_upload_limit"


def accepts_upload(config_key: str) -> Callable[[View], View]:
    """Let this view's requests be as large as the setting `config_key` (in bytes) says."""

    def mark(view: View) -> View:
        setattr(view, _ATTRIBUTE, config_key)
        return view

    return mark


def install(app: Flask) -> None:
    """Raise the size limits for views marked with `accepts_upload`.

    Registered before the extensions, so that it runs before the CSRF check reads the form.
    """

    @app.before_request
    def _upload_limit() -> None:
        view = current_app.view_functions.get(request.endpoint or "")
        key = getattr(view, _ATTRIBUTE, None)
        if key is not None:
            limit = current_app.config[key]
            request.max_content_length = limit
            request.max_form_memory_size = limit
