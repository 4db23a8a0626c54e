"""The accounts' pages, declared in one place, and the organiser area they open onto.

`organise()` is `/organise`: sign-in required (but for views marked `@public_page`),
`no-store` and `noindex`, declared once; every package's organiser pages are a blueprint
registered under it by the application factory, so their endpoints read
`organise.<package>.<page>`.
"""

from flask import Blueprint

from signon.accounts import views
from signon.accounts.access import require_sign_in
from signon.web.headers import no_store, noindex

organiser_pages = Blueprint("accounts", __name__)
organiser_pages.add_url_rule("/sign-in", "sign_in", views.sign_in, methods=("GET", "POST"))
organiser_pages.add_url_rule("/sign-in/sent", "check_email", views.check_email)
organiser_pages.add_url_rule(
    "/sign-in/<token>", "sign_in_link", views.sign_in_link, methods=("GET", "POST")
)
organiser_pages.add_url_rule("/sign-out", "sign_out", views.sign_out, methods=("POST",))
organiser_pages.add_url_rule("/organisers", "organisers", views.organisers, methods=("GET", "POST"))


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
