"""Moderation's pages, declared in one place: the dashboard, a letter's overview, its
sign-ons and decisions, corrections, duplicates and merges, and the publish step."""

from flask import Blueprint

from signon.accounts import views as account_views
from signon.letters.cli import letter_cli
from signon.moderation import (
    change_views,
    dashboard_views,
    duplicates_views,
    moderation_views,
    overview_views,
    publish_cli,
    publish_views,
)
from signon.signing import notifications
from signon.web.links import answer

# Under /organise (accounts.blueprint.organise).
organiser_pages = Blueprint("moderation", __name__)
organiser_pages.add_url_rule(
    "/letters/<slug>/sign-ons/<int:sign_on_id>/change/<decision>",
    "decide_change",
    change_views.decide_change,
    methods=("POST",),
)
organiser_pages.add_url_rule("/", "dashboard", dashboard_views.dashboard)
organiser_pages.add_url_rule("/letters/<slug>/sign-ons", "sign_ons", moderation_views.sign_ons)
organiser_pages.add_url_rule(
    "/letters/<slug>/sign-ons/approve-all", "approve_all", moderation_views.approve_all
)
organiser_pages.add_url_rule(
    "/letters/<slug>/sign-ons/decide", "decide", moderation_views.decide, methods=("POST",)
)
organiser_pages.add_url_rule(
    "/letters/<slug>/sign-ons/<int:sign_on_id>", "sign_on", moderation_views.sign_on
)
organiser_pages.add_url_rule(
    "/letters/<slug>/sign-ons/<int:sign_on_id>/display-name",
    "display_name",
    moderation_views.display_name,
    methods=("POST",),
)
organiser_pages.add_url_rule(
    "/letters/<slug>/sign-ons/<int:sign_on_id>/note",
    "note",
    moderation_views.note,
    methods=("POST",),
)
organiser_pages.add_url_rule("/letters/<slug>/", "letter", overview_views.letter)
organiser_pages.add_url_rule(
    "/letters/<slug>/status/published", "publish", publish_views.publish, methods=("GET", "POST")
)
organiser_pages.add_url_rule("/letters/<slug>/duplicates", "duplicates", duplicates_views.review)
organiser_pages.add_url_rule(
    "/letters/<slug>/duplicates/merge", "merge", duplicates_views.merge, methods=("POST",)
)
organiser_pages.add_url_rule(
    "/letters/<slug>/duplicates/distinct", "distinct", duplicates_views.distinct, methods=("POST",)
)
organiser_pages.add_url_rule(
    "/letters/<slug>/duplicates/undo", "undo", duplicates_views.undo, methods=("POST",)
)
organiser_pages.add_app_template_filter(dashboard_views.status_label, "status_label")

# Pages of this package that packages below it link to.
answer(organiser_pages, account_views.HOME, "dashboard")
answer(organiser_pages, notifications.SIGN_ON_PAGE, "sign_on")
answer(organiser_pages, notifications.SIGN_ONS_PAGE, "sign_ons")

# Commands added to a group below: `flask letter publish`.
COMMANDS = ((letter_cli, publish_cli.publish),)
