"""Country names as a letter prints them: CLDR's, or one of a short list of overrides; and
International and the world regions as values of the country field."""

from datetime import datetime

import pytest
from babel import Locale
from babel.support import Translations

from signon.domain.countries import (
    CATALOGUES,
    country_choices,
    country_name,
    country_sort_key,
    every_choice,
    is_country,
    is_national,
    region_choices,
)
from signon.domain.country_lookup import lookup_country
from signon.domain.country_overrides import CATALOGUE_NAMES, CLDR_REGIONS, NON_NATIONAL, OVERRIDES
from signon.domain.ordering import Ordering, Sortable, ordered

LANGUAGES = ("en", "fr", "es")
EVERY_LANGUAGE = (*LANGUAGES, "pt", "ar")


@pytest.mark.parametrize("language", EVERY_LANGUAGE)
def test_every_name_offered_is_cldrs_or_an_override_or_our_catalogues(language):
    cldr = Locale(language).territories
    catalogue = Translations.load(CATALOGUES, [language])
    offered = every_choice(language)
    assert len(offered) == len({code for code, _ in offered}) > 250
    for code, name in offered:
        if code in CATALOGUE_NAMES:
            expected = catalogue.gettext(CATALOGUE_NAMES[code])
            # Translated ("International" is French too, so it may read the same).
            assert language == "en" or CATALOGUE_NAMES[code] in catalogue._catalog, code
        else:
            expected = OVERRIDES[language].get(code) or cldr[CLDR_REGIONS.get(code, code)]
        assert name == expected == country_name(code, language), code


def test_every_override_changes_a_name_cldr_gives():
    for language, overrides in OVERRIDES.items():
        cldr = Locale(language).territories
        assert all(is_national(code) for code in overrides)
        assert all(cldr[code] != name for code, name in overrides.items()), language


@pytest.mark.parametrize(
    ("code", "names"),
    [
        (
            "CD",
            (
                "Democratic Republic of the Congo",
                "République démocratique du Congo",
                "República Democrática del Congo",
            ),
        ),
        ("CG", ("Republic of the Congo", "République du Congo", "República del Congo")),
        ("PS", ("Palestine", "Palestine", "Palestina")),
        ("CI", ("Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire")),
        ("HK", ("Hong Kong", "Hong Kong", "Hong Kong")),
        ("MM", ("Myanmar", "Myanmar", "Myanmar")),
        ("BA", ("Bosnia and Herzegovina", "Bosnie-Herzégovine", "Bosnia y Herzegovina")),
        ("DZ", ("Algeria", "Algérie", "Argelia")),
        ("BF", ("Burkina Faso", "Burkina Faso", "Burkina Faso")),
        ("AX", ("Åland Islands", "Îles Åland", "Islas Aland")),
        ("XI", ("International", "International", "Internacional")),
        ("XF", ("Africa", "Afrique", "África")),
        ("XM", ("Middle East and North Africa", "Moyen-Orient et Afrique du Nord",
                "Oriente Medio y Norte de África")),
        ("XL", ("Latin America and the Caribbean", "Amérique latine et Caraïbes",
                "América Latina y el Caribe")),
    ],
)  # fmt: skip
def test_names_under_a_letter_in_english_french_and_spanish(code, names):
    assert tuple(country_name(code, language) for language in LANGUAGES) == names


def test_international_and_the_regions_are_values_of_the_country_field_not_countries():
    assert all(is_country(code) and not is_national(code) for code in NON_NATIONAL)
    assert all(len(code) == 2 and code.isupper() for code in NON_NATIONAL)
    assert not is_country("XX") and not is_country("001") and is_country("KE")
    assert [code for code, _ in region_choices("en")][:2] == ["XI", "XF"]
    assert {code for code, _ in country_choices("fr")} & set(NON_NATIONAL) == set()


def test_a_list_by_country_puts_international_and_the_regions_first_or_last():
    codes = ["KE", "XF", "AF", "XI", "ZW"]
    first = sorted(codes, key=lambda c: country_sort_key(c, "en"))
    last = sorted(codes, key=lambda c: country_sort_key(c, "en", "last"))
    assert first == ["XI", "XF", "AF", "KE", "ZW"]
    assert last == ["AF", "KE", "ZW", "XI", "XF"]
    assert sorted(["??", "KE"], key=lambda c: country_sort_key(c, "en")) == ["KE", "??"]


def test_other_languages_get_cldrs_names_and_unknown_ones_english():
    assert country_name("DE", "de") == "Deutschland"
    assert country_name("XF", "pt_BR") == "África"
    assert country_name("XM", "de") == "Middle East and North Africa"
    assert country_name("CD", "xx") == "Democratic Republic of the Congo"
    assert country_name("??", "fr") == "??"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("International", "XI"),
        ("Global", "XI"),
        ("Internacional", "XI"),
        ("Worldwide", "XI"),
        ("Afrique", "XF"),
        ("África", "XF"),
        ("Regional – Africa", "XF"),
        ("Regional - Africa", "XF"),
        ("Régional : Afrique", "XF"),
        ("Africa (regional)", "XF"),
        ("MENA", "XM"),
        ("Moyen-Orient et Afrique du Nord", "XM"),
        ("América Latina y el Caribe", "XL"),
        ("Asia Pacific", "XP"),
        ("Europa", "XE"),
        ("XI", "XI"),
        ("Palestinian Territories", "PS"),
        ("Congo - Kinshasa", "CD"),
        ("Hong Kong SAR China", "HK"),
        ("Myanmar (Burma)", "MM"),
    ],
)
def test_the_import_understands_international_the_regions_and_cldrs_names(typed, code):
    assert lookup_country(typed).code == code


def test_america_and_a_bare_regional_are_asked_not_guessed():
    assert lookup_country("America").candidates == ("US", "XR")
    assert not lookup_country("Regional").resolved
    assert "XF" in lookup_country("Regional").candidates
    assert lookup_country("Regional - Kenya").code == ""


def test_a_letter_ordered_by_country_lists_international_and_the_regions_first():
    signed = [("Kituo", "KE"), ("FIDH", "XI"), ("Afghan Aid", "AF"), ("Pan", "XF")]
    when = datetime(2024, 1, 1)
    rows = [Sortable(name, code, when, i) for i, (name, code) in enumerate(signed)]
    listed = ordered(rows, Ordering.BY_COUNTRY, lambda s: s, language="fr")
    assert [s.country for s in listed] == ["XI", "XF", "AF", "KE"]
