"""Right-to-left names among left-to-right text: each name's direction is isolated.

An Arabic or Hebrew name inside a French line ("جمعية حقوق الإنسان (JHI) – Égypte") would
otherwise pull the acronym and the country into its own direction. Text, CSV, DOCX and PDF
wrap such a name in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE; HTML uses <bdi>.
"""

import unicodedata

FSI = "\u2068"
PDI = "\u2069"
# Isolates and embeddings someone typed: never let them leak past the name (or unbalance ours).
_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def has_rtl(text: str) -> bool:
    """Whether the text holds any right-to-left letter (Arabic, Hebrew, Syriac, Thaana, …)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def isolate(text: str) -> str:
    """The text between FSI and PDI when it holds right-to-left letters; else as it is."""
    if not has_rtl(text):
        return text
    return FSI + text.translate(_CONTROLS) + PDI


def isolate_always(text: str) -> str:
    """The text between FSI and PDI whatever its letters: a Latin "Name (ACR)" in an Arabic
    line keeps its brackets with it."""
    return FSI + text.translate(_CONTROLS) + PDI
