"""The public page of a letter: its text with the sign-on form (or, once published, its list)."""

from flask import current_app, make_response, render_template, session
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from signon.domain.acronyms import with_acronym
from signon.domain.countries import country_name
from signon.letters import consent
from signon.letters.markdown import render_markdown
from signon.letters.models import Letter, LetterStatus
from signon.letters.public import public_letter
from signon.letters.translating import versions_of
from signon.signing.final_list import final_list, list_version, signed_count
from signon.signing.forms import sign_on_form
from signon.storage.sqlite import read_only
from signon.web import returned_form
from signon.web.i18n import current_language, requested_language
from signon.web.pagecache import page_cache


def render_letter_page(
    letter: Letter, form: object, status: int = 200, kept: dict | None = None
) -> tuple[str, int]:
    """The letter with its form (or a note that it is closed), the consent text it shows.

    `kept` is the form sent back (values, errors, a "Did you mean…?" question)."""
    terms = consent.current(letter)
    if form is not None and "consent" in form:
        form.consent.label.text = consent.words(terms)
    # The visitor's language when the letter is translated into it; one list, one form.
    shown, languages = versions_of(letter, current_language())
    html = render_template(
        "signing/letter.html",
        letter=shown,
        letter_languages=languages,
        terms=terms,
        body=render_markdown(shown.body),
        form=form,
        # The top of an open letter: how many signed so far, until when, and a jump to the form.
        signed=signed_count(letter.id) if form is not None else 0,
        deadline=letter.deadline,
        final=final_list(letter) if letter.status == LetterStatus.PUBLISHED else None,
        country_name=country_name,
        with_acronym=with_acronym,
        suggestion=(kept or {}).get("suggestion"),
        checked=(kept or {}).get("checked", ""),
    )
    return html, status


# Where each visitor's own CSRF token goes into a cached letter page.
TOKEN_SLOT = "__signon_csrf_token__"  # noqa: S105 - a placeholder, not a secret


@read_only
def show(slug: str) -> Response | tuple[str, int]:
    """The letter and, while it is open, the sign-on form.

    Everyone sees the same page but for the form's CSRF token, so the page is cached per
    process like the list (rebuilt when the letter or its `list_version` changes) and each
    visitor's token is put in. A page with flashed messages is made afresh, and so is the
    form sent back with the visitor's own values and errors (never kept by any cache).
    """
    kept = returned_form.take(form_kept_for(slug))
    if kept is not None:
        response = make_response(_letter_page(public_letter(slug), kept))
        response.headers["Cache-Control"] = "no-store"
        return response
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


def form_kept_for(slug: str) -> str:
    """Where a sign-on form sent back with errors is shown: this letter's page."""
    return f"letter {slug}"


def _letter_page(letter: Letter, kept: dict | None = None) -> tuple[str, int]:
    if not letter.takes_sign_ons:
        return render_letter_page(letter, None)
    if kept is None:
        return render_letter_page(letter, sign_on_form(letter))
    form = sign_on_form(letter, returned_form.formdata(kept))
    returned_form.restore_errors(form, kept)
    return render_letter_page(letter, form, kept=kept)
