"""Webhooks' pages, declared in one place: a letter's endpoints and their delivery log."""

from flask import Blueprint

from signon.letters import team_views
from signon.letters.cli import letter_cli
from signon.web.links import answer
from signon.webhooks import cli, views

# Under /organise (accounts.blueprint.organise): sign-in, no-store, noindex.
organiser_pages = Blueprint("webhooks", __name__)
organiser_pages.add_url_rule(
    "/letters/<slug>/webhooks", "endpoints", views.endpoints, methods=("GET", "POST")
)
organiser_pages.add_url_rule(
    "/letters/<slug>/webhooks/<int:endpoint_id>/test",
    "send_test",
    views.send_test,
    methods=("POST",),
)
organiser_pages.add_url_rule(
    "/letters/<slug>/webhooks/<int:endpoint_id>/resend/<int:delivery_id>",
    "resend",
    views.resend,
    methods=("POST",),
)
organiser_pages.add_url_rule(
    "/letters/<slug>/webhooks/<int:endpoint_id>/resume",
    "resume",
    views.resume,
    methods=("POST",),
)
organiser_pages.add_url_rule(
    "/letters/<slug>/webhooks/<int:endpoint_id>/delete",
    "remove",
    views.remove,
    methods=("POST",),
)
# The team page (letters, below) links here without naming this package.
answer(organiser_pages, team_views.WEBHOOKS_PAGE, "endpoints")

# Commands added to a group below: `flask letter webhook`.
COMMANDS = ((letter_cli, cli.webhook),)
