"""Public pages of a letter: its text with the sign-on form, and its signatories."""

from flask import Blueprint, abort, current_app, render_template
from werkzeug.wrappers import Response

from signon.domain.countries import country_name
from signon.errors import NotFound
from signon.letters.markdown import render_markdown
from signon.letters.models import Letter
from signon.letters.services import get_letter
from signon.pagecache import cached_page
from signon.signing.listing import final_list, list_version

bp = Blueprint("letters", __name__, url_prefix="/letters")


def public_letter(slug: str) -> Letter:
    """The letter, or a 404 when it does not exist or is still a draft."""
    try:
        letter = get_letter(slug)
    except NotFound:
        abort(404)
    if not letter.is_public:
        abort(404)
    return letter


def render_letter_page(letter: Letter, form: object, status: int = 200) -> tuple[str, int]:
    """The letter with its form (or a note that it is closed)."""
    html = render_template(
        "letters/show.html", letter=letter, body=render_markdown(letter.body), form=form
    )
    return html, status


@bp.get("/<slug>")
def show(slug: str) -> tuple[str, int]:
    """The letter and, while it is open, the sign-on form."""
    from signon.signing.forms import SignOnForm

    letter = public_letter(slug)
    return render_letter_page(letter, SignOnForm() if letter.is_open else None)


@bp.get("/<slug>/signatories")
def signatories(slug: str) -> Response:
    """The approved organisations in final order, with their count."""
    letter = public_letter(slug)
    version = (
        list_version(letter.id),
        letter.title,
        letter.status,
        letter.ordering,
        letter.live_list,
        letter.created_at,  # tells apart two databases whose letters share an id
    )
    page = cached_page(
        f"{current_app.config['DATABASE_URL']} signatories {letter.id}",
        version,
        lambda: render_template(
            "letters/signatories.html",
            letter=letter,
            signatories=final_list(letter),
            country_name=country_name,
        ),
        ttl=current_app.config["PUBLIC_PAGE_CACHE_SECONDS"],
    )
    return current_app.response_class(page, mimetype="text/html")
