"""A letter in several languages: saving a translation, reading a version, marking it stale.

A translation holds every part the editor holds (footnotes are part of the Markdown body).
A part left empty in a translation shows the main text's: senders' names and addresses are
often the same in every language. The editor and `letter translate` share `save_translation`.
"""

import logging

import sqlalchemy as sa

from signon.audit import trail as audit
from signon.core.errors import SignonError, WrongState
from signon.letters import parts as letter_parts
from signon.letters import versions
from signon.letters.models import Letter, LetterStatus, LetterTranslation
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.web.i18n import LANGUAGES

log = logging.getLogger(__name__)

# Every text part of the letter, in the editor's order: the parts a new version keeps.
PARTS = versions.TEXT_PARTS


class Translated:
    """The letter as read in one language: the translated parts over the letter's own."""

    def __init__(self, letter: Letter, translation: LetterTranslation) -> None:
        self._letter = letter
        self._translation = translation
        self.language = translation.language

    def __getattr__(self, name: str) -> object:
        if name in PARTS:
            value = getattr(self._translation, name)
            if value:
                return value
        return getattr(self._letter, name)


def translations(letter: Letter) -> list[LetterTranslation]:
    """The letter's translations, by language code."""
    return list(
        db.session.scalars(
            sa.select(LetterTranslation)
            .where(LetterTranslation.letter_id == letter.id)
            .order_by(LetterTranslation.language)
        )
    )


def translation_of(letter_id: int, language: str) -> LetterTranslation | None:
    """The letter's translation into `language`, if there is one."""
    return db.session.scalar(
        sa.select(LetterTranslation).where(
            LetterTranslation.letter_id == letter_id, LetterTranslation.language == language
        )
    )


def in_language(letter: Letter, language: str | None) -> Letter | Translated:
    """The letter in `language` when it is translated into it, else the letter itself."""
    if not language or language == letter.language or language not in LANGUAGES:
        return letter
    translation = translation_of(letter.id, language)
    return letter if translation is None else Translated(letter, translation)


def versions_of(letter: Letter, language: str) -> tuple[Letter | Translated, list[str]]:
    """The letter as shown in `language` and every language it is written in (main first)."""
    found = translations(letter)
    shown: Letter | Translated = letter
    for translation in found:
        if translation.language == language and language != letter.language:
            shown = Translated(letter, translation)
    codes = [letter.language, *(t.language for t in found if t.language != letter.language)]
    # A main text in a language the pages do not speak (pt) has no `?lang=` link to it.
    return shown, [code for code in codes if code in LANGUAGES or code == shown.language]


def translated_title(letter_id: int, language: str, title: str) -> str:
    """The letter's title in `language` (for an email's subject), else `title`."""
    found = db.session.scalar(
        sa.select(LetterTranslation.title).where(
            LetterTranslation.letter_id == letter_id, LetterTranslation.language == language
        )
    )
    return found or title


def translatable_languages(letter: Letter) -> tuple[str, ...]:
    """The languages a translation may be written in: the pages' languages but the main one."""
    return tuple(code for code in LANGUAGES if code != letter.language)


def _check(letter: Letter, language: str, parts: dict[str, object]) -> None:

    if letter.status == LetterStatus.PUBLISHED:
        raise WrongState("This letter is published: its text can no longer change.")
    if language not in translatable_languages(letter):
        choices = ", ".join(translatable_languages(letter))
        raise SignonError(f"A translation of this letter is in one of {choices}, not {language!r}.")
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise SignonError(f"A letter has no part {', '.join(sorted(unknown))}.")
    for name, limit in letter_parts.PARTS.items():
        value = parts.get(name)
        if limit is not None and value is not None and len(str(value)) > limit:
            raise SignonError(f"The {name.replace('_', ' ')} is longer than {limit} characters.")


def save_translation(
    letter: Letter, language: str, parts: dict[str, object], actor: str
) -> LetterTranslation:
    """Add or update the letter's translation into `language`; parts left out stay as they are.

    Saving marks the translation up to date with the letter's current version. Flushes; the
    caller commits.
    """
    _check(letter, language, parts)
    translation = translation_of(letter.id, language)
    title = parts.get("title", translation.title if translation else "")
    if not str(title or "").strip():
        raise SignonError("A translation needs a title.")
    if translation is None:
        translation = LetterTranslation(
            letter_id=letter.id, language=language, signature_blocks=[], **_empty()
        )
        db.session.add(translation)
    changed = [
        name for name in PARTS if name in parts and parts[name] != getattr(translation, name)
    ]
    for name in changed:
        setattr(translation, name, parts[name])
    was_stale = translation.out_of_date
    translation.out_of_date = False
    translation.source_version = letter.version
    translation.updated_at = utcnow()
    translation.updated_by = actor
    audit.record(letter.id, actor, "translated", language=language, fields=changed)
    db.session.flush()
    log.info(
        "letter %s: %s translation saved by %s (%s parts%s)",
        letter.slug,
        language,
        audit.who(actor),
        len(changed),
        ", was out of date" if was_stale else "",
    )
    return translation


def _empty() -> dict[str, str]:
    return {name: "" for name in PARTS if name != "signature_blocks"}


def mark_out_of_date(letter: Letter, changed: list[str], actor: str) -> int:
    """After the main text changed, flag its translations until they are saved again."""
    if not set(changed) & set(PARTS):
        return 0
    result = db.session.execute(
        sa.update(LetterTranslation)
        .where(LetterTranslation.letter_id == letter.id, LetterTranslation.out_of_date.is_(False))
        .values(out_of_date=True)
        .execution_options(synchronize_session="fetch")
    )
    stale = result.rowcount or 0
    if stale:
        audit.record(letter.id, actor, "translations_out_of_date", count=stale)
        log.info("letter %s: %s translations now out of date", letter.slug, stale)
    return stale
