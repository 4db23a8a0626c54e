"""Countries typed freely ("RDC", "Ivory Coast", "País: México") resolved to ISO codes.

A value resolves only when exactly one country answers to it: an ISO code (alpha-2 or
alpha-3), a name or short form in English, French or Spanish, or a common alias. A value
two countries answer to ("Congo", "Korea") is ambiguous and never chosen silently.
"""

import gettext
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import pycountry

LANGUAGES = ("fr", "es")

# Forms people type that the ISO names and their translations do not give.
ALIASES: dict[str, tuple[str, ...]] = {
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
        "America",
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
}

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
    for code, aliases in ALIASES.items():
        for alias in aliases:
            exact[country_key(alias)] = code
    return exact, {key: frozenset(codes) for key, codes in names.items()}


def lookup_country(text: str) -> CountryLookup:
    """Resolve a typed country; ambiguous values keep their candidates, unknown ones none."""
    key = country_key(text)
    if not key:
        return CountryLookup(text)
    exact, names = _index()
    if key in exact:
        return CountryLookup(text, exact[key])
    codes = names.get(key, frozenset())
    if len(codes) == 1:
        return CountryLookup(text, next(iter(codes)))
    return CountryLookup(text, "", tuple(sorted(codes)))
