"""Countries typed freely ("RDC", "Ivory Coast", "País: México") resolved to ISO codes.

A value resolves only when exactly one country answers to it: an ISO code (alpha-2 or
alpha-3), a name or short form in English, French, Spanish, Portuguese or Arabic (the names
we print, CLDR's, and the ISO names older lists used), or a common alias. A value two
countries answer to ("Congo", "Korea", "America") is ambiguous and never chosen silently.
International and the world regions resolve too ("Global", "Regional – Africa", "Afrique", "MENA").
"""

import gettext
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import pycountry
from babel import Locale

from signon.domain.countries import NON_NATIONAL, country_name, national_codes
from signon.domain.country_overrides import CLDR_REGIONS

# The languages whose country names resolve, beside English: the pages' languages (CLDR's
# and pycountry's ISO names), and European Portuguese, whose CLDR names differ from Brazil's
# ("Quénia", "Irão").
LANGUAGES = ("fr", "es", "pt", "pt_PT", "ar")

# Forms people type that the ISO names and their translations do not give.
ALIASES: dict[str, tuple[str, ...]] = {
    "AE": ("الإمارات", "Emirados Árabes", "UAE", "EAU"),
    "CD": (
        "RDC",
        "DRC",
        "RD Congo",
        "DR Congo",
        "RDCongo",
        "Congo-Kinshasa",
        "Congo RDC",
        "Congo DRC",
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
        "République démocratique du Congo",
        "República Democrática del Congo",
        "Zaire",
    ),
    "CG": (
        "Congo-Brazzaville",
        "Republic of Congo",
        "Republic of the Congo",
        "République du Congo",
        "República del Congo",
        "Congo Brazza",
    ),
    "US": (
        "USA",
        "US",
        "U.S.",
        "U.S.A.",
        "United States of America",
        "États-Unis",
        "Etats-Unis",
        "EEUU",
        "EE.UU.",
        "EE. UU.",
        "Estados Unidos",
    ),
    "GB": (
        "UK",
        "U.K.",
        "United Kingdom",
        "Great Britain",
        "Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "Royaume-Uni",
        "Angleterre",
        "Grande-Bretagne",
        "Écosse",
        "Reino Unido",
        "Gran Bretaña",
        "Inglaterra",
        "Escocia",
    ),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire", "Costa de Marfil", "RCI"),
    "KR": ("South Korea", "Corée du Sud", "Corea del Sur"),
    "KP": ("North Korea", "Corée du Nord", "Corea del Norte"),
    "RU": ("Russia", "Russie", "Rusia"),
    "SY": ("Syria", "Syrie", "Siria"),
    "IR": ("Iran", "Irán"),
    "VN": ("Vietnam", "Viêt Nam", "Viet Nam"),
    "LA": ("Laos",),
    "BO": ("Bolivia", "Bolivie"),
    "VE": ("Venezuela", "Vénézuela"),
    "TZ": ("Tanzania", "Tanzanie"),
    "MD": ("Moldova", "Moldavie", "Moldavia"),
    "PS": ("Palestine", "Palestina", "Territoires palestiniens", "Palestinian Territories"),
    "CZ": ("Czech Republic", "République tchèque", "República Checa"),
    "NL": ("Holland", "Hollande", "Holanda"),
    "MM": ("Burma", "Birmanie", "Birmania"),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde", "Cap Vert"),
    "TR": ("Turkey", "Turquie", "Turquía", "Turkiye"),
    "MK": ("Macedonia", "Macédoine", "Macedonia del Norte"),
    "TL": ("East Timor", "Timor oriental"),
    "VA": ("Vatican", "Holy See"),
    # International and the regions (their names in en/fr/es are indexed from country_name).
    "XI": (
        "Global",
        "Worldwide",
        "World",
        "Mondial",
        "Monde",
        "Mundial",
        "Mundo",
        "Intl",
        "Int'l",
        "Internacional",
        "Internationale",
    ),
    "XF": ("Pan-African", "Panafricain", "Panafricano"),
    "XR": ("Amériques", "Las Américas"),
    "XP": ("Asia Pacific", "Asie-Pacifique", "Asia-Pacífico", "Asia y el Pacífico", "APAC"),
    "XL": (
        "LAC",
        "ALC",
        "Latin America",
        "Amérique latine",
        "América Latina",
        "Latinoamérica",
        "Latinoamérica y el Caribe",
        "Amérique latine et Caraïbes",
        "Amérique latine et les Caraïbes",
    ),
    "XM": (
        "MENA",
        "ANMO",
        "MOAN",
        "Middle East",
        "Moyen-Orient",
        "Oriente Medio",
        "Medio Oriente",
        "Moyen-Orient et Afrique du Nord",
        "Oriente Medio y Norte de África",
        "Medio Oriente y Norte de África",
        "Oriente Próximo y Norte de África",
    ),
    "XO": ("Pacific", "Pacifique", "Pacífico"),
}
# "America" is the United States to some and the Americas to others: both are offered.
# ISO's Arabic "Congo" (الكونغو) is the Republic's name only: both Congos answer to it.
AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "America": ("US", "XR"),
    "الكونغو": ("CD", "CG"),
    "كوريا": ("KP", "KR"),
}
# "Regional – Africa", "Région : Afrique", "Africa (regional)": the word around a region.
REGIONAL = ("regional", "region")

ARTICLES = re.compile(r"^(the|la|le|les|el|los|las|l)\s+")


@dataclass(frozen=True)
class CountryLookup:
    """What a typed country resolves to: a code, or the codes it could mean, or nothing."""

    text: str
    code: str = ""
    candidates: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return bool(self.code)


def country_key(text: str) -> str:
    """Case, accents, punctuation, a leading article and spaces ignored."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    plain = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return ARTICLES.sub("", " ".join(plain.split())).replace(" ", "")


def _forms(name: str) -> set[str]:
    """A name, its part before a comma, the comma form turned round, the part before "("."""
    forms = {name}
    name = name.split("(")[0].strip()
    forms.add(name)
    if ", " in name:
        head, tail = name.split(", ", 1)
        forms |= {head, f"{tail} {head}"}
    return forms


@cache
def _index() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """Aliases and codes (one country each), and names (perhaps several countries each)."""
    exact: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)
    translations = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in LANGUAGES
    ]
    for country in pycountry.countries:
        code = country.alpha_2
        exact[country_key(code)] = code
        exact[country_key(country.alpha_3)] = code
        english = {
            n
            for attr in ("name", "common_name", "official_name")
            if (n := getattr(country, attr, ""))
        }
        for name in english:
            for t in (None, *translations):
                for form in _forms(t.gettext(name) if t else name):
                    names[country_key(form)].add(code)
    for code in national_codes() | set(NON_NATIONAL):
        exact.setdefault(country_key(code), code)
        for language in ("en", *LANGUAGES):
            cldr = Locale(language).territories.get(CLDR_REGIONS.get(code, code), "")
            for name in {country_name(code, language), cldr} - {""}:
                for form in _forms(name):
                    names[country_key(form)].add(code)
    for code, aliases in ALIASES.items():
        for alias in aliases:
            exact[country_key(alias)] = code
    for text, codes in AMBIGUOUS.items():
        names[country_key(text)] = set(codes)
    return exact, {key: frozenset(codes) for key, codes in names.items()}


def lookup_country(text: str) -> CountryLookup:
    """Resolve a typed country; ambiguous values keep their candidates, unknown ones none."""
    key = country_key(text)
    if not key:
        return CountryLookup(text)
    codes = _codes(key)
    if not codes:
        codes = _regional(key)
    if len(codes) == 1:
        return CountryLookup(text, next(iter(codes)))
    return CountryLookup(text, "", tuple(sorted(codes)))


def _codes(key: str) -> frozenset[str]:
    exact, names = _index()
    if key in exact:
        return frozenset({exact[key]})
    return names.get(key, frozenset())


def _regional(key: str) -> frozenset[str]:
    """The region in "Regional – Africa" or "Africa (regional)"; every region for "Regional"."""
    regions = frozenset(NON_NATIONAL) - {"XI"}
    for word in REGIONAL:
        if key == word:
            return regions
        for rest in (key.removeprefix(word), key.removesuffix(word)):
            if rest != key and (codes := _codes(rest)) and codes <= regions:
                return codes
    return frozenset()
