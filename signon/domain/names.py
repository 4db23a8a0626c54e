"""Cleaning organisation names as typed, and the key that says two names are the same."""

import re
import unicodedata
from functools import lru_cache

# Invisible characters pasted from word processors: zero-width space, word joiner, BOM.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"), None)
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
