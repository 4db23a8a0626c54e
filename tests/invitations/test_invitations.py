"""Inviting earlier signatories: one step from the email to a confirmed sign-on, and only for
contacts who agreed, are not erased and have not unsubscribed."""

import lxml.html
from flask import Flask
from flask.testing import FlaskClient

from signon.invitations.choosing import Choice, invitable
from signon.letters.services import get_letter
from signon.mail.unsubscribe import unsubscribe_address
from signon.privacy import access, erasure
from signon.signing.models import SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db
from tests import pages
from tests.invitations.helpers import (
    EMAIL,
    ORG,
    invitation_path,
    invitations,
    invitations_page,
    sign_ons_of,
)
from tests.support import Inbox
from tests.webhooks.helpers import add_endpoint, running_receiver, send


def test_invited_member_signs_in_one_step_as_one_confirmed_sign_on(
    member: int, client: FlaskClient, app: Flask, deliver, inbox: Inbox
) -> None:
    page = invitations_page(client, member)
    assert "1 contact can be invited" in pages.text(page)
    sent = pages.press(client, page, "Send 1 invitation")
    assert sent.status_code == 303
    deliver()
    (message,) = [m for m in inbox.to(EMAIL) if "invited" in m["Subject"]]
    assert "Second letter" in message["Subject"]
    assert message["List-Unsubscribe"]
    assert not [m for m in inbox.messages if "bob@silent" in m["To"] and "invited" in m["Subject"]]
    before = len(inbox.messages)

    form = client.get(invitation_path(inbox, EMAIL))
    assert form.status_code == 200
    filled = dict(lxml.html.fromstring(form.text).forms[0].form_values())
    assert filled["organisation"] == ORG and filled["contact_email"] == EMAIL
    assert "bob@silent" not in form.text
    done = pages.press(client, form.text, "Sign the letter")
    assert done.status_code == 200, done.text[:2000]
    assert "your signature is confirmed" in pages.text(done.text)

    (sign_on,) = sign_ons_of(app, "second")
    assert sign_on.status == "verified" and sign_on.confirmed_at is not None
    assert sign_on.organisation == ORG and sign_on.contact_email == EMAIL
    assert sign_on.invite_consent == 1
    deliver()
    # No email asks to confirm: the link proved the address.
    assert not [m for m in inbox.messages[before:] if m["To"] == EMAIL]
    (invitation,) = invitations(app)
    assert invitation.used_at is not None and invitation.sign_on_id == sign_on.id

    again = client.get(invitation_path(inbox, EMAIL))
    assert again.status_code == 400 and "works once" in pages.text(again.text)
    assert "1 contact" not in pages.text(invitations_page(client, member))


def test_who_did_not_agree_is_erased_or_unsubscribed_is_never_invited(
    member: int, make_letter, confirmed, app: Flask
) -> None:
    make_letter("third", title="Third letter")
    eve, uma, ray = "eve@erased.example.org", "uma@gone.example.org", "ray@kept.example.org"
    confirmed("first", organisation="Erased Org", contact_email=eve, invite_consent="y")
    erased_id = confirmed("third", organisation="Erased Org", contact_email=eve)
    confirmed("first", organisation="Gone Org", contact_email=uma, invite_consent="y")
    confirmed("first", organisation="Kept Org", contact_email=ray, invite_consent="y")
    old_copy = confirmed("third", organisation="Kept Org", contact_email=ray)
    with app.app_context():
        third = get_letter("third")
        # Eve asked for her data to be erased; Ray's copy on the third letter passed its
        # retention period, which does not take back the consent he gave on the first.
        assert access.erase_contact_details(db.session.get(SignOn, erased_id), "test")
        erasure.erase(third, [old_copy], utcnow(), keep_listed=True)
        unsubscribe_address(third.id, uma)
        db.session.commit()
        emails = [c.email for c in invitable(get_letter("second").id, Choice())]
    assert emails == [EMAIL, ray]


def test_a_forwarded_link_cannot_sign_for_another_organisation(
    member: int, client: FlaskClient, app: Flask, deliver, inbox: Inbox
) -> None:
    pages.press(client, invitations_page(client, member), "Send 1 invitation")
    deliver()
    form = client.get(invitation_path(inbox, EMAIL))
    before = len(inbox.messages)
    answer = pages.press(client, form.text, "Sign the letter", organisation="Another Org")
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/check-email")
    (sign_on,) = sign_ons_of(app, "second")
    assert sign_on.organisation == "Another Org" and sign_on.status == "pending"
    deliver()
    # Only the invited contact's own confirmation can make it count.
    (confirmation,) = inbox.messages[before:]
    assert confirmation["To"] == EMAIL and "confirm" in confirmation["Subject"]
    assert invitations(app)[0].opened_at is not None


def test_one_reminder_at_most(member: int, client: FlaskClient, deliver, inbox: Inbox) -> None:
    pages.press(client, invitations_page(client, member), "Send 1 invitation")
    page = invitations_page(client, member)
    assert pages.press(client, page, "Remind those who have not answered").status_code == 303
    deliver()
    assert [m["Subject"].startswith("Reminder") for m in inbox.to(EMAIL)][-2:] == [False, True]
    page = invitations_page(client, member)
    assert "there is only one" in pages.text(page)
    assert "Remind those who have not answered" not in page


def test_the_languages_to_choose_are_named_each_in_itself(member: int, client: FlaskClient):
    text = pages.text(invitations_page(client, member))
    for name in ("English", "Français", "Español", "Português", "العربية"):
        assert name in text.split("Languages", 1)[1]


def test_letter_invite_command(member: int, runner, app: Flask) -> None:
    dry = runner.invoke(args=["letter", "invite", "second", "--from-letter", "first", "--dry-run"])
    assert dry.exit_code == 0 and "1 contact(s) would be invited" in dry.output
    assert invitations(app) == []
    done = runner.invoke(args=["letter", "invite", "second", "--country", "CI"])
    assert done.exit_code == 0 and "1 invitation(s) queued" in done.output, done.output
    again = runner.invoke(args=["letter", "invite", "second"])
    assert "0 invitation(s) queued" in again.output
    bad = runner.invoke(args=["letter", "invite", "second", "--country", "ZZ"])
    assert bad.exit_code != 0


def test_erasing_the_invited_contact_takes_the_invitation_and_its_link(
    member: int, client: FlaskClient, app: Flask, deliver, inbox: Inbox
) -> None:
    pages.press(client, invitations_page(client, member), "Send 1 invitation")
    deliver()
    path = invitation_path(inbox, EMAIL)
    (invitation,) = invitations(app)
    with app.app_context():
        source = db.session.get(SignOn, invitation.source_id)
        assert access.erase_contact_details(source, "test")
        db.session.commit()
    assert invitations(app) == []
    gone = client.get(path)
    assert gone.status_code == 400 and EMAIL not in gone.text
    gone = client.get(path)
    assert gone.status_code == 400 and EMAIL not in gone.text


def test_the_language_choice_offers_each_language_by_name(member: int, client: FlaskClient) -> None:
    """Codes, not the switcher's links (base.html's `languages` once shadowed them)."""
    tree = lxml.html.fromstring(invitations_page(client, member))
    boxes = tree.xpath("//input[@name='language' and @type='checkbox']")
    assert [b.get("value") for b in boxes] == ["en", "fr", "es", "pt", "ar"]
    assert [b.getparent().text_content().strip() for b in boxes][:2] == ["English", "Français"]


def test_an_invited_members_one_step_sign_on_reaches_the_webhooks_as_confirmed(
    member: int, client: FlaskClient, app: Flask, deliver, inbox: Inbox, runner
) -> None:
    receiving = running_receiver(app)
    receiver = next(receiving)
    add_endpoint(runner, receiver.url, "sign_on.confirmed", slug="second")
    pages.press(client, invitations_page(client, member), "Send 1 invitation")
    deliver()
    form = client.get(invitation_path(inbox, EMAIL))
    assert pages.press(client, form.text, "Sign the letter").status_code == 200
    send(runner)
    (event,) = receiver.received
    assert event.payload["type"] == "sign_on.confirmed"
    assert event.payload["data"]["organization"]["name"] == ORG
    next(receiving, None)  # the receiver stops
