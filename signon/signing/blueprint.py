"""Signing's pages, declared in one place: the letter with its form, confirmation, the
signatory's own page; for organisers, their notifications and a letter's versions."""

from flask import Blueprint

from signon.accounts.cli import organiser_cli
from signon.letters import versions
from signon.letters.sender import LETTER_PAGE
from signon.mail.cli import mail_cli
from signon.signing import (
    letter_page,
    notification_views,
    notifications,
    reminders,
    self_service_views,
    version_views,
    views,
)
from signon.web.headers import no_referrer, no_store
from signon.web.links import answer

public_pages = Blueprint("signing", __name__)
public_pages.add_url_rule("/letters/<slug>", "show", letter_page.show)
public_pages.add_url_rule("/letters/<slug>", "sign", views.sign, methods=("POST",))
public_pages.add_url_rule("/letters/<slug>/check-email", "check_email", views.check_email)
public_pages.add_url_rule(
    "/letters/<slug>/check-email", "resend_email", views.resend_email, methods=("POST",)
)
public_pages.add_url_rule(
    "/letters/<slug>/confirm/<token>", "confirm", views.confirm, methods=("GET", "POST")
)

# The signatory's details, behind a secret link: not cached, and no Referer carries the link.
self_service = Blueprint("self_service", __name__)
self_service.after_request(no_store)
self_service.after_request(no_referrer)
self_service.add_url_rule(
    "/letters/<slug>/my-signature/<token>",
    "manage",
    self_service_views.manage,
    methods=("GET", "POST"),
)
self_service.add_url_rule(
    "/letters/<slug>/my-signature/<token>/withdraw",
    "withdraw",
    self_service_views.withdraw,
    methods=("POST",),
)
public_pages.register_blueprint(self_service)

# Under /organise (accounts.blueprint.organise).
organiser_pages = Blueprint("signing", __name__)
organiser_pages.add_url_rule(
    "/settings", "settings", notification_views.settings, methods=("GET", "POST")
)
organiser_pages.add_url_rule(
    "/letters/<slug>/versions", "versions_list", version_views.versions_list
)
organiser_pages.add_url_rule(
    "/letters/<slug>/versions/<int:number>", "version", version_views.version
)
organiser_pages.add_url_rule(
    "/letters/<slug>/versions/<int:number>/notify",
    "notify",
    version_views.notify,
    methods=("POST",),
)
organiser_pages.add_app_template_global(versions.part_label, "part_label")

# Pages of this package that packages below it link to.
answer(public_pages, LETTER_PAGE, "show")

# Commands added to groups below: `flask organiser digest`, `flask mail remind`.
COMMANDS = ((organiser_cli, notifications.digest_command), (mail_cli, reminders.remind_command))
