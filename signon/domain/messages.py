"""Sentences the domain writes for people, translated where they are shown.

The domain knows no language: it returns the English sentence (a `str`, so it reads and
compares as English everywhere) that also keeps its msgid and placeholders, and the page
that shows it translates it (`signon.web.i18n.translated`). `pybabel extract -k translatable -k _t`
finds the msgids.
"""


class Message(str):
    """An English sentence that remembers its msgid and placeholders."""

    msgid: str
    params: dict[str, object]

    def __new__(cls, msgid: str, **params: object) -> "Message":
        """The sentence with its placeholders filled in."""
        made = super().__new__(cls, msgid % params if params else msgid)
        made.msgid, made.params = msgid, params
        return made


def translatable(msgid: str, **params: object) -> Message:
    """Mark a sentence for translation where it is shown (the domain's `gettext`)."""
    return Message(msgid, **params)
