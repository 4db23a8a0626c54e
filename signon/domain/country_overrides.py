"""Where CLDR's standard name reads badly under a letter, and the codes that are not countries.

Every other country name comes from CLDR (`countries.country_name`). An override replaces
CLDR's name in one language only; `tests/domain/test_country_names.py` checks that every name
offered is CLDR's or one of these.
"""

from signon.domain.messages import translatable

# CLDR's interface forms ("Congo - Kinshasa", "Hong Kong SAR China", "Myanmar (Burma)"),
# its "&" and "St." in English, and the one apostrophe people type differently.
OVERRIDES: dict[str, dict[str, str]] = {
    "en": {
        "CD": "Democratic Republic of the Congo",  # "Congo - Kinshasa"
        "CG": "Republic of the Congo",  # "Congo - Brazzaville"
        "PS": "Palestine",  # "Palestinian Territories"
        "HK": "Hong Kong",  # "Hong Kong SAR China" (CLDR's own short form)
        "MO": "Macao",  # "Macao SAR China" (CLDR's own short form)
        "MM": "Myanmar",  # "Myanmar (Burma)": a parenthesis inside "Name (Country)"
        "CI": "Côte d'Ivoire",  # "Côte d’Ivoire": as signatories type it in their names
        "CV": "Cabo Verde",  # "Cape Verde": the name the country, the UN and ISO use
        "UM": "United States Minor Outlying Islands",  # "U.S. Outlying Islands"
        "AG": "Antigua and Barbuda",
        "BA": "Bosnia and Herzegovina",
        "BL": "Saint Barthélemy",
        "GS": "South Georgia and the South Sandwich Islands",
        "HM": "Heard Island and McDonald Islands",
        "KN": "Saint Kitts and Nevis",
        "LC": "Saint Lucia",
        "MF": "Saint Martin",
        "PM": "Saint Pierre and Miquelon",
        "SH": "Saint Helena, Ascension and Tristan da Cunha",
        "SJ": "Svalbard and Jan Mayen",
        "ST": "São Tomé and Príncipe",
        "TC": "Turks and Caicos Islands",
        "TT": "Trinidad and Tobago",
        "VC": "Saint Vincent and the Grenadines",
        "WF": "Wallis and Futuna",
    },
    "fr": {
        "CD": "République démocratique du Congo",  # "Congo-Kinshasa"
        "CG": "République du Congo",  # "Congo-Brazzaville"
        "PS": "Palestine",  # "Territoires palestiniens"
        "HK": "Hong Kong",  # "R.A.S. chinoise de Hong Kong"
        "MO": "Macao",  # "R.A.S. chinoise de Macao"
        "MM": "Myanmar",  # "Myanmar (Birmanie)"
        "CI": "Côte d'Ivoire",  # "Côte d’Ivoire"
    },
    "es": {
        "CG": "República del Congo",  # "Congo", which says nothing next to the other Congo
        "PS": "Palestina",  # "Territorios Palestinos"
        "HK": "Hong Kong",  # "RAE de Hong Kong (China)"
        "MO": "Macao",  # "RAE de Macao (China)"
        "MM": "Myanmar",  # "Myanmar (Birmania)"
        "CI": "Côte d'Ivoire",  # "Côte d’Ivoire"
    },
    "pt": {
        "CD": "República Democrática do Congo",  # "Congo - Kinshasa"
        "PS": "Palestina",  # "Territórios palestinos"
        "HK": "Hong Kong",  # "Hong Kong, RAE da China"
        "MO": "Macau",  # "Macau, RAE da China"
        "MM": "Mianmar",  # "Mianmar (Birmânia)"
    },
    "ar": {
        "CD": "جمهورية الكونغو الديمقراطية",  # "الكونغو - كينشاسا"
        "CG": "جمهورية الكونغو",  # "الكونغو - برازافيل"
        "PS": "فلسطين",  # "الأراضي الفلسطينية"
        "HK": "هونغ كونغ",  # "هونغ كونغ الصينية (منطقة إدارية خاصة)"
        "MO": "ماكاو",  # "منطقة ماكاو الإدارية الخاصة"
        "MM": "ميانمار",  # "ميانمار (بورما)"
    },
}

# The country field's choices for an organisation that is not national. Stored codes are
# ISO 3166's user-assigned "X?" codes (two letters: the column and every check stay as they
# are; Excel keeps them as text, unlike CLDR's "002"). Each is named by CLDR's region where
# CLDR has one, else by our catalogue (`translatable` marks the msgid for extraction).
INTERNATIONAL = "XI"
CLDR_REGIONS: dict[str, str] = {
    "XF": "002",  # Africa
    "XR": "019",  # Americas
    "XS": "142",  # Asia
    "XE": "150",  # Europe
    "XO": "009",  # Oceania
}
# CLDR's "World" is not what an organisation calls itself; CLDR's "419" is Latin America
# without the Caribbean; CLDR has no Middle East and North Africa, nor Asia-Pacific.
CATALOGUE_NAMES: dict[str, str] = {
    INTERNATIONAL: translatable("International").msgid,
    "XL": translatable("Latin America and the Caribbean").msgid,
    "XM": translatable("Middle East and North Africa").msgid,
    "XP": translatable("Asia-Pacific").msgid,
}
NON_NATIONAL = (INTERNATIONAL, *CLDR_REGIONS, "XL", "XM", "XP")
