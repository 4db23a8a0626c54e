"""The top of an open letter: how many signed, until when, and one tap to the form."""

import json
from datetime import UTC, datetime

from signon.letters.services import get_letter
from signon.storage.extensions import db
from tests.pages import text


def test_the_letter_says_how_many_signed_and_until_when_and_jumps_to_the_form(
    app, client, make_letter, confirmed
):
    make_letter(live_list=False)
    with app.app_context():
        get_letter("climate").deadline = datetime(2027, 12, 31, 17, 0, tzinfo=UTC)
        db.session.commit()
    confirmed()
    confirmed(organisation="Green Earth", contact_email="g@green.example.org")
    page = client.get("/letters/climate", query_string={"lang": "fr"})
    words = text(page.text)
    assert "2 signataires jusqu’ici." in words
    assert "jusqu’au 31 décembre 2027 à 17:00 (UTC)" in words
    top = page.text.index('class="sign-summary"')
    assert page.text.index('href="#sign"', top) < page.text.index('<article class="letter"')
    assert 'id="sign"' in page.text  # where the link lands: the form


def test_before_any_approval_the_list_says_what_is_true(app, client, make_letter, confirmed):
    make_letter(live_list=False)
    confirmed()
    confirmed(organisation="Green Earth", contact_email="g@green.example.org")
    words = text(client.get("/letters/climate/signatories").text)
    assert "2 signatories have signed so far; the list of names is published after review." in words
    spanish = text(client.get("/letters/climate/signatories", query_string={"lang": "es"}).text)
    assert "Hasta ahora han firmado 2 firmantes" in spanish
    embedded = json.loads(client.get("/letters/climate.json").data)
    assert embedded["signed"] == 2 and embedded["signatories"] == []
