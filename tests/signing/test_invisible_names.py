"""A name on the list must show: every form that stores one refuses names that show nothing."""

import pytest

from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.helpers_db import sign_ons, stored
from tests.organiser_helpers import log_in
from tests.signing.helpers import DETAILS, manage_path, post

INVISIBLE = ["\u202e", "\u0301\u0308", "\u200d\u200d\u200d", "\u3164"]
MESSAGE = "at least one letter or digit"


@pytest.mark.parametrize("name", INVISIBLE)
def test_signing_with_a_name_that_shows_nothing_is_refused(app, make_letter, sign, sent_back, name):
    make_letter()
    answer = sent_back(sign(organisation=name))
    assert MESSAGE in answer.text or "Enter your organisation" in answer.text
    assert stored(app)["sign_ons"] == 0


def test_an_individual_s_invisible_name_is_refused_too(app, make_letter, sign, sent_back):
    make_letter()
    answer = sent_back(sign(contact_name="\u200d\u0301"))
    assert MESSAGE in answer.text


def test_bidi_overrides_are_dropped_from_what_is_stored(app, make_letter, sign):
    make_letter()
    assert sign(organisation="\u202eHONEST ORG\u202c", acronym="\u2067HO\u2069").status_code == 303
    [sign_on] = sign_ons(app)
    assert (sign_on.organisation, sign_on.acronym) == ("HONEST ORG", "HO")


def test_the_self_service_page_refuses_an_invisible_name(
    app, client, make_letter, confirmed, inbox, sent_back
):
    make_letter()
    confirmed()
    path = manage_path(inbox, "awa@equitas.example.org")
    answer = sent_back(post(client, path, **{**DETAILS, "organisation": "\u200d"}), path)
    assert MESSAGE in answer.text


def test_an_organiser_cannot_list_a_name_that_shows_nothing(
    app, client, make_letter, organiser, confirmed
):
    make_letter()
    s = confirmed()
    token = log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    answer = client.post(
        f"/organise/letters/climate/sign-ons/{s}/display-name",
        data={"display_name": "\u0301\u0301", "csrf_token": token},
        follow_redirects=True,
    )
    assert MESSAGE in answer.text
    with app.app_context():
        assert db.session.get(SignOn, s).signatory.display_name is None
