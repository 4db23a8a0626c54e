"""How an organisation's acronym is written after its name on the list: "Name (ACR)"."""

import re

from signon.domain.names import clean_text, name_key

ACRONYM_STYLES = ("after", "none")
# The convention of joint letters ("Southern Africa Litigation Centre (SALC)").
DEFAULT_ACRONYM_STYLE = "after"
GROUP = re.compile(r"\(([^()]*)\)")


def _bare(acronym: str) -> str:
    """The acronym as typed, without the parentheses or dashes people put around it."""
    return clean_text(acronym).strip("()[]-–— ").strip()


def already_named(name: str, acronym: str) -> bool:
    """Whether the name already carries the acronym: at its end, or in parentheses."""
    key = name_key(acronym)
    if not key:
        return True
    name_words = name_key(name)
    if name_words == key or name_words.endswith(" " + key):
        return True
    return any(name_key(inner) == key for inner in GROUP.findall(name))


def with_acronym(name: str, acronym: str, style: str = DEFAULT_ACRONYM_STYLE) -> str:
    """The listed name: "Name (ACR)" for style "after", never doubled; the name for "none"."""
    bare = _bare(acronym or "")
    if style == "none" or not bare or already_named(name, bare):
        return name
    return f"{name} ({bare})"
