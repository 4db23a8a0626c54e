"""Invitations' pages, declared in one place: the organisers' page of a letter's invitations,
and the invited contact's prefilled form behind its link."""

from flask import Blueprint

from signon.invitations import cli, views
from signon.letters.cli import letter_cli
from signon.web.headers import no_referrer, no_store

# The form behind an invitation's link: not cached, and no Referer carries the link.
public_pages = Blueprint("invitations", __name__)
public_pages.after_request(no_store)
public_pages.after_request(no_referrer)
public_pages.add_url_rule(
    "/letters/<slug>/invited/<token>", "form", views.form, methods=("GET", "POST")
)

# Under /organise (accounts.blueprint.organise).
organiser_pages = Blueprint("invitations", __name__)
organiser_pages.add_url_rule("/letters/<slug>/invitations", "invitations", views.invitations)
organiser_pages.add_url_rule(
    "/letters/<slug>/invitations/send", "send", views.send, methods=("POST",)
)
organiser_pages.add_url_rule(
    "/letters/<slug>/invitations/remind", "remind", views.remind, methods=("POST",)
)

# `flask letter invite`.
COMMANDS = ((letter_cli, cli.invite_command),)
