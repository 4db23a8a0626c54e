"""Links from a lower package to a page a higher package owns, with no upward import.

The lower package names the page it needs (`PAGE = needed("moderation: a sign-on")`); the
package that owns the page answers in its `blueprint.py` (`answer(bp, PAGE, "sign_on")`), and
`link()`/`external_link()` build the address from whatever answered. A name nobody answers
fails loudly, and a test checks every name needed is answered by the application.
"""

from flask import Blueprint, current_app, url_for
from flask.blueprints import BlueprintSetupState

from signon.web.urls import external_url

NEEDED: set[str] = set()
_KEY = "signon.links"


def needed(name: str) -> str:
    """Declare a page this package links to but does not own; returns `name`."""
    NEEDED.add(name)
    return name


def answer(blueprint: Blueprint, name: str, endpoint: str) -> None:
    """Declare that `blueprint`'s `endpoint` is the page named `name`, once registered."""

    def record(state: BlueprintSetupState) -> None:
        full = ".".join(part for part in (state.name_prefix, state.name, endpoint) if part)
        state.app.extensions.setdefault(_KEY, {})[name] = full

    blueprint.record(record)


def answered() -> dict[str, str]:
    """Every page name this application answers, with its endpoint."""
    return dict(current_app.extensions.get(_KEY, {}))


def endpoint(name: str) -> str:
    """The endpoint that answers `name`; LookupError when no package does."""
    try:
        return current_app.extensions[_KEY][name]
    except KeyError:
        raise LookupError(f"no package answers the page {name!r}") from None


def link(name: str, **values: object) -> str:
    """`url_for` of the page named `name`."""
    return url_for(endpoint(name), **values)


def external_link(name: str, **values: object) -> str:
    """`external_url` of the page named `name` (emails)."""
    return external_url(endpoint(name), **values)
