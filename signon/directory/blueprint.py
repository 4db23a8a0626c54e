"""The directory's pages, declared in one place: the organisations, their CSV file, and the
administrators' answers to the letters' decisions."""

from flask import Blueprint

from signon.directory import views
from signon.web.headers import no_referrer

# Under /organise (accounts.blueprint.organise), which makes them no-store.
organiser_pages = Blueprint("directory", __name__)
# The page and its file hold contact data: no Referer leaves them.
organiser_pages.after_request(no_referrer)
organiser_pages.add_app_template_global(views.directory_link, "directory_link")
organiser_pages.add_url_rule("/organisations", "organisations", views.organisations)
# GET: the organisations alone; POST (the button, with its CSRF token): with contacts, logged.
organiser_pages.add_url_rule(
    "/organisations.csv", "download", views.download, methods=("GET", "POST")
)
organiser_pages.add_url_rule("/organisations/decisions", "accept", views.accept, methods=("POST",))
organiser_pages.add_url_rule("/organisations/decisions/undo", "undo", views.undo, methods=("POST",))
