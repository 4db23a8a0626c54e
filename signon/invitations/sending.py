"""Inviting contacts to a letter: the invitations stored, their emails queued and paced, and
the one reminder. Each email speaks the language its contact signed in, comes from the
letter's sender, carries List-Unsubscribe (it is an optional email) and its own link."""

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, gettext

from signon.audit import trail
from signon.core.errors import WrongState
from signon.invitations.choosing import Choice, Contact, invitable
from signon.invitations.models import Invitation
from signon.letters.models import Letter
from signon.letters.sender import email_values
from signon.letters.translating import in_language, translated_title
from signon.mail.outbox import bodies, send_email_later
from signon.mail.registry import CannotRender, EmailTemplate, NoLongerNeeded
from signon.mail.unsubscribe import unsubscribe_url
from signon.signing.emails import listed_name
from signon.signing.models import SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.web.tokens import Purpose, make_bound_token
from signon.web.urls import external_url

log = logging.getLogger(__name__)

INVITE = "invitation"
# The link works until the letter closes; past a year it is refused whatever the letter's state.
MAX_AGE = 365 * 24 * 3600


def invite_url(invitation: Invitation) -> str:
    """The invitation's link: its record, bound to its letter; the form opens in the
    language the contact signed in."""
    token = make_bound_token(Purpose.INVITATION, invitation.id, str(invitation.letter_id))
    slug = invitation.letter.slug
    return external_url("invitations.form", slug=slug, token=token, lang=invitation.language)


def _pace() -> timedelta:
    # Paced like an import's confirmation emails: the outbox holds each back until its turn.
    return timedelta(minutes=1) / max(1, current_app.config["IMPORT_EMAILS_PER_MINUTE"])


def _subject(letter: Letter, language: str, reminder: bool) -> str:
    title = translated_title(letter.id, language, letter.title)
    with force_locale(language):
        if reminder:
            return gettext("Reminder: you are invited to sign %(title)s", title=title)
        return gettext("You are invited to sign %(title)s", title=title)


def _queue(invitations: Sequence[Invitation], letter: Letter, reminder: bool) -> int:
    now, pace, queued = utcnow(), _pace(), 0
    for invitation in invitations:
        message = send_email_later(
            invitation.email,
            _subject(letter, invitation.language, reminder),
            INVITE,
            {"invitation_id": invitation.id, "reminder": reminder},
            letter_id=letter.id,
            not_before=now + pace * queued if queued else None,
        )
        queued += message is not None
    return queued


def send_invitations(letter: Letter, choice: Choice, actor: str) -> int:
    """Invite everyone the choice finds; how many. Audited and flushed; the caller commits."""
    if not letter.takes_sign_ons:
        raise WrongState(gettext("Invitations are sent only while the letter takes signatures."))
    contacts = invitable(letter.id, choice)
    invitations = [_invitation(letter, c, actor) for c in contacts]
    db.session.add_all(invitations)
    db.session.flush()
    queued = _queue(invitations, letter, reminder=False)
    trail.record(letter.id, actor, "invited", count=len(invitations), queued=queued)
    log.info("letter %s: %s invitations queued", letter.slug, queued)
    return len(invitations)


def _invitation(letter: Letter, contact: Contact, actor: str) -> Invitation:
    return Invitation(
        letter_id=letter.id,
        source_id=contact.source_id,
        email=contact.email,
        country=contact.country,
        name_key=contact.name_key,
        language=contact.language,
        created_by=actor,
        invited_at=utcnow(),
    )


def not_answered(letter_id: int) -> sa.Select:
    """The letter's invitations whose link was not used."""
    return sa.select(Invitation).where(
        Invitation.letter_id == letter_id, Invitation.used_at.is_(None)
    )


def reminded(letter_id: int) -> datetime | None:
    """When the letter's one reminder went out, if it did."""
    return db.session.scalar(
        sa.select(sa.func.max(Invitation.reminded_at)).where(Invitation.letter_id == letter_id)
    )


def remind(letter: Letter, actor: str) -> int:
    """Remind, once, those who have not answered; how many. Audited; the caller commits."""
    if not letter.takes_sign_ons:
        raise WrongState(gettext("Invitations are sent only while the letter takes signatures."))
    if reminded(letter.id) is not None:
        raise WrongState(gettext("The reminder was sent already: there is only one."))
    now = utcnow()
    # Marked in the statement that picks them: two presses at once never remind twice.
    picked = (
        sa.update(Invitation)
        .where(
            Invitation.letter_id == letter.id,
            Invitation.used_at.is_(None),
            Invitation.reminded_at.is_(None),
        )
        .values(reminded_at=now)
        .returning(Invitation.id)
    )
    ids = list(db.session.scalars(picked, execution_options={"synchronize_session": False}))
    invitations = db.session.scalars(sa.select(Invitation).where(Invitation.id.in_(ids))).all()
    queued = _queue(invitations, letter, reminder=True)
    trail.record(letter.id, actor, "invitation_reminder", count=len(ids), queued=queued)
    return len(ids)


def invitation_context(invitation_id: int, reminder: bool = False) -> dict[str, object]:
    """The invitation email, rendered as it goes out (its link is made then)."""
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.source.anonymised_at is not None:
        raise CannotRender(f"invitation {invitation_id} or its contact is gone")
    if invitation.used_at is not None or not invitation.letter.takes_sign_ons:
        raise NoLongerNeeded(f"invitation {invitation_id} is answered or its letter closed")
    return email_context(invitation, invite_url(invitation), reminder)


def email_context(invitation: Invitation, url: str, reminder: bool) -> dict[str, object]:
    """What the invitation email shows (also the organisers' preview, with a sample link)."""
    return {
        "letter": in_language(invitation.letter, invitation.language),
        "sign_on": invitation.source,
        "listed_name": listed_name(invitation.source),
        "language": invitation.language,
        "invite_url": url,
        "reminder": reminder,
        "unsubscribe_url": unsubscribe_url(invitation.letter_id, invitation.email),
        **email_values(invitation.letter),
    }


def previews(letter: Letter, contacts: Sequence[Contact]) -> dict[str, str]:
    """The invitation's plain text in each language among `contacts` (the first of each)."""
    shown: dict[str, str] = {}
    # A link of the right shape that opens nothing: the real ones are made as emails go out.
    sample_url = external_url("invitations.form", slug=letter.slug, token="…")  # noqa: S106 - a placeholder, not a secret
    for contact in contacts:
        if contact.language in shown:
            continue
        # Never added to the session: it only fills the template.
        sample = _invitation(letter, contact, "")
        sample.letter = letter
        sample.source = db.session.get(SignOn, contact.source_id)
        shown[contact.language] = bodies(INVITE, email_context(sample, sample_url, False))[0]
    return shown


EMAILS = (EmailTemplate(INVITE, invitation_context, optional=True),)
