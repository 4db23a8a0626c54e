"""Absolute links for emails: `BASE_URL` when set, whichever process renders them."""

from flask import current_app, has_request_context, url_for

FALLBACK_BASE_URL = "http://localhost:5000"


def external_url(endpoint: str, **values: object) -> str:
    """The public address of `endpoint`."""
    base = current_app.config.get("BASE_URL")
    if base is None and has_request_context():
        return url_for(endpoint, _external=True, **values)
    with current_app.test_request_context(base_url=base or FALLBACK_BASE_URL):
        return url_for(endpoint, _external=True, **values)
