"""Cleaning organisation names as typed, and the key that says two names are the same."""

import re
import unicodedata
from functools import lru_cache

# Invisible characters pasted from word processors (zero-width space, word joiner, BOM), and
# the bidirectional embedding, override and isolate controls, which reorder what follows
# them on a page ("\u202eORG" shows "GRO"): all dropped. The marks (LRM, RLM) stay.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff" + BIDI_CONTROLS), None)
# Letters by their category that show nothing: the Hangul fillers.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
# Control characters (category Cc: U+0000-U+001F, U+007F-U+009F) become spaces.
CONTROLS = {cp: " " for cp in [*range(0x20), *range(0x7F, 0xA0)]}
APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u02bc\u2018`\u00b4"), None)
ASCII_OTHER = re.compile(r"[^a-z0-9]+")


class _KeyChars(dict):
    """What each character becomes in a key: marks dropped, punctuation, symbols, spaces
    and controls a space, the rest kept. Filled as characters are met (str.translate)."""

    def __missing__(self, codepoint: int) -> str:
        category = unicodedata.category(chr(codepoint))
        value = "" if category == "Mn" else " " if category[0] in "PSZC" else chr(codepoint)
        self[codepoint] = value
        return value


KEY_CHARS = _KeyChars()


def clean_text(value: str | None) -> str:
    """NFC, control characters out, whitespace of every kind trimmed and collapsed."""
    if not value:
        return ""
    if value.isascii() and value.isprintable():  # the common case: nothing to do but spaces
        return " ".join(value.split())
    value = unicodedata.normalize("NFC", value).translate(INVISIBLE).translate(CONTROLS)
    return " ".join(value.split())


def clean_block(value: str | None) -> str:
    """A block of text (Markdown, an address) as stored: LF line ends, no space around it.

    A browser sends a textarea's lines ended by CRLF and a file may end with a newline: the
    same text must not look changed (and ask for a new version) on the next save.
    """
    return (value or "").replace("\r\n", "\n").strip()


def same_text(stored: object, wanted: object) -> bool:
    """Whether two values of a letter's part are the same, blocks compared as stored."""
    if isinstance(stored, str) and isinstance(wanted, str):
        return clean_block(stored) == clean_block(wanted)
    return stored == wanted


def shows_something(text: str) -> bool:
    """Whether a name has a visible letter or digit: the rule for every name that is listed.

    Only marks, joiners, spaces, controls or Hangul fillers would make an invisible entry.
    """
    return any(
        unicodedata.category(char)[0] in "LN" and char not in BLANK_LETTERS
        for char in clean_text(text)
    )


@lru_cache(maxsize=262_144)
def name_key(name: str) -> str:
    """The name with case, accents, punctuation and whitespace ignored.

    Two sign-ons whose keys are equal are the same organisation.
    """
    text = clean_text(name)
    if text.isascii():  # the common case, and the same result as the general one
        return " ".join(ASCII_OTHER.sub(" ", text.lower().translate(APOSTROPHES)).split())
    # Casefold after compatibility decomposition: "𝖠" and "Ａ" decompose to a capital "A".
    text = unicodedata.normalize("NFKD", text).casefold().translate(APOSTROPHES)
    kept = unicodedata.normalize("NFKD", text).translate(KEY_CHARS)
    return unicodedata.normalize("NFC", " ".join(kept.split()))
