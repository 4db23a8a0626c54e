"""Every HTML email fits a 360 px phone screen: nothing scrolls sideways, in real Chromium."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from signon.accounts import services as accounts
from signon.invitations.choosing import Choice
from signon.invitations.sending import send_invitations
from signon.letters import editing, sender, team
from signon.letters.services import get_letter
from signon.mail.models import OutboxMessage
from signon.mail.registry import mail_extension
from signon.moderation import publishing
from signon.moderation import services as moderation
from signon.signing import notifications, version_notices
from signon.signing.reminders import remind_pending
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.webhooks.models import WebhookEndpoint
from signon.webhooks.notices import tell_owners_paused
from tests.browser import chromium

pytestmark = pytest.mark.browser

LONG_ADDRESS = "secretariat.of.the.coalition@international-criminal-court-coalition.example.org"
LONG_TITLE = "Joint letter of civil society to the States Parties to the Rome Statute, 2026"


@pytest.fixture
def database_url(tmp_path, sqlite_template):
    """Rendering needs no second database: SQLite only."""
    import shutil

    path = tmp_path / "signon.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def every_email(app, make_letter, sign, confirm, deliver, inbox) -> None:
    """Cause each kind of email once, with long words where people put them."""
    make_letter(slug="icc", title=LONG_TITLE)
    with app.app_context():
        letter = get_letter("icc")
        wanted = sender.checked(
            "Coalition for the International Criminal Court",
            "Coalition for the International Criminal Court\nSecretariat, The Hague",
            LONG_ADDRESS,
        )
        sender.update_sender(letter, wanted, "test")
        accounts.add_organiser(LONG_ADDRESS).notify = "each"
        team.add_member(letter, LONG_ADDRESS, actor="test", is_owner=True)
        team.add_member(letter, "ben@cicc.example.org", actor=LONG_ADDRESS, invite=True)
        accounts.add_organiser("dora@cicc.example.org").notify = "digest"
        team.add_member(letter, "dora@cicc.example.org", actor="test")
        db.session.commit()
    sign("icc", contact_email=LONG_ADDRESS, invite_consent="y")
    sign("icc", contact_email=LONG_ADDRESS)  # the already-signed email
    sign("icc", organisation="Fédération internationale pour les droits humains", acronym="FIDH",
         country="FR", contact_email="marie@fidh.example.org")  # fmt: skip
    deliver()
    confirm(inbox.link(inbox.to(LONG_ADDRESS)[0]))
    with app.app_context():
        remind_pending(now=utcnow() + timedelta(days=4))
        letter = get_letter("icc")
        editing.update_letter(letter, {"body": "A new text."}, "test")
        version_notices.notify_signers(letter, 1, "test")
        notifications.send_digests(now=utcnow() + timedelta(seconds=1))
        accounts.request_sign_in(LONG_ADDRESS)
        db.session.commit()
    deliver()
    with app.app_context():
        letter = get_letter("icc")
        moderation.approve_all_verified(letter, "test")
        editing.change_status(letter, "closed", "test")
        publishing.publish(letter, "test", None, tell=True)  # the letter went out
        db.session.commit()
    deliver()
    make_letter(slug="icc-next", title=LONG_TITLE)
    with app.app_context():
        following = get_letter("icc-next")
        team.add_member(following, LONG_ADDRESS, actor="test", is_owner=True)
        assert send_invitations(following, Choice(), "test") == 1  # the next letter's invitation
        endpoint = WebhookEndpoint(
            letter_id=following.id,
            url=f"https://crm.{LONG_ADDRESS.split('@')[1]}/civicrm/webhooks/signon?key=0123456789",
            events=["sign_on.confirmed"],
            secret="whsec_test",
            created_by=LONG_ADDRESS,
        )
        db.session.add(endpoint)
        db.session.flush()
        tell_owners_paused(endpoint)  # a webhook failed for a day
        db.session.commit()
    deliver()


def test_every_html_email_fits_a_360px_phone(
    app, make_letter, sign, confirm, deliver, inbox, tmp_path
):
    every_email(app, make_letter, sign, confirm, deliver, inbox)
    with app.app_context():
        rows = db.session.execute(
            sa.select(OutboxMessage.template, OutboxMessage.body_html).order_by(OutboxMessage.id)
        ).all()
        registered = set(mail_extension().templates)
    by_template = dict(reversed(rows))  # the first of each kind
    assert set(by_template) == registered, "every kind of email is looked at"
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        for template, html in sorted(by_template.items()):
            page.set_content(html)
            width = page.evaluate("document.documentElement.scrollWidth")
            page.screenshot(path=str(tmp_path / f"{template}.png"), full_page=True)
            assert width <= 360, f"{template} scrolls sideways on a phone ({width} px)"
