"""The home page leads to the letters organisers chose to list, and to the organiser sign-in.

A new letter keeps its names back until it is published, unless its organisers switch on a
live list in the editor, which says what that does.
"""

from signon.accounts import services as accounts
from signon.letters import editing, services
from signon.storage.extensions import db
from tests import support
from tests.organiser_helpers import log_in
from tests.pages import link, press, text
from tests.roster.helpers import add_signatories
from tests.support import letter_row


def start_letter(client, organiser, title="Open letter on debt relief"):
    """An organiser starts a letter from the dashboard's link; returns the editor page."""
    log_in(client, organiser("ana@coalition.example.org"))
    dashboard = client.get("/organise/").text
    new = client.get(link(dashboard, "Start a new letter"))
    made = press(
        client, new.text, "Create the draft", at="/organise/letters/new", slug="debt", title=title
    )
    assert made.status_code == 303
    return client.get(made.location)


def open_it(client, editor_html: str) -> str:
    """Follow the editor's "Open for signatures" link and confirm."""
    confirm = client.get(link(editor_html, "Open for signatures"))
    assert "the live list is" in confirm.text  # on or off: the step says which
    done = press(client, confirm.text, "Confirm", at=link(editor_html, "Open for signatures"))
    return client.get(done.location).text


def test_a_letter_the_organisers_list_is_linked_from_the_home_page_while_open(
    app, client, organiser
):
    editor = start_letter(client, organiser)
    assert "the home page links to it while it is open" in editor.text
    saved = press(client, editor.text, "Save", at="/organise/letters/debt/edit",
                  body="We urge you to act.", listed_on_home="y")  # fmt: skip
    assert saved.status_code == 303
    log_in(client, None)
    assert "Open letter on debt relief" not in client.get("/").text  # a draft is private

    log_in(client, db_id(app, "ana@coalition.example.org"))
    open_it(client, client.get("/organise/letters/debt/edit").text)
    log_in(client, None)
    home = client.get("/").text
    letter_page = client.get(link(home, "Open letter on debt relief"))
    assert letter_page.status_code == 200 and "We urge you to act." in letter_page.text
    sign_in = client.get(link(home, "Organiser sign-in"))
    assert sign_in.status_code == 200 and 'name="email"' in sign_in.text

    with app.app_context():
        support.close_letter("debt")
    assert "Open letter on debt relief" not in client.get("/").text


def test_letters_are_off_the_home_page_unless_their_organisers_list_them(app, client, make_letter):
    make_letter(slug="climate", title="Joint letter on climate finance")
    home = text(client.get("/").text)
    assert "Joint letter on climate finance" not in home
    assert "No letter is listed here at the moment" in home
    assert letter_row(app, "climate").listed_on_home is False


def test_a_new_letter_shows_its_names_only_once_published(app, client, organiser):
    editor = start_letter(client, organiser)
    assert letter_row(app, "debt").live_list is False
    assert "the names, their search and downloads appear when you publish" in editor.text
    opening = client.get(link(editor.text, "Open for signatures")).text
    assert "shows how many have signed but not their names: the live list is off" in opening
    open_it(client, editor.text)
    with app.app_context():
        add_signatories("debt", [("Zeta Alliance", "DE", "organisation")])
        db.session.commit()
    public = client.get("/letters/debt/signatories").text
    assert "<strong>1</strong>" in public and "Zeta Alliance" not in public
    assert client.get("/letters/debt/signatories.txt").status_code == 404

    editor = client.get("/organise/letters/debt/edit").text
    press(client, editor, "Save", at="/organise/letters/debt/edit", live_list="y")
    assert "Zeta Alliance" in client.get("/letters/debt/signatories").text
    press(client, client.get("/organise/letters/debt/edit").text, "Save",
          at="/organise/letters/debt/edit", live_list=[])  # fmt: skip
    assert "Zeta Alliance" not in client.get("/letters/debt/signatories").text

    with app.app_context():
        support.close_letter("debt")
        editing.change_status(services.get_letter("debt"), "published", "test")
        db.session.commit()
    assert "Zeta Alliance" in client.get("/letters/debt/signatories").text


def test_a_letter_made_from_the_command_line_keeps_its_names_back_too(app, runner, tmp_path):
    body = tmp_path / "body.md"
    body.write_text("Dear all,", encoding="utf-8")
    args = ["letter", "create", "--slug", "water", "--title", "Water", "--body-file", str(body)]
    assert runner.invoke(args=[*args, "--open"]).exit_code == 0
    assert letter_row(app, "water").live_list is False


def db_id(app, email: str) -> int:
    with app.app_context():
        return accounts.find_organiser(email).id
