"""Organisers write the letter in the browser and move it through its states."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from signon.accounts import services as accounts
from signon.audit.models import AuditEntry
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.support import letter_row

PARTS = {
    "title": "Open letter on debt relief",
    "letterhead": "Debt Justice Network\n1 Rue de la Loi, Brussels",
    "reference": "Ref. DJN/2026/14",
    "place_date": "New York, Brussels – 3 April 2026",
    "addressee": "His Excellency Mr. A. B.\nPresident\nThe Republic of Examplia",
    "subject": "Re: Cancelling the debt",
    "salutation": "Dear President,",
    "body": "We urge you to act[^1].\n\n[^1]: See the 2025 report.\n\n<script>alert(1)</script>",
    "closing": "Sincerely,",
    "signature_blocks": "Jane Doe | Director | Debt Justice Network\nJohn Roe",
    "copy_line": "A copy of this letter has been sent to the Minister of Finance.",
    "deadline": "",
    "live_list": "y",
    "ordering": "ignore_article",
    "language": "fr",
}


@pytest.fixture
def owner(client, organiser):
    """A signed-in organiser with a draft letter "debt"; returns a CSRF token."""
    me = organiser("ana@coalition.example.org")
    token = log_in(client, me)
    answer = client.post(
        "/organise/letters/new",
        data={"slug": "debt", "title": "Debt letter", "csrf_token": token},
    )
    assert answer.status_code == 303
    return token


def save(client, token: str, **fields: str):
    return client.post("/organise/letters/debt/edit", data={**PARTS, **fields, "csrf_token": token})


def move(client, token: str, target: str):
    return client.post(
        f"/organise/letters/debt/status/{target}", data={"csrf_token": token}, follow_redirects=True
    )


def audit(app) -> list[tuple]:
    with app.app_context():
        return [
            (e.action, e.detail)
            for e in db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id))
        ]


def test_every_part_is_saved_and_shown(app, client, owner):
    assert save(client, owner).status_code == 303
    move(client, owner, "open")
    page = client.get("/letters/debt").text
    for text in ["Debt Justice Network", "Ref. DJN/2026/14", "3 April 2026", "The Republic of",
                 "Re: Cancelling the debt", "Dear President,", "Sincerely,", "Director",
                 "John Roe", "Minister of Finance"]:  # fmt: skip
        assert text in page, text
    assert 'class="footnote-ref"' in page and "See the 2025 report." in page
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    letter = letter_row(app, "debt")
    assert letter.signature_blocks == [
        {"name": "Jane Doe", "title": "Director", "organisation": "Debt Justice Network"},
        {"name": "John Roe", "title": "", "organisation": ""},
    ]
    [(_, edited)] = [entry for entry in audit(app) if entry[0] == "edited"]
    assert set(edited["fields"]) == set(PARTS) - {"deadline"}


def test_preview_shows_the_text_without_saving(app, client, owner):
    answer = client.post(
        "/organise/letters/debt/edit",
        data={**PARTS, "body": "Draft **words**", "preview": "1", "csrf_token": owner},
    )
    assert answer.status_code == 200 and "<strong>words</strong>" in answer.text
    assert letter_row(app, "debt").body == ""


def test_bad_signature_block_is_explained(client, owner):
    answer = save(client, owner, signature_blocks="A | B | C | D")
    assert answer.status_code == 200 and "Name | Title | Organisation" in answer.text


def test_transitions_are_confirmed_and_logged(app, client, owner):
    # Opening the confirmation page changes nothing.
    page = client.get("/organise/letters/debt/status/open")
    assert "Confirm" in page.text and letter_row(app, "debt").status == "draft"
    for target in ["open", "closed", "open", "closed", "published"]:
        assert f"The letter is now {target}" in move(client, owner, target).text
    steps = [d for a, d in audit(app) if a == "status"]
    assert steps == [
        {"before": "draft", "after": "open"},
        {"before": "open", "after": "closed"},
        {"before": "closed", "after": "open"},
        {"before": "open", "after": "closed"},
        # Published as sent today: the publish step's own form was not filled in.
        {"before": "closed", "after": "published", "sent_on": datetime.now(UTC).date().isoformat()},
    ]
    letter = letter_row(app, "debt")
    assert letter.published_at is not None
    page = client.get("/letters/debt").text
    assert "This letter was sent on" in page and letter.published_at.strftime("%Y") in page
    # A published letter's text is frozen.
    assert "can no longer change" in save(client, owner, title="Other").text


@pytest.mark.parametrize(
    ("steps", "refused"),
    [
        ([], "closed"),
        ([], "published"),
        (["open"], "published"),
        (["open"], "draft"),
        (["open", "closed", "published"], "open"),
        (["open", "closed", "published"], "draft"),
    ],
)
def test_refused_transitions(app, client, owner, steps, refused):
    for target in steps:
        move(client, owner, target)
    before = letter_row(app, "debt").status
    assert "cannot become" in client.get(f"/organise/letters/debt/status/{refused}").text
    assert "cannot become" in move(client, owner, refused).text
    assert letter_row(app, "debt").status == before
    assert client.get("/organise/letters/debt/status/nonsense").status_code == 404


def test_form_closes_at_the_deadline(app, client, owner, sign):
    past = (datetime.now(UTC) - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
    save(client, owner, deadline=past)
    move(client, owner, "open")
    # The editor's letter is in French; this visitor reads English.
    page = client.get("/letters/debt", headers={"Accept-Language": "en"}).text
    assert "no longer takes signatures" in page and 'name="organisation"' not in page
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(
        "/organise/sign-in").text).group(1)  # fmt: skip
    late = client.post("/letters/debt", data={"organisation": "Late", "csrf_token": token})
    assert late.status_code == 409
    future = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    save(client, owner, deadline=future)
    assert 'name="organisation"' in client.get("/letters/debt").text


def test_secret_preview_link_can_be_revoked(app, client, owner):
    assert client.get("/letters/debt").status_code == 404  # a draft is private
    client.post("/organise/letters/debt/preview-link", data={"csrf_token": owner})
    token = letter_row(app, "debt").preview_token
    log_in(client, None)
    assert "Debt letter" in client.get(f"/organise/preview/{token}").text
    with app.app_context():
        me = accounts.find_organiser("ana@coalition.example.org").id
    owner_token = log_in(client, me)
    client.post(
        "/organise/letters/debt/preview-link", data={"action": "revoke", "csrf_token": owner_token}
    )
    log_in(client, None)
    assert client.get(f"/organise/preview/{token}").status_code == 404
    assert client.get("/organise/preview/guess").status_code == 404


def test_cli_cannot_reopen_a_published_letter(app, client, owner, runner):
    for target in ["open", "closed", "published"]:
        move(client, owner, target)
    out = runner.invoke(args=["letter", "open", "debt"])
    assert out.exit_code != 0 and "published" in out.output
    assert letter_row(app, "debt").status == "published"
