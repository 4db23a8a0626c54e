"""The roster's pages, declared in one place: the public list, its files and the embed;
for organisers, the downloads page and every export."""

from flask import Blueprint

from signon.letters.cli import letter_cli
from signon.roster import cli, list_views, views
from signon.signing.publication_notices import LIST_PAGE
from signon.web.links import answer

public_pages = Blueprint("roster", __name__)
public_pages.add_url_rule("/letters/<slug>/signatories.<fmt>", "public_export", views.public_export)
public_pages.add_url_rule("/letters/<slug>.json", "embed_json", views.embed_json)
public_pages.add_url_rule("/letters/<slug>/embed.js", "embed_script", views.embed_script)
public_pages.add_url_rule("/letters/<slug>/signatories", "signatories", list_views.signatories)

# Under /organise (accounts.blueprint.organise).
organiser_pages = Blueprint("roster", __name__)
# A GET with contacts leads to the downloads page; its buttons POST (and are logged).
organiser_pages.add_url_rule(
    "/letters/<slug>/export.<fmt>",
    "organiser_export",
    views.organiser_export,
    methods=("GET", "POST"),
)
organiser_pages.add_url_rule("/letters/<slug>/downloads", "downloads", views.downloads)

# Pages of this package that packages below it link to.
answer(public_pages, LIST_PAGE, "signatories")

# Commands added to a group below: `flask letter export`.
COMMANDS = ((letter_cli, cli.export),)
