"""Editing an open letter keeps the earlier text; signatories of it can be told and withdraw."""

import re

import sqlalchemy as sa

from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.support import letter_row


def edit(client, token: str, body: str, title: str = "Joint letter on climate finance"):
    """Save the text; for a letter that took signatures, press "Save as version N" as asked."""
    data = {"title": title, "body": body, "csrf_token": token}
    answer = client.post("/organise/letters/climate/edit", data=data)
    asked = re.search(r'name="new_version" value="(\d+)"', answer.text)
    if answer.status_code == 200 and asked:
        answer = client.post(
            "/organise/letters/climate/edit", data={**data, "new_version": asked.group(1)}
        )
    return answer


def versions_of_sign_ons(app) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(sa.select(SignOn.letter_version).order_by(SignOn.id)))


def test_each_save_of_an_open_letter_keeps_the_earlier_text(
    app, client, make_letter, organiser, confirmed, inbox, deliver
):
    make_letter(body="We urge you to act.\n\nNow.")
    me = organiser("ana@coalition.example.org", letters=("climate",))
    first = confirmed()
    token = log_in(client, me)
    assert edit(client, token, "We urge you to act at once.\n\nNow.").status_code == 303
    assert letter_row(app, "climate").version == 2
    confirmed(organisation="Green Earth", contact_email="g@green.example.org")
    assert versions_of_sign_ons(app) == [1, 2]
    # A change of settings only is not a new version.
    client.post(
        "/organise/letters/climate/edit",
        data={
            "title": "Joint letter on climate finance",
            "body": "We urge you to act at once.\n\nNow.",
            "accept_individuals": "y",
            "csrf_token": token,
        },
    )
    assert letter_row(app, "climate").version == 2

    listing = client.get("/organise/letters/climate/versions").text
    assert "Version 1" in listing and "1 signature made on it" in listing
    page = client.get("/organise/letters/climate/versions/1").text
    # In words: the added words underlined in the sentence, no "@@ -1 +1,3 @@" markers.
    assert "We urge you to <del>act.</del><ins>act at once.</ins>" in page
    assert "<p>Now.</p>" in page and "@@" not in page  # the unchanged paragraph after it
    assert f"#{first}" in page and "Green Earth" not in page
    assert "signed version 1" in client.get("/organise/letters/climate/sign-ons").text

    before = len(inbox.messages)
    sent = client.post("/organise/letters/climate/versions/1/notify", data={"csrf_token": token})
    assert "Emailed 1 signatory" in client.get(sent.location).text
    deliver()
    [notice] = inbox.messages[before:]
    assert notice["To"] == "awa@equitas.example.org"
    text = inbox.text(notice)
    assert "+We urge you to act at once." in text
    withdraw = re.search(r"https?://[^/\s]+(/letters/climate/my-signature/\S+)", text).group(1)
    page = client.get(withdraw)
    assert "Withdraw my signature" in page.text


def test_draft_edits_make_no_versions(app, client, make_letter, organiser):
    make_letter(status="draft")
    token = log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    edit(client, token, "Another text")
    assert letter_row(app, "climate").version == 1
    assert client.get("/organise/letters/climate/versions/1").status_code == 404
