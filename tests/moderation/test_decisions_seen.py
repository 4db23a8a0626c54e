"""A decision names the text it was made on: what the signatory changed meanwhile is refused.

The organiser looks at "Good Org"; the signatory renames it through their own link; the
organiser's press (from the page drawn before) must not publish a name nobody saw. The
sign-ons page, "Approve all confirmed…" and the change review each carry a fingerprint of
what they showed.
"""

import lxml.html
import sqlalchemy as sa

from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.moderation.test_change_review import approved_entry
from tests.organiser_helpers import log_in
from tests.pages import checked, link, press, text
from tests.signing.helpers import DETAILS, manage_path, post

SIGN_ONS = "/organise/letters/climate/sign-ons"
GOOD = {**DETAILS, "organisation": "Good Org", "acronym": ""}
RENAMED = {**GOOD, "organisation": "HONEST ORG ☠"}
DETAILS_EMAIL = "awa@equitas.example.org"


def flashed(html: str) -> list[str]:
    return [
        " ".join(p.text_content().split()) for p in lxml.html.fromstring(html).find_class("flash")
    ]


def rows(app) -> dict[int, tuple[str, str]]:
    with app.app_context():
        query = sa.select(SignOn.id, SignOn.organisation, SignOn.status)
        return {i: (name, status) for i, name, status in db.session.execute(query)}


def test_a_name_changed_after_the_page_was_drawn_is_not_approved_unseen(
    app, client, make_letter, organiser, confirmed, quick_sign_ons, inbox
):
    make_letter()
    good = confirmed(**GOOD)
    others = quick_sign_ons(2, start=10)
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    page = client.get(link(client.get(SIGN_ONS).text, "Select all 3 shown")).text
    assert "Good Org" in page
    # Meanwhile the signatory renames it through their own link (saved at once: not approved).
    signatory = app.test_client()
    assert post(signatory, manage_path(inbox, DETAILS_EMAIL), **RENAMED).status_code == 303
    after = client.get(press(client, page, "Approve selected").location).text
    assert flashed(after) == [
        f"2 approved; 1 changed since you looked, check it again: HONEST ORG ☠ (#{good})."
    ]
    assert checked(after) == [str(good)]  # still ticked, and shown with its new name
    assert "HONEST ORG ☠" in text(after)
    now = rows(app)
    assert now[good] == ("HONEST ORG ☠", "verified")
    assert [now[i][1] for i in others] == ["approved", "approved"]
    # Pressed again on the page that shows the new name, it is approved.
    again = client.get(press(client, after, "Approve selected").location).text
    assert flashed(again) == ["1 approved."]
    assert rows(app)[good] == ("HONEST ORG ☠", "approved")


def test_the_sign_on_page_approve_and_reject_name_the_text_too(
    app, client, make_letter, organiser, confirmed, inbox
):
    make_letter()
    good = confirmed(**GOOD)
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    page = client.get(f"{SIGN_ONS}/{good}").text
    post(app.test_client(), manage_path(inbox, DETAILS_EMAIL), **RENAMED)
    for button in ("Approve", "Reject"):
        after = client.get(press(client, page, button).location).text
        assert flashed(after) == [
            f"1 changed since you looked, check it again: HONEST ORG ☠ (#{good})."
        ]
        assert rows(app)[good] == ("HONEST ORG ☠", "verified")
    assert "1 rejected." in flashed(client.get(press(client, after, "Reject").location).text)


def test_approve_all_confirmed_leaves_out_what_changed_after_the_second_step(
    app, client, make_letter, organiser, confirmed, quick_sign_ons, inbox
):
    make_letter()
    good = confirmed(**GOOD)
    others = quick_sign_ons(3, start=10)
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    overview = client.get("/organise/letters/climate/").text
    second_step = client.get(link(overview, "Approve all 4 confirmed")).text
    assert "Good Org" in text(second_step)
    post(app.test_client(), manage_path(inbox, DETAILS_EMAIL), **RENAMED)
    answer = press(client, second_step, "Approve these 4")
    assert flashed(client.get(answer.location).text) == [
        f"3 approved; 1 changed since you looked, check it again: HONEST ORG ☠ (#{good})."
    ]
    now = rows(app)
    assert now[good][1] == "verified" and {now[i][1] for i in others} == {"approved"}


def test_approve_all_matching_leaves_out_what_changed_after_the_second_step(
    app, client, make_letter, organiser, confirmed, quick_sign_ons, inbox
):
    make_letter()
    good = confirmed(**GOOD)
    quick_sign_ons(1, start=10)
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    second_step = press(client, client.get(SIGN_ONS).text, "Approve all 2 matching").text
    post(app.test_client(), manage_path(inbox, DETAILS_EMAIL), **RENAMED)
    answer = press(client, second_step, "Approve these 2")
    assert flashed(client.get(answer.location).text) == [
        f"1 approved; 1 changed since you looked, check it again: HONEST ORG ☠ (#{good})."
    ]


def test_a_proposed_change_replaced_after_the_page_was_drawn_is_not_approved_unseen(
    app, client, make_letter, confirmed, inbox, runner, organiser
):
    s = approved_entry(app, make_letter, confirmed, runner)
    path = manage_path(inbox, DETAILS_EMAIL)
    signatory = app.test_client()
    post(signatory, path, **{**DETAILS, "acronym": "RECI"})
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    page = client.get(f"{SIGN_ONS}/{s}").text
    assert "RECI" in text(page)
    post(signatory, path, **{**DETAILS, "acronym": "FRAUD", "organisation": "HONEST ORG ☠"})
    refused = client.get(press(client, page, "Approve the change").location).text
    assert flashed(refused) == [
        "The signatory changed this request since you looked; it now asks for “HONEST ORG ☠”,"
        " “FRAUD”. Check it again below before deciding."
    ]
    assert "HONEST ORG ☠" in text(refused)  # the new request, shown for review
    with app.app_context():
        sign_on = db.session.get(SignOn, s)
        assert (sign_on.acronym, sign_on.proposed_change.changes["acronym"]) == ("REQCI", "FRAUD")
    # The same for a rejection drawn before the change; then, seen, it is decided.
    assert (
        "Check it again"
        in flashed(client.get(press(client, page, "Reject the change").location).text)[0]
    )
    done = client.get(press(client, refused, "Reject the change").location).text
    assert flashed(done) == ["Change rejected: the list keeps the approved version."]
    with app.app_context():
        sign_on = db.session.get(SignOn, s)
        assert (sign_on.acronym, sign_on.proposed_change) == ("REQCI", None)
