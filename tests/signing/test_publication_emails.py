"""When the letter is published, each approved signatory's contact hears that it went out:
once, in the language they signed in, from the letter's sender; nobody else does."""

import lxml.html
import pytest

from signon.letters.services import get_letter
from signon.mail.unsubscribe import unsubscribe_address
from signon.moderation import duplicates
from signon.moderation import services as moderation
from signon.privacy.erasure import erase
from signon.signing import publication_notices, self_service
from signon.signing.models import SignOn
from signon.signing.services import SignOnInput, confirm_sign_on, submit_sign_on
from signon.storage.database import utcnow
from signon.storage.extensions import db
from tests.moderation.helpers import sign_in
from tests.pages import link, press, text

PUBLISH = "/organise/letters/climate/status/published"


def _signed(organisation: str, email: str, language: str = "en", approve: bool = True) -> int:
    letter = get_letter("climate")
    data = SignOnInput(
        organisation=organisation, country="KE", contact_name="Alex", contact_email=email
    )
    sign_on_id = submit_sign_on(letter, data, language=language)
    confirm_sign_on(db.session.get(SignOn, sign_on_id))
    if approve:
        moderation.approve(letter, [sign_on_id], actor="test")
    db.session.commit()
    return sign_on_id


@pytest.fixture
def signatories(app, client, make_letter, deliver, inbox):
    """Approved contacts in English and French, and one of each who must hear nothing."""
    make_letter()
    with app.app_context():
        letter = get_letter("climate")
        letter.sender_name = "Coalition for the ICC"
        letter.contact_email = "secretariat@cicc.test"
        db.session.commit()
        _signed("Human Rights Watch", "hrw@hrw.test")
        _signed("Ligue des droits", "ligue@ldh.test", language="fr")
        # One contact who signed twice, under two spellings the organisers merged.
        first = _signed("Amnesty International", "one@amnesty.test")
        second = _signed("Amnesty International (AI)", "one@amnesty.test")
        keep, gone = (db.session.get(SignOn, i).signatory_id for i in (first, second))
        duplicates.merge(letter, keep, gone, actor="test")
        withdrawn = _signed("Changed Mind", "withdrawn@org.test")
        self_service.withdraw(db.session.get(SignOn, withdrawn))
        rejected = _signed("Not Welcome", "rejected@org.test", approve=False)
        moderation.reject(letter, [rejected], actor="test")
        erased = _signed("Erased Org", "erased@org.test")
        erase(letter, [erased], utcnow(), keep_listed=True)
        _signed("Unsubscribed Org", "unsub@org.test")
        unsubscribe_address(letter.id, "unsub@org.test")
        _signed("Only Confirmed", "confirmed@org.test", approve=False)
        db.session.commit()
    # The organiser signs in and closes the letter through its pages.
    sign_in(app, client, "climate")
    editor = client.get("/organise/letters/climate/edit").text
    press(
        client,
        client.get(link(editor, "Close…")).text,
        "Confirm: make it closed",
        at=link(editor, "Close…"),
    )
    deliver()
    inbox.messages.clear()
    return "climate"


def test_each_approved_contact_hears_once_in_their_language(
    app, client, signatories, deliver, inbox
):
    page = client.get(PUBLISH).text
    assert "(3)" in text(page) and "secretariat@cicc.test" in text(page)
    answer = press(client, page, "Confirm: make it published", at=PUBLISH, sent_on="2020-03-12")
    assert "3 signatories will get an email" in client.get(answer.location).text
    deliver()
    assert sorted(m["To"] for m in inbox.messages) == [
        "hrw@hrw.test",
        "ligue@ldh.test",
        "one@amnesty.test",
    ]
    [english] = inbox.to("hrw@hrw.test")
    body = inbox.text(english)
    assert (
        english["Subject"] == "The letter you signed has gone out: Joint letter on climate finance"
    )
    assert "Coalition for the ICC" in english["From"]
    assert english["Reply-To"] == "secretariat@cicc.test"
    assert "went out on March 12, 2020" in body
    assert "/letters/climate?lang=en" in body
    assert "/letters/climate/signatories?lang=en" in body
    assert "write to secretariat@cicc.test" in body
    assert "/my-signature/" in body
    [french] = inbox.to("ligue@ldh.test")
    assert french["Subject"].startswith("La lettre que vous avez signée")
    assert "12 mars 2020" in inbox.text(french) and "lang=fr" in inbox.text(french)
    assert "List-Unsubscribe" in english
    # Told once: asking again adds nothing.
    with app.app_context():
        assert publication_notices.tell_signatories(get_letter("climate"), "test") == 0
        db.session.commit()
    deliver()
    assert len(inbox.messages) == 3


def test_switched_off_nobody_hears(app, client, signatories, deliver, inbox):
    page = client.get(PUBLISH).text
    assert lxml.html.fromstring(page).xpath("//input[@name='notify']/@checked")  # on by default
    answer = press(client, page, "Confirm: make it published", at=PUBLISH, notify=[])
    assert answer.status_code == 303
    deliver()
    assert inbox.messages == []
    with app.app_context():
        assert get_letter("climate").status == "published"
