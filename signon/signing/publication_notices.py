"""Telling signatories that the letter they signed went out, once it is published.

One email per contact address of an approved sign-on, in the language of its (earliest)
sign-on, from the letter's sender. Erased contacts get nothing (`to_signatory`), nor do those
who unsubscribed from the letter's optional emails; an address already told is not told again.
"""

import logging

import sqlalchemy as sa
from flask_babel import force_locale, gettext

from signon.audit import trail as audit
from signon.letters.models import Letter
from signon.letters.translating import translated_title
from signon.mail.models import OutboxMessage, Unsubscribe
from signon.mail.registry import CannotRender, EmailTemplate, NoLongerNeeded
from signon.signing.emails import about, load_sign_ons, manage_url, to_signatory
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.extensions import db
from signon.web.links import external_link, needed
from signon.web.urls import external_url

log = logging.getLogger(__name__)

# The public list (the roster's, above this package) that the email links to.
LIST_PAGE = needed("the public list of signatories")

PUBLISHED = "letter_published"


def _left_out(letter: Letter) -> set[str]:
    """Addresses told already (the outbox is the record) or unsubscribed from the letter."""
    told = sa.select(sa.func.lower(OutboxMessage.recipient)).where(
        OutboxMessage.letter_id == letter.id, OutboxMessage.template == PUBLISHED
    )
    unsubscribed = sa.select(Unsubscribe.email).where(Unsubscribe.letter_id == letter.id)
    return set(db.session.scalars(told)) | {e.lower() for e in db.session.scalars(unsubscribed)}


def recipients(letter: Letter) -> list[SignOn]:
    """The earliest approved sign-on of each address not told yet; erased and unsubscribed
    contacts left out.

    Merged entries and a contact who signed twice still make one email per address.
    """
    query = (
        sa.select(SignOn)
        .where(
            SignOn.letter_id == letter.id,
            SignOn.status == SignOnStatus.APPROVED,
            SignOn.anonymised_at.is_(None),
            SignOn.contact_email != "",
        )
        .order_by(SignOn.id)
    )
    seen = _left_out(letter)
    found = []
    for sign_on in db.session.scalars(query):
        address = sign_on.contact_email.lower()
        if address not in seen:
            seen.add(address)
            found.append(sign_on)
    return found


def tell_signatories(letter: Letter, actor: str) -> int:
    """Queue the publication email to every approved contact; how many were queued.

    Rendered by the sender (its links are made then); audited, flushed, not committed.
    """
    told = 0
    for sign_on in recipients(letter):
        language = sign_on.language or "en"
        with force_locale(language):
            title = translated_title(letter.id, language, letter.title)
            subject = gettext("The letter you signed has gone out: %(title)s", title=title)
        told += to_signatory(
            sign_on.contact_email,
            sign_on.anonymised_at is not None,
            subject,
            PUBLISHED,
            later=True,
            letter_id=letter.id,
            sign_on_id=sign_on.id,
        )
    audit.record(letter.id, actor, "publication_notice", recipients=told)
    db.session.flush()
    log.info("letter %s: %s signatories told it went out", letter.slug, told)
    return told


def published_context(sign_on_id: int) -> dict[str, object]:
    """The letter went out: its page and list in the sign-on's language, where to ask for a
    correction (the letter's contact address, or a reply), and the signatory's own page."""
    sign_on = db.session.get(SignOn, sign_on_id)
    if sign_on is None:
        raise CannotRender(f"sign-on {sign_on_id} no longer exists")
    if sign_on.anonymised_at is not None:
        raise CannotRender(f"sign-on {sign_on_id}'s contact details are erased")
    if sign_on.status != SignOnStatus.APPROVED:
        raise NoLongerNeeded(f"sign-on {sign_on_id} is no longer on the list")
    letter = sign_on.letter
    language = sign_on.language or "en"
    return {
        **about(sign_on),
        "sent_on": letter.sent_on or (letter.published_at and letter.published_at.date()),
        "published_url": external_url("signing.show", slug=letter.slug, lang=language),
        "list_url": external_link(LIST_PAGE, slug=letter.slug, lang=language),
        "contact_email": letter.contact_email,
        "manage_url": manage_url(sign_on),
        # The body links the letter: the signature need not repeat it.
        "letter_url": None,
    }


EMAILS = (EmailTemplate(PUBLISHED, published_context, load_sign_ons, optional=True),)
