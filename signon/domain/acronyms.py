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


def shown_acronym(name: str, acronym: str) -> str:
    """The acronym to write in brackets after `name`; "" when there is none or the name has it
    (so no page ever shows "()")."""
    bare = _bare(acronym or "")
    return "" if not bare or already_named(name, bare) else bare


def with_acronym(name: str, acronym: str, style: str = DEFAULT_ACRONYM_STYLE) -> str:
    """The listed name: "Name (ACR)" for style "after", never doubled; the name for "none"."""
    bare = shown_acronym(name, acronym)
    return f"{name} ({bare})" if bare and style != "none" else name
