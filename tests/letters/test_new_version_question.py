"""Saving an open letter's text first says that it makes a new version, and what that means."""

import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.letters import editing
from signon.letters.services import get_letter
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.pages import press, text
from tests.support import letter_row

EDITOR = "/organise/letters/climate/edit"


def save_new_text(client, body: str = "We urge you to act at once."):
    """Change the text in the editor and press Save, as an organiser would."""
    return press(client, client.get(EDITOR).text, "Save", at=EDITOR, body=body)


def test_the_editor_asks_before_a_save_that_makes_version_2(
    app, client, make_letter, organiser, confirmed
):
    make_letter()
    confirmed()
    confirmed(organisation="Green Earth", contact_email="g@green.example.org")
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    editor = text(client.get(EDITOR).text)
    assert "saving a change to its text makes version 2" in editor

    asked = save_new_text(client)
    words = text(asked.text)
    assert asked.status_code == 200 and "Save as version 2 of the text?" in words
    assert "Nothing is saved yet" in words and "You changed: Text (Markdown)." in words
    assert "2 sign-ons made on version 1 still stand" in words
    assert "tell the earlier signatories what changed, with a link to withdraw" in words
    assert letter_row(app, "climate").version == 1  # nothing saved yet
    assert "We urge you to act at once." in asked.text  # the edit is still in the form

    saved = press(client, asked.text, "Save as version 2", at=EDITOR)
    assert saved.status_code == 303
    letter = letter_row(app, "climate")
    assert letter.version == 2 and letter.body == "We urge you to act at once."


def test_settings_and_drafts_save_without_asking(app, client, make_letter, organiser):
    make_letter()
    make_letter(slug="draft", status="draft")
    log_in(client, organiser("ana@coalition.example.org", letters=("climate", "draft")))
    page = client.get(EDITOR).text
    assert press(client, page, "Save", at=EDITOR, accept_individuals="y").status_code == 303
    assert letter_row(app, "climate").accept_individuals is True
    draft = "/organise/letters/draft/edit"
    page = client.get(draft).text
    assert "makes version" not in text(page)
    assert press(client, page, "Save", at=draft, body="New words").status_code == 303
    assert letter_row(app, "draft").version == 1


def test_an_answer_given_before_someone_else_saved_asks_again(app, client, make_letter, organiser):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    asked = save_new_text(client)
    with app.app_context():
        editing.update_letter(get_letter("climate"), {"body": "A colleague's text."}, "bo")
        db.session.commit()
    again = press(client, asked.text, "Save as version 2", at=EDITOR)
    assert again.status_code == 200 and "Save as version 3 of the text?" in text(again.text)
    assert letter_row(app, "climate").body == "A colleague's text."
    with app.app_context():
        actions = db.session.scalars(sa.select(AuditEntry.action)).all()
    assert actions.count("new_version") == 1


def test_saving_an_unchanged_letter_made_from_a_file_asks_nothing(
    app, client, runner, organiser, confirmed, tmp_path
):
    body = tmp_path / "letter.md"
    body.write_bytes(b"Dear Ministers,\r\n\r\nWe urge you to act.\r\n\r\n")
    created = runner.invoke(
        args=["letter", "create", "--slug", "climate", "--title", "Climate", "--body-file",
              str(body), "--open"]
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    confirmed()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    saved = press(client, client.get(EDITOR).text, "Save", at=EDITOR)
    assert saved.status_code == 303
    assert "Nothing changed." in text(client.get(EDITOR).text)
    assert letter_row(app, "climate").version == 1


def test_the_deadline_is_filled_as_a_browser_shows_it_and_kept_on_the_next_save(
    app, client, make_letter, organiser
):
    make_letter(status="draft")
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    page = client.get(EDITOR).text
    press(client, page, "Save", at=EDITOR, deadline="2027-12-31T17:00")
    page = client.get(EDITOR).text
    assert 'value="2027-12-31T17:00"' in page  # what <input type="datetime-local"> accepts
    assert press(client, page, "Save", at=EDITOR).status_code == 303
    assert letter_row(app, "climate").deadline.strftime("%Y-%m-%d %H:%M") == "2027-12-31 17:00"
