"""Public pages of a letter: its text with the sign-on form, and its signatories."""

from flask import Blueprint, abort, current_app, render_template, request, session
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from signon.domain.acronyms import with_acronym
from signon.domain.countries import country_name
from signon.errors import NotFound
from signon.letters.markdown import render_markdown
from signon.letters.models import Letter, LetterStatus
from signon.letters.services import get_letter
from signon.pagecache import Page, cached_page, recent
from signon.signing.listing import final_list, list_version
from signon.urls import external_url

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
        "letters/show.html",
        letter=letter,
        body=render_markdown(letter.body),
        form=form,
        final=final_list(letter) if letter.status == LetterStatus.PUBLISHED else None,
        country_name=country_name,
        with_acronym=with_acronym,
    )
    return html, status


# Where each visitor's own CSRF token goes into a cached letter page.
TOKEN_SLOT = "__signon_csrf_token__"  # noqa: S105 - a placeholder, not a secret


@bp.get("/<slug>")
def show(slug: str) -> Response | tuple[str, int]:
    """The letter and, while it is open, the sign-on form.

    Everyone sees the same page but for the form's CSRF token, so the page is cached per
    process like the list (rebuilt when the letter or its `list_version` changes) and each
    visitor's token is put in. A page with flashed messages is made afresh.
    """
    if session.get("_flashes"):
        return _letter_page(public_letter(slug))
    cfg = current_app.config
    key = f"{cfg['DATABASE_URL']} letter {slug}"
    page = recent(key, cfg["PUBLIC_PAGE_FRESH_SECONDS"])
    if page is None:
        letter = public_letter(slug)
        page = cached_page(
            key,
            # Every column of the letter (its id and created_at tell two databases apart).
            lambda: (list_version(letter.id), letter.takes_sign_ons, _columns(letter)),
            lambda: _letter_page(letter)[0].replace(generate_csrf(), TOKEN_SLOT),
            ttl=cfg["PUBLIC_PAGE_CACHE_SECONDS"],
        )
    body = page.body
    if TOKEN_SLOT.encode() in body:
        body = body.replace(TOKEN_SLOT.encode(), generate_csrf().encode())
    return current_app.response_class(body, mimetype="text/html")


def _columns(letter: Letter) -> str:
    return repr([getattr(letter, column.key) for column in Letter.__table__.columns])


def _letter_page(letter: Letter) -> tuple[str, int]:
    from signon.signing.forms import sign_on_form

    return render_letter_page(letter, sign_on_form(letter) if letter.takes_sign_ons else None)


@bp.get("/<slug>/signatories")
def signatories(slug: str) -> Response | str:
    """The signatories in final order with their count, searchable, once the list is public.

    The whole list is cached per process and rebuilt when `list_version` changes.
    """
    from signon.exports.public import list_is_public

    cfg = current_app.config
    query = request.args.get("q", "").strip()[:200]
    key = f"{cfg['DATABASE_URL']} signatories {slug}"
    if not query:
        page = recent(key, cfg["PUBLIC_PAGE_FRESH_SECONDS"])
        if page is not None:
            return page_response(page)
    letter = public_letter(slug)
    if query or not list_is_public(letter):
        return render_signatories(letter, query)
    page = cached_page(
        key,
        lambda: (
            list_version(letter.id),
            letter.id,
            letter.title,
            letter.status,
            letter.ordering,
            letter.language,
            letter.live_list,
            letter.created_at,  # tells apart two databases whose letters share an id
        ),
        lambda: render_signatories(letter, ""),
        ttl=cfg["PUBLIC_PAGE_CACHE_SECONDS"],
    )
    return page_response(page)


def render_signatories(letter: Letter, query: str) -> str:
    """The public list page, filtered by `query`, or only the count before publication."""
    from signon.exports.public import list_is_public, matches, signatory_count

    shown = list_is_public(letter)
    rows = final_list(letter) if shown else []
    found = [row for row in rows if matches(row, query)] if query else rows
    return render_template(
        "letters/signatories.html",
        letter=letter,
        shown=shown,
        count=len(rows) if shown else signatory_count(letter),
        signatories=found,
        query=query,
        country_name=country_name,
        with_acronym=with_acronym,
        embed_url=external_url("exports.embed_script", slug=letter.slug),
    )


def page_response(page: Page) -> Response:
    """The cached page, gzip-compressed for the clients that accept it (every browser does)."""
    response = current_app.response_class(mimetype="text/html")
    response.vary.add("Accept-Encoding")
    if "gzip" in request.accept_encodings:
        response.set_data(page.gzipped)
        response.content_encoding = "gzip"
    else:
        response.set_data(page.body)
    return response
