"""The organiser area: one address space (/organise), signed in and private, declared once.

The `organise` blueprint carries the rules; each package's organiser pages are a blueprint
registered under it, so every page below /organise answers a signed-out visitor with the
sign-in page (but those marked `@public_page`) and stays out of caches and search engines.
"""

from flask import Blueprint

from signon.accounts.access import require_sign_in
from signon.web.headers import no_store, noindex

# The accounts' own organiser pages, and those other packages add to them.
bp = Blueprint("organisers", __name__)


def organise(*children: Blueprint) -> Blueprint:
    """The `/organise` blueprint for one application, with `children` registered under it."""
    parent = Blueprint("organise", __name__, url_prefix="/organise")
    parent.before_request(require_sign_in)
    # Organiser pages show contact data: keep them out of shared caches and history.
    parent.after_request(no_store)
    parent.after_request(noindex)
    for child in children:
        parent.register_blueprint(child)
    return parent
