"""The API's addresses, declared in one place: /api/v1 (keys, not sessions or CSRF), and the
organisers' pages of a letter's keys and its guide."""

from flask import Blueprint
from werkzeug.exceptions import HTTPException

from signon.api import auth, cli, key_views, views
from signon.letters.cli import letter_cli
from signon.letters.team_views import API_KEYS_PAGE
from signon.storage.extensions import csrf, limiter
from signon.web.links import answer

public_pages = Blueprint("api", __name__, url_prefix="/api/v1")
# A key is the proof of each request, not a form's token; nothing sets a cookie here.
csrf.exempt(public_pages)
# Per key, counted where every worker counts (Redis when configured).
limiter.limit(auth.limit_setting, key_func=auth.limit_key, scope="api")(public_pages)
# Errors in JSON: by code too, since the application's own pages are registered by code.
public_pages.register_error_handler(HTTPException, auth.handle)
for code in (400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500):
    public_pages.register_error_handler(code, auth.handle)
public_pages.add_url_rule("/letters/<slug>", "petition", views.petition)
public_pages.add_url_rule("/letters/<slug>/signatures", "signatures", views.signatures)
public_pages.add_url_rule("/letters/<slug>/signatures", "record", views.record, methods=("POST",))
public_pages.add_url_rule("/openapi.json", "openapi", views.openapi_description)

# Under /organise (accounts.blueprint.organise).
organiser_pages = Blueprint("api", __name__)
organiser_pages.add_url_rule(
    "/letters/<slug>/api-keys", "keys", key_views.keys_page, methods=("GET", "POST")
)
organiser_pages.add_url_rule(
    "/letters/<slug>/api-keys/<int:key_id>/revoke",
    "revoke",
    key_views.revoke,
    methods=("POST",),
)
organiser_pages.add_url_rule("/letters/<slug>/api", "guide", key_views.guide)
answer(organiser_pages, API_KEYS_PAGE, "keys")

# Commands added to a group below: `flask letter api-key`.
COMMANDS = ((letter_cli, cli.api_key),)
