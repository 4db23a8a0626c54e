"""Telling a letter's owners that one of its webhook endpoints was paused (the outbox)."""

import sqlalchemy as sa
from flask_babel import force_locale, gettext

from signon.accounts.models import Organiser
from signon.letters.models import Letter
from signon.letters.sender import email_values
from signon.letters.team_models import LetterOrganiser
from signon.mail.outbox import send_email
from signon.mail.registry import EmailTemplate
from signon.storage.extensions import db
from signon.web.i18n import DEFAULT_LANGUAGE, LANGUAGES
from signon.web.urls import external_url
from signon.webhooks.models import WebhookEndpoint

EMAILS = (EmailTemplate("webhook_paused"),)


def owners(letter_id: int) -> list[Organiser]:
    """The letter's owners."""
    return list(
        db.session.scalars(
            sa.select(Organiser)
            .join(LetterOrganiser, LetterOrganiser.organiser_id == Organiser.id)
            .where(LetterOrganiser.letter_id == letter_id, LetterOrganiser.is_owner)
            .order_by(Organiser.id)
        )
    )


def tell_owners_paused(endpoint: WebhookEndpoint) -> None:
    """Queue an email to each owner: the endpoint failed for a day and is paused."""
    letter = db.session.get(Letter, endpoint.letter_id)
    language = letter.language if letter.language in LANGUAGES else DEFAULT_LANGUAGE
    with force_locale(language):
        subject = gettext("A webhook of %(title)s is paused", title=letter.title)
    url = external_url("organise.webhooks.endpoints", slug=letter.slug)
    for owner in owners(letter.id):
        send_email(
            owner.email,
            subject,
            "webhook_paused",
            language=language,
            letter_id=letter.id,
            letter=letter,
            endpoint_url=endpoint.url,
            url=url,
            **email_values(letter),
        )
