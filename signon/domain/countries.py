"""ISO 3166-1 alpha-2 countries and their names, in English or another language."""

import gettext
from functools import cache, lru_cache
from pathlib import Path

import pycountry

from signon.domain.collation import sort_key_in


@cache
def _names() -> dict[str, str]:
    # Common names ("Bolivia") read better under a letter than official ones.
    return {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}


@cache
def _translation(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


@lru_cache(maxsize=256)
def names_language(language: str) -> str:
    """The language code country names are written in for `language`, or "" when none.

    `fr_ZZ` and `FR` come out as `fr`: every spelling of one language is one export.
    """
    if not language or language.lower() == "en":
        return language.lower()
    found = gettext.find("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    # .../LOCALES_DIR/<code>/LC_MESSAGES/iso3166-1.mo
    return Path(found).parent.parent.name if found else ""


def is_country(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 code (upper case)."""
    return code in _names()


def country_name(code: str, language: str = "en") -> str:
    """The country's name in `language`, or the code itself when unknown."""
    name = _names().get(code)
    if name is None:
        return code
    if language == "en":
        return name
    return _translation(language).gettext(name)


@cache
def country_choices(language: str = "en") -> tuple[tuple[str, str], ...]:
    """(code, name) pairs in `language`, in that language's alphabetical order, for a select."""
    pairs = ((code, country_name(code, language)) for code in _names())
    return tuple(sorted(pairs, key=lambda pair: sort_key_in(pair[1], language)))
