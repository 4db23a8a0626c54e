"""Who signed which version of a letter's text, and telling them when it changes."""

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import force_locale, gettext

from signon.audit import trail as audit
from signon.core.errors import SignonError
from signon.letters import versions
from signon.letters.models import Letter, LetterVersion
from signon.mail.registry import EmailTemplate
from signon.signing.emails import about, manage_url, to_signatory
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.extensions import db

log = logging.getLogger(__name__)

# Not an answer to the signatory's own action: it carries List-Unsubscribe.
EMAILS = (EmailTemplate("version_changed", optional=True),)
STILL_SIGNED = (SignOnStatus.PENDING, SignOnStatus.VERIFIED, SignOnStatus.APPROVED)


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


def standing_signatures(letter: Letter, number: int) -> int:
    """How many sign-ons made on version `number` still stand."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(SignOn)
        .where(
            SignOn.letter_id == letter.id,
            SignOn.letter_version == number,
            SignOn.status.in_(STILL_SIGNED),
        )
    )


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
    version = versions.get_version(letter, number)
    changes = versions.diff(version.parts, versions.snapshot(letter))
    told = 0
    for sign_on in signers_of(letter, number):
        with force_locale(sign_on.language or "en"):
            subject = gettext("The text you signed has changed: %(title)s", title=letter.title)
        told += to_signatory(
            sign_on.contact_email,
            sign_on.anonymised_at is not None,
            subject,
            "version_changed",
            changes=changes,
            manage_url=manage_url(sign_on),
            **about(sign_on),
            letter_id=letter.id,
            sign_on_id=sign_on.id,
        )
    audit.record(letter.id, actor, "version_notice", number=number, recipients=told)
    db.session.flush()
    log.info("letter %s: %s signers of version %s told of the change", letter.slug, told, number)
    return told
