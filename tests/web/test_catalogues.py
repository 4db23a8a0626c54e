"""The catalogues are complete and current: every message in French, Spanish, Portuguese and
Arabic, with every plural form CLDR gives the language."""

import io
import re
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "signon" / "translations"
LANGUAGES = ["fr", "es", "pt", "ar"]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "translatable": None,
    "_t": None,
    "said_in": (2,),
}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def _extracted() -> set:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _catalog(language: str) -> Catalog:
    path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        return read_po(po, locale=language)


def _placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


@pytest.fixture(scope="module")
def extracted() -> set:
    return _extracted()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_code_and_templates_is_translated(language, extracted):
    catalog = _catalog(language)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id
        and "fuzzy" not in m.flags
        and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    assert extracted - translated == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    for message in _catalog(language):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        expected = set().union(*(_placeholders(i) for i in ids))
        for string in strings:
            # A form may leave out the count ("une", "un"; Arabic's "ترجمتان", two translations),
            # nothing else.
            assert _placeholders(string) <= expected, (message.id, string)
            assert expected - _placeholders(string) <= {"count", "n", "num"}, (message.id, string)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_plural_message_has_each_form_cldr_gives_the_language(language):
    catalog = _catalog(language)
    # Babel's own rule for the language (Arabic: zero one two few many other).
    assert catalog.plural_forms == Catalog(locale=language).plural_forms
    # CLDR lists the tags besides "other".
    assert catalog.num_plurals == len(Locale.parse(language).plural_form.tags) + 1
    plural = [m for m in catalog if m.id and not isinstance(m.id, str)]
    assert plural
    for message in plural:
        assert len(message.string) == catalog.num_plurals, message.id
        assert all(form.strip() for form in message.string), message.id


def test_arabic_reads_six_plural_forms_and_portuguese_three():
    assert _catalog("ar").num_plurals == 6
    assert Locale.parse("ar").plural_form.tags | {"other"} == {
        "zero",
        "one",
        "two",
        "few",
        "many",
        "other",
    }
    # CLDR's Portuguese: one (0 and 1), many (a million), other.
    assert _catalog("pt").num_plurals == 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_current(language):
    compiled = io.BytesIO()
    write_mo(compiled, _catalog(language))
    path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo"
    assert path.read_bytes() == compiled.getvalue(), "run: pybabel compile -d signon/translations"
