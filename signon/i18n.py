"""Which language a page speaks: `?lang=`, then the session, the browser, the letter, English.

The catalogues live in `signon/translations` (gettext, managed with `pybabel`, see README).
"""

from pathlib import Path

from flask import Flask, Response, g, has_request_context, request, session, url_for
from flask_babel import format_date, format_decimal, get_locale

from signon.extensions import babel

LANGUAGES = ("en", "fr", "es")
DEFAULT_LANGUAGE = "en"
# Each language named in itself, for the switcher.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
SESSION_KEY = "lang"
# On these pages `lang` is also the export's language: the page speaks it but does not remember
# it, so choosing a Spanish export does not turn the rest of the visit Spanish.
EXPORT_ENDPOINTS = frozenset(
    {"exports.downloads", "exports.organiser_export", "exports.public_export"}
)


def requested_language() -> str | None:
    """The language the visitor asked for (`?lang=`, remembered, or the browser's), if any."""
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        if session.get(SESSION_KEY) != asked and request.endpoint not in EXPORT_ENDPOINTS:
            session[SESSION_KEY] = asked
        return asked
    remembered = session.get(SESSION_KEY)
    if remembered in LANGUAGES:
        return remembered
    return request.accept_languages.best_match(LANGUAGES)


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


def language_links() -> list[dict[str, str]]:
    """The same page in each language: the switcher and the hreflang alternates."""
    if request.url_rule is None or request.endpoint is None:
        return []
    args = {**(request.view_args or {}), **request.args.to_dict()}
    links = []
    for code in LANGUAGES:
        args["lang"] = code
        href = url_for(request.endpoint, **args)
        links.append({"code": code, "name": LANGUAGE_NAMES[code], "href": href})
    return links


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
    )

    @app.after_request
    def _vary(response: Response) -> Response:
        # The same address answers in several languages.
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
        return response
