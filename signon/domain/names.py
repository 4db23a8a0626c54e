"""Cleaning organisation names as typed, and the key that says two names are the same."""

import unicodedata

# Invisible characters pasted from word processors: zero-width space, word joiner, BOM.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"), None)
APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u02bc\u2018`\u00b4"), None)


def clean_text(value: str | None) -> str:
    """NFC, control characters out, whitespace of every kind trimmed and collapsed."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value).translate(INVISIBLE)
    value = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in value)
    return " ".join(value.split())


def name_key(name: str) -> str:
    """The name with case, accents, punctuation and whitespace ignored.

    Two sign-ons whose keys are equal are the same organisation.
    """
    # Casefold after compatibility decomposition: "𝖠" and "Ａ" decompose to a capital "A".
    text = unicodedata.normalize("NFKD", clean_text(name)).casefold().translate(APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", text)
    kept = []
    for ch in decomposed:
        category = unicodedata.category(ch)
        if category == "Mn":
            continue
        kept.append(" " if category[0] in "PSZC" else ch)
    return unicodedata.normalize("NFC", " ".join("".join(kept).split()))
