"""Invitations' test helpers: two letters, an organisation that signed the first under two
spellings (merged), and the organiser's page reached from the letter's overview."""

import re

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from signon.invitations.models import Invitation
from signon.letters.services import get_letter
from signon.moderation import duplicates
from signon.signing.models import Signatory, SignOn
from signon.storage.extensions import db
from tests import pages
from tests.organiser_helpers import log_in
from tests.support import Inbox

ORG = "Réseau Equitas Côte d'Ivoire"
OTHER_SPELLING = "Equitas Cote d'Ivoire network"
EMAIL = "awa@equitas.example.org"


def merge_spellings(app: Flask, slug: str = "first") -> None:
    """The organiser merges the organisation's two spellings on the first letter."""
    with app.app_context():
        letter = get_letter(slug)
        keep, other = db.session.scalars(
            sa.select(Signatory.id).where(Signatory.letter_id == letter.id).order_by(Signatory.id)
        ).all()[:2]
        duplicates.merge(letter, keep, other, "organiser@example.org")
        db.session.commit()


def invitations_page(client: FlaskClient, organiser_id: int, slug: str = "second") -> str:
    """The invitations page, reached from the letter's overview by its link."""
    log_in(client, organiser_id)
    overview = client.get(f"/organise/letters/{slug}/")
    assert overview.status_code == 200, overview.text[:500]
    page = client.get(pages.link(overview.text, "Invite earlier signatories"))
    assert page.status_code == 200, page.text[:1000]
    return page.text


def invitation_path(inbox: Inbox, address: str) -> str:
    """The path of the link in the last invitation to `address`."""
    message = [m for m in inbox.to(address) if "invited" in m["Subject"]][-1]
    match = re.search(r"https?://[^/\s]+(/letters/\S+/invited/\S+)", inbox.text(message))
    assert match, inbox.text(message)
    return match.group(1)


def invitations(app: Flask) -> list[Invitation]:
    """Every invitation, oldest first."""
    with app.app_context():
        return list(db.session.scalars(sa.select(Invitation).order_by(Invitation.id)))


def sign_ons_of(app: Flask, slug: str) -> list[SignOn]:
    """A letter's sign-ons, oldest first."""
    with app.app_context():
        letter = get_letter(slug)
        return list(
            db.session.scalars(
                sa.select(SignOn).where(SignOn.letter_id == letter.id).order_by(SignOn.id)
            )
        )
