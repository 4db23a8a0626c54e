"""Which language a page speaks: `?lang=`, then the session, the browser, the letter, English.

The catalogues live in `signon/translations` (gettext, managed with `pybabel`, see README).
"""

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from flask import (
    Flask,
    Response,
    current_app,
    g,
    has_request_context,
    request,
    session,
    url_for,
)
from flask_babel import force_locale, format_date, format_decimal, format_time, get_locale, gettext

from signon.domain.bidi import has_rtl, isolate
from signon.domain.messages import Message
from signon.storage.extensions import babel
from signon.web.pagecache import building_shared_page

LANGUAGES = ("en", "fr", "es", "pt", "ar")
DEFAULT_LANGUAGE = "en"
# Each language named in itself, for the switcher.
LANGUAGE_NAMES = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "pt": "Português",
    "ar": "العربية",
}
# Written right to left: the page's <html dir>, the emails' and the arrows follow.
RTL_LANGUAGES = frozenset({"ar"})
TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "translations"
SESSION_KEY = "lang"


# On a page where `?lang=` chooses what the page is about (an export's language), the page's
# own language is asked for with `?page_lang=` instead.
PAGE_LANG_ARG = "page_lang"

F = TypeVar("F", bound=Callable[..., object])


def lang_chooses_content(view: F) -> F:
    """Mark a view whose `?lang=` is the language of its content (an export), not the page's."""
    view.lang_is_content = True  # type: ignore[attr-defined]
    return view


def _lang_is_content() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, "lang_is_content", False)


def _language_arg() -> str:
    """The query argument that asks for the page's language on this page."""
    return PAGE_LANG_ARG if _lang_is_content() else "lang"


def requested_language() -> str | None:
    """The language the visitor asked for (`?lang=`, remembered, or the browser's), if any."""
    asked = request.args.get(_language_arg(), "")
    if asked in LANGUAGES:
        # On an export's page the language asked for is not remembered, so choosing a
        # Spanish export does not turn the rest of the visit Spanish.
        if session.get(SESSION_KEY) != asked and not _lang_is_content():
            session[SESSION_KEY] = asked
        return asked
    remembered = session.get(SESSION_KEY)
    if remembered in LANGUAGES:
        return remembered
    return browser_language(request.accept_languages)


def browser_language(accepted: Iterable[tuple[str, float]]) -> str | None:
    """The first language of the browser's list that we speak, by its primary subtag.

    Werkzeug's `best_match` prefers an exact match anywhere in the list, so `fr-FR,en;q=0.5`
    would read English; here the visitor's order wins and `pt-BR`, `ar-EG` reach `pt`, `ar`.
    """
    for tag, quality in accepted:
        primary = tag.replace("_", "-").split("-", 1)[0].lower()
        if quality > 0 and primary in LANGUAGES:
            return primary
    return None


def use_letter_language(language: str) -> None:
    """Fall back to this letter's language when the visitor expressed none."""
    g.letter_language = language


def select_locale() -> str:
    """The locale of this request, for Flask-Babel (English in a CLI command or job)."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    letter_language = g.get("letter_language")
    return requested_language() or (
        letter_language if letter_language in LANGUAGES else DEFAULT_LANGUAGE
    )


def current_language() -> str:
    """The two-letter language of the page being made."""
    return str(get_locale() or DEFAULT_LANGUAGE)


def text_direction(language: str | None = None) -> str:
    """`rtl` or `ltr`: the direction `language` (the page's by default) is written in."""
    code = (language or current_language()).replace("-", "_").split("_")[0].lower()
    return "rtl" if code in RTL_LANGUAGES else "ltr"


def arrow(towards: str = "forward") -> str:
    """An arrow that points the way the page reads (`forward`) or back, mirrored in RTL."""
    forward = text_direction() == "ltr"
    return "→" if (towards == "forward") == forward else "←"


def language_links() -> list[dict[str, str]]:
    """The same page in each language: the switcher and the hreflang alternates."""
    if request.url_rule is None or request.endpoint is None:
        return []
    # The route's own arguments always win: `?slug=other` never points a link elsewhere. A
    # page kept for every visitor carries no query argument of the request that built it.
    kept = {} if building_shared_page() else request.args.to_dict()
    args = {**kept, **(request.view_args or {})}
    name = _language_arg()
    links = []
    for code in LANGUAGES:
        args[name] = code
        href = url_for(request.endpoint, **args)
        links.append({"code": code, "name": LANGUAGE_NAMES[code], "href": href})
    return links


def said_in(language: str, msgid: str, **params: object) -> str:
    """A message in `language` (a letter's own words: "Ref.:", "Cc:"), whatever the page's."""
    with force_locale(language if language in LANGUAGES else DEFAULT_LANGUAGE):
        return gettext(msgid, **params)


def translated(text: str) -> str:
    """A sentence of the domain in the page's language (other text as it is)."""
    if isinstance(text, Message):
        # A placeholder may be a sentence of the domain too (a field's name).
        params = {k: translated(v) if isinstance(v, Message) else v for k, v in text.params.items()}
        return gettext(text.msgid, **params)
    return text


def install(app: Flask) -> None:
    """Bind Flask-Babel with our selector, and give templates the language helpers."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS_DIR))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(
        current_language=current_language,
        language_links=language_links,
        language_names=LANGUAGE_NAMES,
        format_date=format_date,
        format_decimal=format_decimal,
        format_time=format_time,
        said_in=said_in,
        text_direction=text_direction,
        arrow=arrow,
    )
    # A right-to-left name inside a left-to-right sentence of a text email (FSI … PDI).
    app.jinja_env.filters["isolate"] = isolate
    app.jinja_env.filters["translated"] = translated
    app.jinja_env.globals["has_rtl"] = has_rtl

    @app.after_request
    def _vary(response: Response) -> Response:
        # The same address answers in several languages.
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
        return response
