"""The letters' pages, declared in one place: the editor, the team, the translations."""

from flask import Blueprint

from signon.letters import editor_views, team_views, translate_cli, translation_views
from signon.letters.cli import letter_cli

# Under /organise (accounts.blueprint.organise).
organiser_pages = Blueprint("letters", __name__)
organiser_pages.add_url_rule(
    "/letters/new", "new_letter", editor_views.new_letter, methods=("GET", "POST")
)
organiser_pages.add_url_rule(
    "/letters/<slug>/edit", "edit", editor_views.edit, methods=("GET", "POST")
)
organiser_pages.add_url_rule(
    "/letters/<slug>/status/<target>", "status", editor_views.status, methods=("GET", "POST")
)
organiser_pages.add_url_rule(
    "/letters/<slug>/preview-link", "preview_link", editor_views.preview_link, methods=("POST",)
)
organiser_pages.add_url_rule("/preview/<token>", "preview", editor_views.preview)
organiser_pages.add_url_rule(
    "/letters/<slug>/team", "team", team_views.team_page, methods=("GET", "POST")
)
organiser_pages.add_url_rule(
    "/letters/<slug>/translations", "translations", translation_views.translations
)
organiser_pages.add_url_rule(
    "/letters/<slug>/translations/<language>",
    "translation",
    translation_views.translation,
    methods=("GET", "POST"),
)
organiser_pages.add_app_template_filter(editor_views.letter_status, "letter_status")

# Commands added to a group: `flask letter translate`.
COMMANDS = ((letter_cli, translate_cli.translate),)
