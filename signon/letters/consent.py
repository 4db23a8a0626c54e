"""The consent and privacy text of each letter: its default, its versions, and editing it."""

import logging

import sqlalchemy as sa
from flask_babel import gettext

from signon.audit import trail as audit
from signon.core.errors import SignonError
from signon.domain.messages import translatable
from signon.letters.consent_models import ConsentVersion
from signon.letters.models import Letter
from signon.storage.extensions import db

log = logging.getLogger(__name__)

# Stored in English; shown in the page's language while a letter keeps it (`words`).
DEFAULT_CONSENT_TEXT = translatable(
    "I am authorised to sign on behalf of this organisation, and it agrees to be "
    "listed publicly as a signatory."
)
DEFAULT_CONTROLLER = translatable("The organisers of this letter.")
# The sign-on form's optional choice to be invited to the coalition's later letters: its words
# are the form's label (signon.signing.forms); a sign-on that ticks it stores this number, so
# a change of the words is a new number and each consent names the words it was given on.
INVITE_WORDING = 1
DEFAULT_RETENTION_DAYS = 180
MAX_RETENTION_DAYS = 3650
# The parts of a version an organiser edits; a change of any makes a new version.
PARTS = ("consent_text", "controller", "notice_text", "retention_days")
LIMITS = {"consent_text": 1000, "controller": 1000, "notice_text": 10000}


def check_retention_days(days: object) -> int:
    """A retention period in whole days, 1 to 3650; raises SignonError otherwise."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_RETENTION_DAYS:
        raise SignonError(
            gettext(
                "Keep contact data between 1 and %(most)s days after the letter ends.",
                most=MAX_RETENTION_DAYS,
            )
        )
    return days


def _default(letter: Letter) -> ConsentVersion:
    return ConsentVersion(
        letter_id=letter.id,
        number=1,
        consent_text=str(DEFAULT_CONSENT_TEXT),
        controller=str(DEFAULT_CONTROLLER),
        notice_text="",
        retention_days=letter.retention_days or DEFAULT_RETENTION_DAYS,
        language="en",
        created_by="default",
    )


def first_version(letter: Letter, retention_days: int = DEFAULT_RETENTION_DAYS) -> ConsentVersion:
    """Version 1, the default text, for a new letter (added to the session; caller commits)."""
    letter.retention_days = check_retention_days(retention_days)
    letter.consent_version = 1
    version = _default(letter)
    db.session.add(version)
    return version


def get_version(letter_id: int, number: int) -> ConsentVersion | None:
    """One version of a letter's consent text, if it exists."""
    return db.session.scalar(
        sa.select(ConsentVersion).where(
            ConsentVersion.letter_id == letter_id, ConsentVersion.number == number
        )
    )


def current(letter: Letter) -> ConsentVersion:
    """The consent text the letter's form shows now."""
    version = get_version(letter.id, letter.consent_version)
    # A letter made outside create_letter shows the default, stored once it is edited.
    return version if version is not None else _default(letter)


def words(terms: ConsentVersion) -> str:
    """The consent statement as the form shows it: the default one in the page's language."""
    if terms.consent_text == DEFAULT_CONSENT_TEXT:
        return gettext(DEFAULT_CONSENT_TEXT.msgid)
    return terms.consent_text


def controller_words(terms: ConsentVersion) -> str:
    """Who holds the data, as the privacy notice says it: the default in the page's language."""
    if not terms.controller or terms.controller == DEFAULT_CONTROLLER:
        return gettext(DEFAULT_CONTROLLER.msgid)
    return terms.controller


# Built once, of table columns: every sign-on runs it, and building it cost more than running it.
_consent = ConsentVersion.__table__
_ACCEPTED = sa.select(_consent.c.language, _consent.c.consent_text).where(
    _consent.c.letter_id == sa.bindparam("letter_id"), _consent.c.number == sa.bindparam("number")
)


def accepted(
    letter_id: int, current_number: int, shown: object, page_language: str
) -> tuple[int, str]:
    """The version a sign-on accepts and its language: the one its form showed, if real.

    The form carries the number it showed; a form posted by another tool, or a number that
    is not one of the letter's versions, accepts the current version. The default statement
    was read in `page_language`.
    """
    number = shown if isinstance(shown, int) and 1 <= shown <= current_number else current_number
    row = db.session.execute(_ACCEPTED, {"letter_id": letter_id, "number": number}).first()
    if row is None or row.consent_text == DEFAULT_CONSENT_TEXT:
        return number, page_language
    return number, row.language or "en"


def update(letter: Letter, changes: dict[str, object], actor: str) -> list[str]:
    """Save a new version when a part changed (flushed, the caller commits); changed names."""
    version = current(letter)
    if "retention_days" in changes:
        changes["retention_days"] = check_retention_days(changes["retention_days"])
    for name, limit in LIMITS.items():
        value = str(changes.get(name) or "")
        if len(value) > limit:
            raise SignonError(
                gettext(
                    "The %(part)s is longer than %(limit)s characters.",
                    part=name.replace("_", " "),
                    limit=limit,
                )
            )
    if not str(changes.get("consent_text", version.consent_text)).strip():
        raise SignonError(
            gettext("The consent statement cannot be empty: signatories must see it.")
        )
    changed = [n for n in PARTS if n in changes and changes[n] != getattr(version, n)]
    if not changed:
        return []
    if version.id is None:  # the default this letter showed, kept as version 1 first
        db.session.add(version)
    parts = {name: changes.get(name, getattr(version, name)) for name in PARTS}
    db.session.add(
        ConsentVersion(
            letter_id=letter.id,
            number=letter.consent_version + 1,
            language=letter.language or "en",
            created_by=actor,
            **parts,
        )
    )
    letter.consent_version += 1
    letter.retention_days = parts["retention_days"]
    audit.record(letter.id, actor, "privacy_text", number=letter.consent_version, fields=changed)
    db.session.flush()
    log.info("letter %s: consent text version %s", letter.slug, letter.consent_version)
    return changed
