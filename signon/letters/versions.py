"""Earlier versions of a letter's text, who signed which, and telling them of a change."""

import difflib
import logging
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l

from signon.domain.textdiff import Piece, inline_diff
from signon.errors import NotFound, SignonError
from signon.extensions import db
from signon.letters.models import Letter, LetterStatus, LetterVersion
from signon.mail.registry import EmailTemplate
from signon.organisers import audit
from signon.signing.emails import manage_url, to_signatory
from signon.signing.models import SignOn, SignOnStatus

log = logging.getLogger(__name__)

# Not an answer to the signatory's own action: it carries List-Unsubscribe.
EMAILS = (EmailTemplate("version_changed", optional=True),)

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
STILL_SIGNED = (SignOnStatus.PENDING, SignOnStatus.VERIFIED, SignOnStatus.APPROVED)


def part_label(part: str) -> str:
    """A text part's name in the current language ("place_date" is "Place and date")."""
    label = PART_LABELS.get(part)
    return str(label) if label is not None else part.replace("_", " ").capitalize()


def snapshot(letter: Letter) -> dict[str, object]:
    """Every text part of the letter as it is now."""
    return {name: getattr(letter, name) for name in TEXT_PARTS}


def keep_before_change(letter: Letter, changed: list[str], actor: str) -> None:
    """Before an edit of a letter that takes (or took) signatures, keep its text as a version."""
    if letter.status == LetterStatus.DRAFT or not set(changed) & set(TEXT_PARTS):
        return
    db.session.add(
        LetterVersion(
            letter_id=letter.id, number=letter.version, parts=snapshot(letter), replaced_by=actor
        )
    )
    letter.version += 1
    audit.record(letter.id, actor, "new_version", number=letter.version)
    log.info("letter %s: version %s kept, now %s", letter.slug, letter.version - 1, letter.version)


@dataclass(frozen=True)
class VersionSummary:
    """One earlier version and how many still-standing signatures were made on it."""

    number: int
    replaced_at: object
    replaced_by: str
    signatures: int


def summaries(letter: Letter) -> list[VersionSummary]:
    """The earlier versions, newest first, with their signature counts."""
    counts = dict(
        db.session.execute(
            sa.select(SignOn.letter_version, sa.func.count())
            .where(SignOn.letter_id == letter.id, SignOn.status.in_(STILL_SIGNED))
            .group_by(SignOn.letter_version)
        ).all()
    )
    rows = db.session.scalars(
        sa.select(LetterVersion)
        .where(LetterVersion.letter_id == letter.id)
        .order_by(LetterVersion.number.desc())
    )
    return [
        VersionSummary(v.number, v.created_at, v.replaced_by, counts.get(v.number, 0)) for v in rows
    ]


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


def signers_of(letter: Letter, number: int) -> list[SignOn]:
    """The sign-ons made on version `number` that still stand."""
    return list(
        db.session.scalars(
            sa.select(SignOn)
            .where(
                SignOn.letter_id == letter.id,
                SignOn.letter_version == number,
                SignOn.status.in_(STILL_SIGNED),
            )
            .order_by(SignOn.id)
        )
    )


def notify_signers(letter: Letter, number: int, actor: str) -> int:
    """Email everyone who signed version `number` the change, with their link to withdraw."""
    if not letter.is_open:
        raise SignonError(gettext("Signatories can withdraw only while the letter is open."))
    version = get_version(letter, number)
    changes = diff(version.parts, snapshot(letter))
    told = 0
    for sign_on in signers_of(letter, number):
        with force_locale(sign_on.language or "en"):
            subject = gettext("The text you signed has changed: %(title)s", title=letter.title)
        told += to_signatory(
            sign_on.contact_email,
            sign_on.anonymised_at is not None,
            subject,
            "version_changed",
            sign_on=sign_on,
            letter=letter,
            changes=changes,
            manage_url=manage_url(sign_on),
            language=sign_on.language,
            letter_id=letter.id,
            sign_on_id=sign_on.id,
        )
    audit.record(letter.id, actor, "version_notice", number=number, recipients=told)
    db.session.commit()
    log.info("letter %s: %s signers of version %s told of the change", letter.slug, told, number)
    return told
