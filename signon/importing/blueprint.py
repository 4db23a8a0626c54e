"""The import's pages, declared in one place: upload, columns, preview."""

from flask import Blueprint

from signon.importing import cli, views
from signon.moderation.cli import signatures_cli
from signon.web.headers import no_referrer

# Under /organise (accounts.blueprint.organise), which makes them no-store.
organiser_pages = Blueprint("importing", __name__)
# Imported rows hold contact data: no Referer leaves these pages.
organiser_pages.after_request(no_referrer)
organiser_pages.add_url_rule(
    "/letters/<slug>/import", "start", views.start, methods=("GET", "POST")
)
organiser_pages.add_url_rule(
    "/letters/<slug>/import/<upload_id>", "columns", views.columns, methods=("GET", "POST")
)
organiser_pages.add_url_rule(
    "/letters/<slug>/import/<upload_id>/preview", "review", views.review, methods=("GET", "POST")
)

# Commands added to a group below: `flask signatures import`.
COMMANDS = ((signatures_cli, cli.import_),)
