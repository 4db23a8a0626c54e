"""Guessing what columns hold from their headers, and countries from what people typed."""

from datetime import UTC, datetime

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from signon.domain import countries
from signon.domain.country_lookup import country_key, lookup_country
from signon.domain.import_columns import (
    FIELDS,
    apply_mapping,
    guess_columns,
    parse_mapping,
    split_header,
)
from signon.domain.import_rows import parse_date, prepare_rows, repeats_in_file
from signon.importing.tables import is_country

ALL_FIELDS = list(FIELDS)


@pytest.mark.parametrize(
    "headers",
    [
        # English: a Google Form's export and a hand-kept sheet
        [
            "Timestamp",
            "Organisation name",
            "Acronym",
            "Country",
            "Website",
            "Your name",
            "Email address",
            "Position",
        ],
        [
            "Date",
            "Name of your organization",
            "Short name",
            "Country of the organisation",
            "URL",
            "Contact person",
            "E-mail",
            "Job title",
        ],
        # French
        [
            "Horodateur",
            "Nom de l'organisation",
            "Sigle",
            "Pays",
            "Site web",
            "Nom et prénom",
            "Adresse e-mail",
            "Fonction",
        ],
        [
            "Date",
            "Organisation",
            "Acronyme",
            "Pays de l'organisation",
            "Site internet",
            "Personne de contact",
            "Courriel",
            "Poste",
        ],
        # Spanish
        [
            "Marca temporal",
            "Nombre de la organización",
            "Siglas",
            "País",
            "Sitio web",
            "Nombre de contacto",
            "Correo electrónico",
            "Cargo",
        ],
        [
            "Fecha",
            "Organización",
            "Sigla",
            "Pais",
            "Página web",
            "Persona de contacto",
            "Correo",
            "Puesto",
        ],
        # Portuguese: a Google Form's export (Brazil) and a hand-kept sheet (Mozambique)
        [
            "Carimbo de data/hora",
            "Nome da organização",
            "Sigla",
            "País",
            "Site",
            "Nome do contato",
            "Endereço de e-mail",
            "Cargo",
        ],
        [
            "Data",
            "Organização",
            "Abreviatura",
            "País da organização",
            "Página web",
            "Pessoa de contacto",
            "E-mail",
            "Função",
        ],
        # Arabic: a Google Form's export and a hand-kept sheet
        [
            "الطابع الزمني",
            "اسم المنظمة",
            "الاسم المختصر",
            "البلد",
            "الموقع الإلكتروني",
            "اسم جهة الاتصال",
            "البريد الإلكتروني",
            "المنصب",
        ],
        [
            "التاريخ",
            "الجمعية",
            "اختصار",
            "الدولة",
            "رابط الموقع",
            "الشخص المسؤول",
            "البريد",
            "الصفة",
        ],
    ],
    ids=[
        "en form",
        "en sheet",
        "fr form",
        "fr sheet",
        "es form",
        "es sheet",
        "pt form",
        "pt sheet",
        "ar form",
        "ar sheet",
    ],  # fmt: skip
)
def test_headers_in_english_french_spanish_portuguese_and_arabic_are_recognised(headers):
    mapping = dict(zip(guess_columns(headers), headers, strict=True))
    assert sorted(mapping) == sorted(
        [
            "signed_at",
            "organisation",
            "acronym",
            "country",
            "website",
            "contact_name",
            "email",
            "position",
        ]
    ), mapping


def test_arabic_and_portuguese_headers_that_look_alike_go_to_the_right_field():
    # "الموقّعة" (signing) is not "الموقع" (the website); "Data" alone is a date, "data
    # processing" is not.
    assert guess_columns(["اسم الجهة الموقّعة", "البلد", "Consent to data processing"]) == [
        "organisation",
        "country",
        "",
    ]
    assert guess_columns(["الاسم", "البلد"]) == ["organisation", "country"]
    assert guess_columns(["Nome", "País"]) == ["organisation", "country"]


def test_a_lone_name_column_is_the_organisation_and_unknown_headers_are_left_out():
    assert guess_columns(["Name", "Country", "Phone", "Email"]) == [
        "organisation",
        "country",
        "",
        "email",
    ]
    # Each field goes to one column only: the first that names it.
    assert guess_columns(["Email", "Email (other)"]) == ["email", ""]


def test_a_table_without_headers_is_guessed_from_its_values():
    rows = [["Alpha Aid", "Kenya", "a@alpha.example.org"], ["Beta", "RDC", "b@beta.example.org"]]
    headers, data, mapping = split_header(rows, is_country)
    assert headers == ["Column 1", "Column 2", "Column 3"]
    assert [n for n, _ in data] == [1, 2]
    assert mapping == ["organisation", "country", "email"]


def test_the_organiser_corrects_the_guess_by_header_or_column_number():
    headers = ["Timestamp", "Organisation", "Country", "Notes"]
    chosen = parse_mapping(["notes=acronym", "1=ignore", "Organisation=contact_name"], headers)
    assert chosen == {3: "acronym", 0: "", 1: "contact_name"}
    assert apply_mapping(guess_columns(headers), chosen) == [
        "",
        "contact_name",
        "country",
        "acronym",
    ]
    with pytest.raises(ValueError, match="No column 'Phone'"):
        parse_mapping(["Phone=email"], headers)
    with pytest.raises(ValueError, match="COLUMN=FIELD"):
        parse_mapping(["Country=nation"], headers)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Kenya", "KE"),
        ("RDC", "CD"),
        ("DRC", "CD"),
        ("RD Congo", "CD"),
        ("République démocratique du Congo", "CD"),
        ("Congo-Brazzaville", "CG"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("États-Unis", "US"),
        ("EE.UU.", "US"),
        ("UK", "GB"),
        ("Royaume-Uni", "GB"),
        ("Reino Unido", "GB"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d’Ivoire", "CI"),
        ("Ivory Coast", "CI"),
        ("Costa de Marfil", "CI"),
        ("Allemagne", "DE"),
        ("Alemania", "DE"),
        ("México", "MX"),
        ("Sénégal", "SN"),
        ("the Netherlands", "NL"),
        ("Pays-Bas", "NL"),
        ("Países Bajos", "NL"),
        ("South Korea", "KR"),
        ("Tanzanie", "TZ"),
        ("KE", "KE"),
        ("ke", "KE"),
        ("FRA", "FR"),
        ("  bolivia ", "BO"),
        # Portuguese (Brazil and Portugal) and Arabic, as CLDR and ISO write them
        ("Moçambique", "MZ"),
        ("Guiné-Bissau", "GW"),
        ("Timor-Leste", "TL"),
        ("Egito", "EG"),
        ("Quênia", "KE"),
        ("Quénia", "KE"),
        ("Alemanha", "DE"),
        ("São Tomé e Príncipe", "ST"),
        ("مصر", "EG"),
        ("المغرب", "MA"),
        ("الأردن", "JO"),
        ("الاردن", "JO"),
        ("فلسطين", "PS"),
        ("العراق", "IQ"),
        ("اليمن", "YE"),
        ("ليبيا", "LY"),
        ("المملكة المتحدة", "GB"),
        ("الإمارات", "AE"),
    ],
)
def test_countries_typed_freely_resolve_to_their_iso_code(typed, code):
    assert lookup_country(typed).code == code


@pytest.mark.parametrize(
    ("typed", "candidates"),
    [
        ("Congo", ("CD", "CG")),
        ("Korea", ("KP", "KR")),
        ("Corée", ("KP", "KR")),
        ("الكونغو", ("CD", "CG")),
        ("كوريا", ("KP", "KR")),
    ],
)
def test_a_country_two_countries_answer_to_is_never_chosen(typed, candidates):
    found = lookup_country(typed)
    assert not found.resolved
    assert found.candidates == candidates


@pytest.mark.parametrize("typed", ["Atlantis", "XX", "Kosovo?", "", "123"])
def test_an_unknown_country_stays_unresolved(typed):
    assert lookup_country(typed).code == ""


def test_every_iso_country_resolves_by_its_codes_and_its_english_name():
    for country in pycountry.countries:
        assert lookup_country(country.alpha_2).code == country.alpha_2
        assert lookup_country(country.alpha_3).code == country.alpha_2
        found = lookup_country(country.name)
        assert found.code in ("", country.alpha_2)
        assert found.code or country.alpha_2 in found.candidates


@given(st.text(max_size=60))
def test_a_lookup_never_fails_and_only_ever_names_values_of_the_country_field(text):
    found = lookup_country(text)
    codes = [found.code] if found.code else list(found.candidates)
    assert all(countries.is_country(c) for c in codes)
    assert not (found.code and found.candidates)
    assert country_key(country_key(text)) == country_key(text)


def test_rows_name_their_problems_and_unresolved_countries_wait_for_a_choice():
    mapping = ["organisation", "country", "email", "signed_at"]
    rows = [
        (2, ["Alpha Aid", "Kenya", "a@alpha.example.org", "30/01/2024 10:00"]),
        (3, ["", "Kenya", "x@example.org", ""]),
        (4, ["Beta", "Congo", "not-an-email", "someday"]),
        (5, ["Gamma", "", "", ""]),
        (6, ["", "", "", ""]),
    ]
    first, no_name, beta, gamma = prepare_rows(rows, mapping)
    assert (first.country, first.problems) == ("KE", ())
    assert first.signed_at == datetime(2024, 1, 30, 10, 0, tzinfo=UTC)
    assert no_name.problems == ("No organisation name.",)
    assert beta.problems == (
        "Choose which country “Congo” means.",
        "The email address “not-an-email” is not valid.",
        "The date “someday” cannot be read.",
    )
    assert gamma.problems == ("No country.",)
    chosen = prepare_rows(rows[2:4], mapping, countries={"Congo": "CD"}, default_country="KE")
    assert [r.country for r in chosen] == ["CD", "KE"]
    pending = prepare_rows(rows[3:4], mapping, default_country="KE", needs_email=True)
    assert pending[0].problems == ("No email address to send the confirmation to.",)


def test_dates_read_day_or_month_first_as_the_column_shows():
    assert parse_date("03/05/2024", day_is_first=True) == datetime(2024, 5, 3, tzinfo=UTC)
    assert parse_date("03/05/2024", day_is_first=False) == datetime(2024, 3, 5, tzinfo=UTC)
    assert parse_date("2024-03-05T10:20:30Z") == datetime(2024, 3, 5, 10, 20, 30, tzinfo=UTC)
    rows = [(2, ["A", "KE", "3/25/2024 10:00:00"]), (3, ["B", "KE", "4/1/2024 10:00:00"])]
    us = prepare_rows(rows, ["organisation", "country", "signed_at"])
    assert [r.signed_at.date().isoformat() for r in us] == ["2024-03-25", "2024-04-01"]


def test_repeats_inside_the_file_are_found_by_name_key_and_country():
    rows = prepare_rows(
        [
            (2, ["Réseau Equitas", "CI"]),
            (3, ["RESEAU  equitas.", "Côte d'Ivoire"]),
            (4, ["Réseau Equitas", "SN"]),
        ],
        ["organisation", "country"],
    )
    assert repeats_in_file(rows) == {3: 2}
