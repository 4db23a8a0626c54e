"""The day a published letter went out, as the exports print it (once in each file)."""

from datetime import date

from babel.core import UnknownLocaleError
from babel.dates import format_date
from flask_babel import gettext

from signon.letters.models import Letter, LetterStatus


def sent_on(letter: Letter) -> date | None:
    """The day the organisers said the letter went out; None until it is published."""
    if letter.status != LetterStatus.PUBLISHED:
        return None
    if letter.sent_on is not None:
        return letter.sent_on
    return letter.published_at.date() if letter.published_at else None


def long_date(day: date, language: str) -> str:
    """The day as a letter writes it: "3 March 2020", "3 mars 2020", "3 de marzo de 2020"."""
    try:
        return format_date(day, "long", locale=language or "en")
    except (UnknownLocaleError, ValueError):
        return format_date(day, "long", locale="en")


def place_date(letter: Letter) -> str:
    """The place-and-date line: the organisers' own, else the day it went out (once published)."""
    day = sent_on(letter)
    if letter.place_date or day is None:
        return letter.place_date
    return long_date(day, letter.language)


def sent_line(letter: Letter, language: str) -> str:
    """The sentence "The letter was sent on 3 March 2020." in `language`; "" before publication."""
    day = sent_on(letter)
    if day is None:
        return ""
    return gettext("The letter was sent on %(day)s.", day=long_date(day, language))


def list_sent_line(letter: Letter, language: str) -> str:
    """The sentence under a DOCX or PDF list: only when the letter's own place-and-date line
    does not carry the day already (the organisers wrote one themselves)."""
    return sent_line(letter, language) if letter.place_date else ""
