"""The sign-on path keeps a letter's facts for a moment, and checks them again before writing."""

from flask import current_app

from signon.letters import services as letters
from signon.storage.extensions import db
from tests import support
from tests.helpers_db import stored
from tests.support import VALID_SIGN_ON, csrf_token


def test_a_letter_closed_a_moment_ago_takes_no_sign_on(app, client, make_letter, sign):
    app.config["LETTER_FACTS_SECONDS"] = 60
    make_letter()
    assert sign(organisation="First Organisation").status_code == 303
    before = stored(app)
    token = csrf_token(client.get("/letters/climate").text)
    with app.app_context():
        support.close_letter("climate")
    # The cached facts still say "open"; the transaction reads the truth.
    data = {**VALID_SIGN_ON, "organisation": "Second Organisation", "csrf_token": token}
    response = client.post("/letters/climate", data=data)
    assert response.status_code == 409
    assert stored(app) == before


def test_individuals_turned_off_a_moment_ago_are_refused(app, make_letter, sign):
    app.config["LETTER_FACTS_SECONDS"] = 60
    make_letter()
    with app.app_context():
        letter = letters.get_letter("climate")
        letter.accept_individuals = True
        db.session.commit()
    assert sign(signing_as="individual", organisation="").status_code == 303
    before = stored(app)
    with app.app_context():
        letters.get_letter("climate").accept_individuals = False
        db.session.commit()
    assert sign(signing_as="individual", organisation="", contact_name="Other").status_code == 409
    assert stored(app) == before


def test_made_up_slugs_are_not_kept(app, client, make_letter):
    app.config["LETTER_FACTS_SECONDS"] = 60
    make_letter()
    data = {**VALID_SIGN_ON, "csrf_token": csrf_token(client.get("/letters/climate").text)}
    for n in range(20):
        assert client.post(f"/letters/no-such-letter-{n}", data=data).status_code == 404
    with app.app_context():
        assert current_app.extensions.get("signon.letter_facts", {}) == {}
