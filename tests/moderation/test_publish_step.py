"""Publishing a letter: the step says what is still open, asks the day it went out, and tells
the signatories; the public page and the downloads show that day."""

import io
from datetime import UTC, datetime, timedelta

import docx
import pytest

from signon.letters.services import get_letter
from signon.moderation import duplicates
from signon.signing import self_service
from signon.signing.models import SignOn
from signon.signing.services import SignOnInput, confirm_sign_on, submit_sign_on
from signon.storage.extensions import db
from tests.moderation.helpers import add_sign_on, sign_in
from tests.pages import link, press, press_download, text

EDITOR = "/organise/letters/climate/edit"


def _sign_on(organisation: str, email: str, *, language: str = "en", confirm: bool = True) -> int:
    data = SignOnInput(
        organisation=organisation, country="KE", contact_name="Ana", contact_email=email
    )
    sign_on_id = submit_sign_on(get_letter("climate"), data, language=language)
    if confirm:
        confirm_sign_on(db.session.get(SignOn, sign_on_id))
    db.session.commit()
    return sign_on_id


@pytest.fixture
def loose_ends(app, client, make_letter):
    """A letter with one of everything a secretariat forgets: an unreviewed pair, two
    confirmed sign-ons not approved, a correction waiting and a sign-on never confirmed."""
    make_letter(live_list=False)
    with app.app_context():
        add_sign_on("climate", "Human Rights Watch", contact_email="hrw@hrw.test")
        add_sign_on("climate", "Human Rights Watch (HRW)", contact_email="ny@hrw.test")
        fixed = add_sign_on("climate", "Forest Peoples", contact_email="fp@forest.test")
        data = SignOnInput(
            organisation="Forest Peoples Programme",
            country="KE",
            contact_name=fixed.contact_name,
            contact_email=fixed.contact_email,
        )
        self_service.correct_details(fixed, data)
        db.session.commit()
        _sign_on("Waiting Alliance", "w1@wait.test")
        _sign_on("Waiting Network", "w2@wait.test")
        _sign_on("Silent Group", "silent@group.test", confirm=False)
    sign_in(app, client, "climate")
    return "climate"


def publish_page(client) -> str:
    """From the editor: close the letter, then follow its "Publish…" link."""
    editor = client.get(EDITOR).text
    if "Close…" in editor:
        closing = client.get(link(editor, "Close…")).text
        assert press(client, closing, "Confirm: make it closed", at=link(editor, "Close…"))
        editor = client.get(EDITOR).text
    page = client.get(link(editor, "Publish…"))
    assert page.status_code == 200
    return page.text


def test_the_publish_step_lists_what_is_still_open_with_a_link_to_each(app, client, loose_ends):
    page = publish_page(client)
    words = text(page)
    assert "Before publishing" in words
    assert "1 pair of possible duplicates not reviewed yet." in words
    assert "2 confirmed sign-ons not approved yet." in words
    assert "1 correction asked for by a signatory waits for your decision." in words
    assert "1 sign-on still waits for its email to be confirmed." in words
    pairs = client.get(link(page, "pair of possible duplicates"))
    assert pairs.status_code == 200 and "Human Rights Watch (HRW)" in pairs.text
    waiting = client.get(link(page, "confirmed sign-ons not approved")).text
    assert "Waiting Alliance" in waiting and "Waiting Network" in waiting
    assert "Human Rights Watch" not in waiting
    correction = client.get(link(page, "Forest Peoples")).text
    assert "Forest Peoples Programme" in correction
    unconfirmed = client.get(link(page, "waits for its email")).text
    assert "Silent Group" in unconfirmed and "Waiting Alliance" not in unconfirmed
    # The pair counted is the duplicates page's own: once reviewed, the step no longer lists it.
    with app.app_context():
        letter = get_letter("climate")
        [pair] = duplicates.candidates(letter)
        duplicates.mark_distinct(letter, *pair.ids, actor="test")
        db.session.commit()
    assert "possible duplicates" not in text(
        client.get(link(client.get(EDITOR).text, "Publish…")).text
    )


def test_nothing_open_is_said_in_so_many_words(app, client, make_letter):
    make_letter()
    with app.app_context():
        add_sign_on("climate", "Friends of the Earth")
    sign_in(app, client, "climate")
    assert "Nothing is left open" in text(publish_page(client))


def test_the_chosen_day_is_on_the_public_page_and_in_the_downloads(app, client, loose_ends):
    page = publish_page(client)
    assert 'type="date"' in page and 'name="sent_on"' in page
    today = datetime.now(UTC).date().isoformat()
    assert f'value="{today}"' in page  # today unless changed
    done = press(
        client,
        page,
        "Confirm: make it published",
        at=link(client.get(EDITOR).text, "Publish…"),
        sent_on="2020-03-12",
    )
    assert done.status_code == 303
    assert "The letter is now published." in client.get(done.location).text
    public = client.get("/letters/climate").text
    assert (
        "This letter was sent on" in public
        and '<time datetime="2020-03-12">March 12, 2020' in public
    )
    overview = client.get("/organise/letters/climate/").text
    txt = press_download(client, overview, "txt").text
    assert txt.rstrip().endswith("The letter was sent on March 12, 2020.")
    french = client.get("/organise/letters/climate/export.txt?lang=fr").text
    assert "12 mars 2020" in french
    word = docx.Document(io.BytesIO(press_download(client, overview, "docx").data))
    lines = [p.text for p in word.paragraphs]
    # The letter has no place-and-date line of its own: the day it went out takes its place.
    assert "March 12, 2020" in lines
    assert (
        client.get("/letters/climate/signatories.json").get_json()["letter"]["sent_on"]
        == "2020-03-12"
    )


def test_organisers_own_place_and_date_line_is_kept_and_the_day_goes_under_the_list(
    app, client, loose_ends
):
    with app.app_context():
        get_letter("climate").place_date = "The Hague"
        db.session.commit()
    page = publish_page(client)
    assert "“The Hague”" in text(page)
    press(
        client,
        page,
        "Confirm: make it published",
        at=EDITOR.replace("edit", "status/published"),
        sent_on="2020-03-12",
    )
    word = docx.Document(io.BytesIO(client.get("/organise/letters/climate/export.docx").data))
    lines = [p.text for p in word.paragraphs]
    assert "The Hague" in lines and "The letter was sent on March 12, 2020." in lines


@pytest.mark.parametrize(
    ("day", "says"),
    [
        ((datetime.now(UTC) + timedelta(days=5)).date().isoformat(), "still to come"),
        ("12/03/2020", "Not a valid date value"),
        ("2020-02-30", "Not a valid date value"),
    ],
)
def test_a_day_to_come_or_no_day_at_all_is_refused_and_nothing_changes(
    app, client, loose_ends, day, says
):
    page = publish_page(client)
    answer = press(
        client,
        page,
        "Confirm: make it published",
        at="/organise/letters/climate/status/published",
        sent_on=day,
    )
    assert answer.status_code == 422 and says in answer.text
    with app.app_context():
        letter = get_letter("climate")
        assert (letter.status, letter.sent_on) == ("closed", None)


def test_tomorrow_is_allowed_for_organisers_ahead_of_utc(app, client, loose_ends):
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date()
    press(
        client,
        publish_page(client),
        "Confirm: make it published",
        at="/organise/letters/climate/status/published",
        sent_on=tomorrow.isoformat(),
    )
    with app.app_context():
        assert get_letter("climate").sent_on == tomorrow
