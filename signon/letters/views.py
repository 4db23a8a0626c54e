"""Public pages of a letter: its text with the sign-on form, and its signatories."""

from flask import Blueprint, abort, current_app, render_template, request, session
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from signon.domain.acronyms import with_acronym
from signon.domain.countries import country_name
from signon.errors import NotFound
from signon.i18n import current_language, requested_language, use_letter_language
from signon.letters.markdown import render_markdown
from signon.letters.models import Letter, LetterStatus
from signon.letters.public_cache import cached_answer, search_index
from signon.letters.services import get_letter
from signon.letters.translating import in_language, versions_of
from signon.limits import limit_builds
from signon.pagecache import page_cache
from signon.privacy import consent
from signon.signing.listing import final_list, list_version
from signon.signing.models import SignerKind
from signon.sqlite import read_only
from signon.urls import external_url

bp = Blueprint("letters", __name__, url_prefix="/letters")
# A search of the list shows this many entries at most: add to the search to find the rest.
SEARCH_RESULTS_SHOWN = 100


def public_letter(slug: str) -> Letter:
    """The letter, or a 404 when it does not exist or is still a draft."""
    try:
        letter = get_letter(slug)
    except NotFound:
        abort(404)
    if not letter.is_public:
        abort(404)
    use_letter_language(letter.language)
    return letter


def render_letter_page(letter: Letter, form: object, status: int = 200) -> tuple[str, int]:
    """The letter with its form (or a note that it is closed), the consent text it shows."""
    terms = consent.current(letter)
    if form is not None and "consent" in form:
        form.consent.label.text = terms.consent_text
    # The visitor's language when the letter is translated into it; one list, one form.
    shown, languages = versions_of(letter, current_language())
    html = render_template(
        "letters/show.html",
        letter=shown,
        letter_languages=languages,
        terms=terms,
        body=render_markdown(shown.body),
        form=form,
        final=final_list(letter) if letter.status == LetterStatus.PUBLISHED else None,
        country_name=country_name,
        with_acronym=with_acronym,
    )
    return html, status


# Where each visitor's own CSRF token goes into a cached letter page.
TOKEN_SLOT = "__signon_csrf_token__"  # noqa: S105 - a placeholder, not a secret


@bp.get("/<slug>")
@read_only
def show(slug: str) -> Response | tuple[str, int]:
    """The letter and, while it is open, the sign-on form.

    Everyone sees the same page but for the form's CSRF token, so the page is cached per
    process like the list (rebuilt when the letter or its `list_version` changes) and each
    visitor's token is put in. A page with flashed messages is made afresh.
    """
    if session.get("_flashes"):
        return _letter_page(public_letter(slug))
    cfg, cache = current_app.config, page_cache()
    # The page is cached per language asked for; "" is the letter's own language.
    key = f"letter {slug} {requested_language() or ''}"
    page = cache.recent(key, cfg["PUBLIC_PAGE_FRESH_SECONDS"])
    if page is None:
        letter = public_letter(slug)
        page = cache.cached_page(
            key,
            # Every column of the letter: any change to it shows on the page.
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
@read_only
@limit_builds("PUBLIC_BUILD_LIMIT_PER_IP")
def signatories(slug: str) -> Response | str:
    """The signatories in final order with their count, searchable, once the list is public.

    The page is built once per version of the list (see `public_cache`); a search reads the
    list's search index and shows at most `SEARCH_RESULTS_SHOWN` entries.
    """
    query = request.args.get("q", "").strip()[:200]
    if query:
        return render_signatories(public_letter(slug), query)
    return cached_answer(
        f"signatories {slug} {requested_language() or ''}",
        lambda: public_letter(slug),
        lambda letter: render_signatories(letter, ""),
        "text/html",
    )


def render_signatories(letter: Letter, query: str) -> str:
    """The public list page, filtered by `query`, or only the count before publication."""
    from signon.exports.public import list_is_public, search_key, signatory_count

    shown, found, matched, individuals = list_is_public(letter), [], 0, 0
    if not shown:
        count = signatory_count(letter)
    elif query:
        index = search_index(letter, search_key)
        found, matched = index.search(query, SEARCH_RESULTS_SHOWN)
        count, individuals = len(index.rows), index.individuals
    else:
        found = final_list(letter)
        count = len(found)
        individuals = sum(1 for row in found if row.kind == SignerKind.INDIVIDUAL)
    return render_template(
        "letters/signatories.html",
        letter=in_language(letter, current_language()),
        shown=shown,
        count=count,
        organisations=count - individuals,
        individuals=individuals,
        signatories=found,
        matched=matched,
        query=query,
        pdf=count <= current_app.config["PUBLIC_PDF_MAX_SIGNATORIES"],
        country_name=country_name,
        with_acronym=with_acronym,
        embed_url=external_url("exports.embed_script", slug=letter.slug),
    )
