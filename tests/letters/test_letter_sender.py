"""Every email about a letter comes from its sender, is signed by it and links to the letter."""

from email.utils import parseaddr

import pytest

from tests.organiser_helpers import log_in
from tests.pages import link, press, text
from tests.support import letter_row

SENDER = {
    "sender_name": "Coalition for the International Criminal Court",
    "email_signature": "Coalition for the International Criminal Court\nSecretariat, The Hague",
    "contact_email": "Secretariat@CICC.example.org",
}
LETTER_URL = "https://sign.example.org/letters/icc"
EDITOR = "/organise/letters/icc/edit"


def plain_text(inbox, message) -> str:
    """The plain-text body with its lines ended as Python ends them."""
    return inbox.text(message).replace("\r\n", "\n")


@pytest.fixture
def icc(app, client, organiser):
    """An open letter "icc" whose owner set its sender in the editor; returns the client."""
    log_in(client, organiser("ana@cicc.example.org"))
    new = client.get("/organise/letters/new")
    made = press(
        client,
        new.text,
        "Create the draft",
        at="/organise/letters/new",
        slug="icc",
        title="Letter on the ICC",
    )
    assert made.status_code == 303
    editor = client.get("/organise/letters/icc/edit")
    assert press(client, editor.text, "Save", at=EDITOR, **SENDER).status_code == 303
    status = client.get("/organise/letters/icc/status/open")
    assert (
        press(
            client, status.text, "Confirm: make it open", at="/organise/letters/icc/status/open"
        ).status_code
        == 303
    )
    return client


def test_the_editor_keeps_the_sender_and_shows_it_again(app, icc):
    letter = letter_row(app, "icc")
    assert letter.sender_name == SENDER["sender_name"]
    assert letter.email_signature == SENDER["email_signature"]
    assert letter.contact_email == "secretariat@cicc.example.org"
    editor = icc.get("/organise/letters/icc/edit").text
    assert "secretariat@cicc.example.org" in editor
    assert "Secretariat, The Hague" in editor


def test_the_confirmation_email_comes_from_the_letter_signed_by_it_with_its_link(
    app, icc, sign, deliver, inbox
):
    assert sign("icc").status_code == 303
    deliver()
    [message] = inbox.messages
    name, address = parseaddr(message["From"])
    assert name == "Coalition for the International Criminal Court"
    assert address == parseaddr(app.config["MAIL_DEFAULT_SENDER"])[1]
    assert message["Reply-To"] == "secretariat@cicc.example.org"
    plain = plain_text(inbox, message)
    assert "-- Signon" not in plain
    assert plain.rstrip().endswith(
        "-- \nCoalition for the International Criminal Court\nSecretariat, The Hague"
    )
    assert f"The letter: {LETTER_URL}" in plain
    html = inbox.html(message)
    assert "Coalition for the International Criminal Court<br>Secretariat, The Hague" in html
    assert f'href="{LETTER_URL}"' in html


def test_an_invalid_contact_address_is_a_clear_error_and_nothing_is_stored(app, icc):
    editor = icc.get("/organise/letters/icc/edit")
    answer = press(
        icc, editor.text, "Save", at=EDITOR, contact_email="secretariat@", sender_name="Other"
    )
    assert answer.status_code == 422
    assert "Enter a valid contact address" in text(answer.text)
    letter = letter_row(app, "icc")
    assert (letter.contact_email, letter.sender_name) == (
        "secretariat@cicc.example.org",
        SENDER["sender_name"],
    )


def test_the_contact_address_is_never_shown_publicly(app, icc, sign, deliver, inbox, confirm):
    sign("icc")
    deliver()
    confirm(inbox.link(inbox.messages[0]))
    for path in ("/letters/icc", "/letters/icc/signatories", "/letters/icc/privacy", "/"):
        page = icc.get(path)
        assert "cicc.example.org" not in page.text.lower().replace("awa@equitas", ""), path


def test_without_a_sender_the_emails_are_signed_signon_and_come_from_the_service(
    app, make_letter, sign, deliver, inbox
):
    make_letter()
    sign()
    deliver()
    [message] = inbox.messages
    assert message["From"] == app.config["MAIL_DEFAULT_SENDER"]
    assert message["Reply-To"] is None
    assert plain_text(inbox, message).rstrip().endswith("-- \nSignon")
    assert "The letter: https://sign.example.org/letters/climate" in plain_text(inbox, message)


def test_the_already_signed_email_reads_in_whole_sentences_with_the_listed_name(
    app, icc, sign, deliver, inbox
):
    # The organisers' spelling wins over what was typed, with the acronym after the name.
    sign("icc", organisation="Reseau Equitas Cote d'Ivoire")
    deliver()
    sign_on_page = icc.get("/organise/letters/icc/sign-ons").text
    assert "Reseau Equitas" in sign_on_page
    detail = icc.get(link(sign_on_page, "Details #"))
    named = press(icc, detail.text, "Save name", display_name="Réseau Equitas Côte d’Ivoire")
    assert named.status_code == 303
    sign("icc", organisation="RESEAU EQUITAS COTE D'IVOIRE")
    deliver()
    repeat = inbox.messages[-1]
    plain = " ".join(plain_text(inbox, repeat).split())
    assert (
        'You have already signed "Letter on the ICC" on behalf of Réseau Equitas Côte d’Ivoire'
        " (REQCI), so your new signature was not recorded a second time." in plain
    )
    assert "RESEAU" not in plain and "Reseau" not in plain
    assert "Your signature is not confirmed yet. Please confirm it by opening this link:" in plain
    assert plain.endswith(
        "-- Coalition for the International Criminal Court Secretariat, The Hague"
    )
    assert parseaddr(repeat["From"])[0] == SENDER["sender_name"]


def test_the_organisers_notice_of_a_sign_on_is_signed_by_the_letter(
    app, icc, confirmed, inbox, deliver
):
    settings = icc.get("/organise/settings")
    assert (
        press(icc, settings.text, "Save", at="/organise/settings", notify="each").status_code == 303
    )
    confirmed("icc")
    deliver()
    [notice] = inbox.to("ana@cicc.example.org")
    assert "Réseau Equitas Côte d'Ivoire (REQCI) (CI)" in plain_text(inbox, notice)
    assert parseaddr(notice["From"])[0] == SENDER["sender_name"]
    assert notice["Reply-To"] == "secretariat@cicc.example.org"


def test_the_invitation_says_who_invited_and_to_which_letter(app, icc, deliver, inbox):
    team = icc.get("/organise/letters/icc/team")
    assert (
        press(
            icc, team.text, "Add", at="/organise/letters/icc/team", email="ben@cicc.example.org"
        ).status_code
        == 303
    )
    deliver()
    [invitation] = inbox.to("ben@cicc.example.org")
    plain = " ".join(plain_text(inbox, invitation).split())
    assert (
        'ana@cicc.example.org added you as an organiser of the letter "Letter on the ICC"'
        " on Signon." in plain
    )
    assert parseaddr(invitation["From"])[0] == SENDER["sender_name"]
    assert "/organise/sign-in" in plain


def test_the_cli_creates_a_letter_with_its_sender(app, runner, tmp_path):
    body = tmp_path / "body.md"
    body.write_text("Dear all,", encoding="utf-8")
    result = runner.invoke(
        args=["letter", "create", "--slug", "cli", "--title", "CLI letter",
              "--body-file", str(body), "--sender-name", "CICC",
              "--signature", "CICC\\nThe Hague", "--contact-email", "info@cicc.example.org"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    letter = letter_row(app, "cli")
    assert (letter.sender_name, letter.email_signature, letter.contact_email) == (
        "CICC",
        "CICC\nThe Hague",
        "info@cicc.example.org",
    )


def test_the_cli_refuses_a_bad_contact_address_and_creates_nothing(app, runner, tmp_path):
    body = tmp_path / "body.md"
    body.write_text("Dear all,", encoding="utf-8")
    result = runner.invoke(
        args=["letter", "create", "--slug", "bad", "--title", "Bad", "--body-file", str(body),
              "--contact-email", "not an address"],
    )  # fmt: skip
    assert result.exit_code != 0
    assert "The contact address is not valid: not an address" in result.output
    listed = runner.invoke(args=["letter", "open", "bad"])
    assert listed.exit_code != 0


def test_a_sender_name_with_accents_and_commas_arrives_whole(app, icc, sign, deliver, inbox):
    name = "Coalition pour la Cour pénale internationale, CICC"
    editor = icc.get(EDITOR)
    assert press(icc, editor.text, "Save", at=EDITOR, sender_name=name).status_code == 303
    sign("icc")
    deliver()
    [message] = inbox.messages
    assert parseaddr(str(message["From"])) == (
        name,
        parseaddr(app.config["MAIL_DEFAULT_SENDER"])[1],
    )


def test_an_individual_is_thanked_in_their_own_name(app, make_letter, sign, deliver, inbox):
    make_letter()
    with app.app_context():
        from signon.letters.services import get_letter
        from signon.storage.extensions import db

        get_letter("climate").accept_individuals = True
        db.session.commit()
    sign(signing_as="individual")
    deliver()
    plain = " ".join(plain_text(inbox, inbox.messages[0]).split())
    assert 'Thank you for signing "Joint letter on climate finance".' in plain


def test_changing_only_the_sender_of_an_open_letter_makes_no_new_version(
    app, client, make_letter, organiser
):
    make_letter()  # open, its text "Dear Ministers,\n\nWe **urge** you to act."
    log_in(client, organiser("ana@cicc.example.org", letters=("climate",)))
    editor = "/organise/letters/climate/edit"
    page = client.get(editor)
    # A browser sends the text's lines ended by CRLF: that is no change of the text.
    body = "Dear Ministers,\r\n\r\nWe **urge** you to act."
    answer = press(client, page.text, "Save", at=editor, body=body, sender_name="CICC")
    assert answer.status_code == 303
    letter = letter_row(app, "climate")
    assert (letter.version, letter.sender_name) == (1, "CICC")
