"""Absolute links for emails: `BASE_URL` when set, whichever process renders them."""

from urllib.parse import quote, urlsplit

from flask import current_app, has_request_context, url_for
from werkzeug.routing import MapAdapter

FALLBACK_BASE_URL = "http://localhost:5000"


def external_url(endpoint: str, **values: object) -> str:
    """The public address of `endpoint`."""
    base = current_app.config.get("BASE_URL")
    if base is None and has_request_context():
        return url_for(endpoint, _external=True, **values)
    anchor = values.pop("_anchor", None)
    url = _adapter(base or FALLBACK_BASE_URL).build(endpoint, values, force_external=True)
    if anchor is not None:
        url += "#" + quote(str(anchor), safe="%!#$&'()*+,/:;=?@")  # as url_for does
    return url


def privacy_url(letter: object) -> str:
    """The absolute address of a letter's privacy notice (every email's footer links it)."""
    return external_url("privacy.notice", slug=letter.slug)


def _adapter(base: str) -> MapAdapter:
    # The sender makes two links per email: binding the URL map once per base address
    # costs far less than a request context for each link.
    adapters: dict[str, MapAdapter] = current_app.extensions.setdefault("signon.url_adapters", {})
    adapter = adapters.get(base)
    if adapter is None:
        parts = urlsplit(base)
        adapter = adapters[base] = current_app.url_map.bind(
            parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme
        )
    return adapter
