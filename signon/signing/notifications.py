"""Telling organisers about confirmed sign-ons: an email for each, or a daily digest."""

import logging
from datetime import datetime

import click
import sqlalchemy as sa
from flask.cli import with_appcontext
from flask_babel import force_locale, gettext, ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm

from signon.accounts.models import Organiser
from signon.core.errors import SignonError
from signon.letters.models import Letter
from signon.letters.sender import email_values
from signon.letters.team_models import LetterOrganiser
from signon.mail.outbox import send_email
from signon.mail.registry import EmailTemplate
from signon.signing.emails import listed_name
from signon.signing.models import SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.web.i18n import DEFAULT_LANGUAGE, LANGUAGES
from signon.web.links import external_link, needed

log = logging.getLogger(__name__)

# Moderation's pages (above this package) that an organiser's notification links to.
SIGN_ON_PAGE = needed("moderation: a sign-on")
SIGN_ONS_PAGE = needed("moderation: a letter's sign-ons")

EMAILS = (EmailTemplate("organiser_new_sign_on"), EmailTemplate("organiser_digest"))

CHOICES = {
    "each": _l("An email for each confirmed sign-on"),
    "digest": _l("One email a day with the new confirmed sign-ons"),
    "none": _l("No email"),
}


def set_preference(organiser: Organiser, notify: str) -> None:
    """Choose how the organiser hears of confirmed sign-ons (the caller commits)."""
    if notify not in CHOICES:
        raise SignonError(gettext("Choose one of the offered options."))
    organiser.notify = notify
    db.session.flush()
    log.info("organiser %s now notified: %s", organiser.id, notify)


def organisers_language(letters: list[Letter]) -> str:
    """Organisers read their emails in their letters' language when they share one, else English."""
    languages = {letter.language for letter in letters}
    language = languages.pop() if len(languages) == 1 else DEFAULT_LANGUAGE
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def on_confirmed(sign_on: SignOn) -> None:
    """Queue an email to the letter's organisers who want one per sign-on (caller commits)."""
    letter = sign_on.letter
    recipients = db.session.scalars(
        sa.select(Organiser)
        .join(LetterOrganiser, LetterOrganiser.organiser_id == Organiser.id)
        .where(LetterOrganiser.letter_id == letter.id, Organiser.notify == "each")
    )
    language = organisers_language([letter])
    with force_locale(language):
        subject = gettext("New confirmed sign-on: %(title)s", title=letter.title)
    for organiser in recipients:
        send_email(
            organiser.email,
            subject,
            "organiser_new_sign_on",
            language=language,
            sign_on=sign_on,
            letter=letter,
            listed_name=listed_name(sign_on),
            url=external_link(SIGN_ON_PAGE, slug=letter.slug, sign_on_id=sign_on.id),
            **email_values(letter),
        )


def send_digests(now: datetime | None = None) -> int:
    """Email each digest reader the sign-ons confirmed since their last digest; returns how many."""
    now = now or utcnow()
    sent = 0
    readers = db.session.scalars(sa.select(Organiser).where(Organiser.notify == "digest")).all()
    for organiser in readers:
        since = organiser.last_digest_at or organiser.created_at
        rows = db.session.execute(
            sa.select(Letter, SignOn)
            .join(SignOn, SignOn.letter_id == Letter.id)
            .join(LetterOrganiser, LetterOrganiser.letter_id == Letter.id)
            .where(
                LetterOrganiser.organiser_id == organiser.id,
                SignOn.confirmed_at > since,
                SignOn.confirmed_at <= now,
            )
            .order_by(Letter.id, SignOn.id)
            .options(orm.joinedload(SignOn.signatory))  # for the listed names
        ).all()
        organiser.last_digest_at = now
        if rows:
            by_letter: dict[int, tuple[Letter, list[SignOn]]] = {}
            for letter, sign_on in rows:
                by_letter.setdefault(letter.id, (letter, []))[1].append(sign_on)
            # A digest about one letter comes from its sender; one about several, from Signon.
            only = next(iter(by_letter.values()))[0] if len(by_letter) == 1 else None
            language = organisers_language([letter for letter, _ in by_letter.values()])
            with force_locale(language):
                subject = ngettext(
                    "Signon: %(num)d new confirmed sign-on",
                    "Signon: %(num)d new confirmed sign-ons",
                    len(rows),
                )
            send_email(
                organiser.email,
                subject,
                "organiser_digest",
                listed_name=listed_name,
                **email_values(only),
                language=language,
                letters=[
                    (
                        letter,
                        sign_ons,
                        external_link(SIGN_ONS_PAGE, slug=letter.slug, status="verified"),
                    )
                    for letter, sign_ons in by_letter.values()
                ],
            )
            sent += 1
        db.session.commit()
    log.info("digest sent to %s organiser(s)", sent)
    return sent


@click.command("digest")
@with_appcontext
def digest_command() -> None:
    """Email the daily digest of confirmed sign-ons (run once a day from cron)."""
    click.echo(f"Sent {send_digests()} digest(s).")
