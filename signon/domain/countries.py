"""Countries, international and regional codes, and their names as a letter prints them.

`country_name` is the one source of every country name the service shows or exports: CLDR's
territory names (Babel) in the language asked for, with `country_overrides.OVERRIDES` where
CLDR's standard name reads badly under a letter. The codes are ISO 3166-1 alpha-2 (the list
pycountry keeps), plus "XI" (International) and the world regions of `NON_NATIONAL`.
"""

from functools import cache, lru_cache
from pathlib import Path

import pycountry
from babel import Locale, UnknownLocaleError
from babel.support import NullTranslations, Translations

from signon.domain.collation import sort_key_in
from signon.domain.country_overrides import (
    CATALOGUE_NAMES,
    CLDR_REGIONS,
    INTERNATIONAL,
    NON_NATIONAL,
    OVERRIDES,
)

# The service's own catalogues: the names CLDR does not have ("Middle East and North Africa").
CATALOGUES = Path(__file__).resolve().parents[1] / "translations"
PLACEMENTS = ("first", "last")
# A public export's `lang=` may be any short word: keep the tables of a few languages only.
LANGUAGES_CACHED = 32
DEFAULT_PLACEMENT = "first"

__all__ = ["INTERNATIONAL", "NON_NATIONAL", "country_name", "is_country", "is_national"]


@cache
def national_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code."""
    return frozenset(c.alpha_2 for c in pycountry.countries)


def is_national(code: str) -> bool:
    """Whether `code` names a country (not International nor a region)."""
    return code in national_codes()


@lru_cache(maxsize=256)
def names_language(language: str) -> str:
    """The language code country names are written in for `language`, or "" when none.

    `fr_ZZ`, `fr-CA` and `FR` come out as `fr`: every spelling of one language is one export.
    """
    code = language.replace("-", "_").split("_")[0].lower()
    if not code.isalpha():
        return ""
    try:
        return Locale.parse(code).language
    except (ValueError, UnknownLocaleError):
        return ""


def is_country(code: str) -> bool:
    """Whether `code` is a value of the country field: a country, International or a region."""
    return is_national(code) or code in NON_NATIONAL


@lru_cache(maxsize=LANGUAGES_CACHED)
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language.replace("-", "_")).territories)
    except (ValueError, TypeError, UnknownLocaleError):
        return {}


@lru_cache(maxsize=LANGUAGES_CACHED)
def _catalogue(language: str) -> NullTranslations:
    try:
        return Translations.load(CATALOGUES, [language.replace("-", "_")])
    except ValueError:
        return NullTranslations()


def _base(language: str) -> str:
    return (language or "en").replace("-", "_").split("_")[0].lower()


@lru_cache(maxsize=4096)
def country_name(code: str, language: str = "en") -> str:
    """The name of a country field's value in `language` (English where CLDR has none),
    or the code itself when it is no such value."""
    language = language or "en"
    if code in CATALOGUE_NAMES:
        return _catalogue(language).gettext(CATALOGUE_NAMES[code])
    if not is_country(code):
        return code
    override = OVERRIDES.get(_base(language), {}).get(code)
    if override:
        return override
    territory = CLDR_REGIONS.get(code, code)
    found = _territories(language).get(territory) or _territories(_base(language)).get(territory)
    if found:
        return found
    return country_name(code, "en") if language != "en" else code


@lru_cache(maxsize=LANGUAGES_CACHED)
def country_choices(language: str = "en") -> tuple[tuple[str, str], ...]:
    """(code, name) of every country in `language`, in that language's alphabetical order."""
    pairs = ((code, country_name(code, language)) for code in national_codes())
    return tuple(sorted(pairs, key=lambda pair: sort_key_in(pair[1], language)))


@lru_cache(maxsize=LANGUAGES_CACHED)
def region_choices(language: str = "en") -> tuple[tuple[str, str], ...]:
    """(code, name): International, then the regions in `language`'s alphabetical order."""
    regions = sorted(
        ((code, country_name(code, language)) for code in NON_NATIONAL if code != INTERNATIONAL),
        key=lambda pair: sort_key_in(pair[1], language),
    )
    return ((INTERNATIONAL, country_name(INTERNATIONAL, language)), *regions)


@lru_cache(maxsize=LANGUAGES_CACHED)
def every_choice(
    language: str = "en", international: str = DEFAULT_PLACEMENT
) -> tuple[tuple[str, str], ...]:
    """Every value of the country field in the order of a list by country: International
    and the regions apart, `first` or `last`, and the countries by name."""
    if international == "last":
        return (*country_choices(language), *region_choices(language))
    return (*region_choices(language), *country_choices(language))


@lru_cache(maxsize=LANGUAGES_CACHED)
def country_order(language: str = "en", international: str = DEFAULT_PLACEMENT) -> dict[str, int]:
    """The rank of each code in a list by country (read only; unknown codes rank after)."""
    return {code: rank for rank, (code, _) in enumerate(every_choice(language, international))}


def country_sort_key(
    code: str, language: str = "en", international: str = DEFAULT_PLACEMENT
) -> tuple[int, str]:
    """Sort key of a code in a list by country, as `every_choice` orders them."""
    ranks = country_order(language, international)
    return (ranks.get(code, len(ranks)), code)
