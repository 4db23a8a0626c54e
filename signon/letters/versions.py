"""Earlier versions of a letter's text and how they differ from the text now."""

import difflib
import logging

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from signon.audit import trail as audit
from signon.core.errors import NotFound
from signon.domain.textdiff import Piece, inline_diff
from signon.letters.models import Letter, LetterStatus, LetterVersion
from signon.storage.extensions import db

log = logging.getLogger(__name__)
# The app extension that counts the signatures standing on a version.
STANDING_SIGNATURES = "signon.standing_signatures"

# The parts whose change makes a new version (settings such as the deadline do not).
TEXT_PARTS = (
    "title",
    "letterhead",
    "reference",
    "addressee",
    "subject",
    "place_date",
    "salutation",
    "body",
    "closing",
    "signature_blocks",
    "copy_line",
)

# Each part's name as people read it (the diff page and the email about a change).
PART_LABELS = {
    "title": _l("Title"),
    "letterhead": _l("Letterhead"),
    "reference": _l("Reference"),
    "addressee": _l("Addressee"),
    "subject": _l("Subject"),
    "place_date": _l("Place and date"),
    "salutation": _l("Salutation"),
    "body": _l("Text"),
    "closing": _l("Closing"),
    "signature_blocks": _l("Senders"),
    "copy_line": _l("Copy line"),
}


def part_label(part: str) -> str:
    """A text part's name in the current language ("place_date" is "Place and date")."""
    label = PART_LABELS.get(part)
    return str(label) if label is not None else part.replace("_", " ").capitalize()


def snapshot(letter: Letter) -> dict[str, object]:
    """Every text part of the letter as it is now."""
    return {name: getattr(letter, name) for name in TEXT_PARTS}


def makes_new_version(letter: Letter, changed: list[str]) -> bool:
    """Whether changing these parts keeps the text as it is as a version: not while a draft."""
    return letter.status != LetterStatus.DRAFT and bool(set(changed) & set(TEXT_PARTS))


def standing_signatures(letter: Letter, number: int) -> int | None:
    """How many sign-ons made on version `number` still stand (None: nobody can tell).

    Sign-ons belong to the signing package, above this one: it lends its count to the
    application (`setup.register_mail`), so the editor can ask before a new version.
    """
    count = current_app.extensions.get(STANDING_SIGNATURES)
    return count(letter, number) if count else None


def keep_before_change(letter: Letter, changed: list[str], actor: str) -> None:
    """Before an edit of a letter that takes (or took) signatures, keep its text as a version."""
    if not makes_new_version(letter, changed):
        return
    db.session.add(
        LetterVersion(
            letter_id=letter.id, number=letter.version, parts=snapshot(letter), replaced_by=actor
        )
    )
    letter.version += 1
    audit.record(letter.id, actor, "new_version", number=letter.version)
    log.info("letter %s: version %s kept, now %s", letter.slug, letter.version - 1, letter.version)


def get_version(letter: Letter, number: int) -> LetterVersion:
    """An earlier version; raises NotFound."""
    version = db.session.scalar(
        sa.select(LetterVersion).where(
            LetterVersion.letter_id == letter.id, LetterVersion.number == number
        )
    )
    if version is None:
        raise NotFound(
            gettext("No version %(number)s of letter '%(slug)s'.", number=number, slug=letter.slug)
        )
    return version


def _lines(value: object) -> list[str]:
    if isinstance(value, list):  # signature blocks
        return [" | ".join(b.get(k, "") for k in ("name", "title", "organisation")) for b in value]
    return str(value or "").splitlines()


def diff(old: dict[str, object], new: dict[str, object]) -> list[tuple[str, list[str]]]:
    """Per changed part, the unified diff lines ("-" removed, "+" added, " " context)."""
    result = []
    for name in TEXT_PARTS:
        if old.get(name) == new.get(name):
            continue
        lines = difflib.unified_diff(_lines(old.get(name)), _lines(new.get(name)), n=2, lineterm="")
        result.append((name, [line for line in lines if not line.startswith(("---", "+++"))]))
    return result


def _text(value: object) -> str:
    return "\n\n".join(_lines(value)) if isinstance(value, list) else str(value or "")


def readable_diff(
    old: dict[str, object], new: dict[str, object]
) -> list[tuple[str, list[list[Piece]]]]:
    """Per changed part, its paragraphs with removed and added words marked, for the page."""
    return [
        (name, inline_diff(_text(old.get(name)), _text(new.get(name))))
        for name in TEXT_PARTS
        if old.get(name) != new.get(name)
    ]
