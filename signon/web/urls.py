"""Absolute links (emails, pages, snippets): always from `BASE_URL`, never from a request."""

from urllib.parse import quote, urlsplit

from flask import Flask, current_app
from werkzeug.routing import MapAdapter


def external_url(endpoint: str, **values: object) -> str:
    """The public address of `endpoint`, on the configured `BASE_URL`."""
    anchor = values.pop("_anchor", None)
    url = _adapter(current_app.config["BASE_URL"]).build(endpoint, values, force_external=True)
    if anchor is not None:
        url += "#" + quote(str(anchor), safe="%!#$&'()*+,/:;=?@")  # as url_for does
    return url


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


def install(app: Flask) -> None:
    """Templates build absolute links with `external_url(...)` too."""
    app.jinja_env.globals["external_url"] = external_url
