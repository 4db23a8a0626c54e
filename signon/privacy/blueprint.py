"""Privacy's pages, declared in one place: the public notice and a signatory's own data,
and the organisers' access to and erasure of a sign-on's data."""

from flask import Blueprint

from signon.privacy import organiser_views, views
from signon.web.urls import external_url


def privacy_url(letter: object) -> str:
    """The absolute address of a letter's privacy notice (every email's footer links it)."""
    return external_url("privacy.notice", slug=letter.slug)


public_pages = Blueprint("privacy", __name__)
# Every email's footer, whichever package sends it, links the letter's notice.
public_pages.add_app_template_global(privacy_url, "privacy_url")
public_pages.add_url_rule("/letters/<slug>/privacy", "notice", views.notice)
# GET shows the download button; POST (with its CSRF token) downloads and is logged.
public_pages.add_url_rule(
    "/letters/<slug>/my-signature/<token>/data.json",
    "my_data",
    views.my_data,
    methods=("GET", "POST"),
)
public_pages.add_url_rule(
    "/letters/<slug>/my-signature/<token>/erase", "erase_mine", views.erase_mine, methods=("POST",)
)

# Under /organise (accounts.blueprint.organise).
organiser_pages = Blueprint("privacy", __name__)
organiser_pages.add_url_rule(
    "/letters/<slug>/sign-ons/<int:sign_on_id>/data.json",
    "sign_on_data",
    organiser_views.sign_on_data,
    methods=("GET", "POST"),
)
organiser_pages.add_url_rule(
    "/letters/<slug>/sign-ons/<int:sign_on_id>/erase",
    "erase_sign_on",
    organiser_views.erase_sign_on,
    methods=("POST",),
)
