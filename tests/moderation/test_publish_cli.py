"""`flask letter publish` and `letter create --live-list`: what the web does, for scripts."""

from datetime import UTC, datetime, timedelta

import pytest

from signon.letters.services import get_letter
from signon.signing.models import SignOn
from signon.signing.services import SignOnInput, confirm_sign_on, submit_sign_on
from signon.storage.extensions import db
from tests.moderation.helpers import add_sign_on
from tests.support import letter_row


@pytest.fixture
def closed_letter(app, make_letter, runner, deliver, inbox):
    """A closed letter with one approved signatory (French) and one confirmed, not approved."""
    make_letter(live_list=False)
    with app.app_context():
        letter = get_letter("climate")
        data = SignOnInput(
            organisation="Ligue des droits",
            country="FR",
            contact_name="Camille",
            contact_email="camille@ldh.test",
        )
        sign_on = db.session.get(SignOn, submit_sign_on(letter, data, language="fr"))
        confirm_sign_on(sign_on)
        sign_on.status = "approved"
        db.session.commit()
        add_sign_on("climate", "Human Rights Watch", contact_email="hrw@hrw.test")
        waiting = SignOnInput(
            organisation="Waiting", country="KE", contact_name="W", contact_email="w@wait.test"
        )
        confirm_sign_on(db.session.get(SignOn, submit_sign_on(letter, waiting)))
        db.session.commit()
    assert runner.invoke(args=["letter", "close", "climate"]).exit_code == 0
    deliver()
    inbox.messages.clear()
    return "climate"


def test_publish_with_a_date_prints_what_is_open_and_tells_the_signatories(
    app, client, runner, closed_letter, deliver, inbox
):
    result = runner.invoke(args=["letter", "publish", "climate", "--date", "2020-03-12"])
    assert result.exit_code == 0, result.output
    assert "Still open: 1 confirmed sign-on not approved yet." in result.stderr
    assert "Letter 'climate' is published, sent on 2020-03-12." in result.stdout
    assert "2 signatories will get an email" in result.stdout
    assert letter_row(app, "climate").sent_on.isoformat() == "2020-03-12"
    assert '<time datetime="2020-03-12">' in client.get("/letters/climate").text
    export = runner.invoke(args=["letter", "export", "climate", "--format", "txt"])
    assert "The letter was sent on March 12, 2020." in export.stdout
    deliver()
    assert sorted(m["To"] for m in inbox.messages) == ["camille@ldh.test", "hrw@hrw.test"]
    [french] = inbox.to("camille@ldh.test")
    assert "12 mars 2020" in inbox.text(french)
    # Publishing again is refused, and nobody hears twice.
    again = runner.invoke(args=["letter", "publish", "climate"])
    assert again.exit_code != 0 and "published" in again.output
    deliver()
    assert len(inbox.messages) == 2


def test_publish_without_a_date_is_today_and_no_email_sends_nothing(
    app, runner, closed_letter, deliver, inbox
):
    result = runner.invoke(args=["letter", "publish", "climate", "--no-email"])
    assert result.exit_code == 0, result.output
    assert letter_row(app, "climate").sent_on == datetime.now(UTC).date()
    deliver()
    assert inbox.messages == []


@pytest.mark.parametrize(
    ("day", "says"),
    [
        ((datetime.now(UTC) + timedelta(days=3)).date().isoformat(), "still to come"),
        ("12/03/2020", "YYYY-MM-DD"),
    ],
)
def test_a_bad_date_publishes_nothing(app, runner, closed_letter, day, says):
    result = runner.invoke(args=["letter", "publish", "climate", "--date", day])
    assert result.exit_code != 0 and says in result.output.replace("%Y-%m-%d", "YYYY-MM-DD")
    assert letter_row(app, "climate").status == "closed"


def test_create_with_a_live_list_shows_approved_names_before_publication(
    app, client, runner, tmp_path
):
    body = tmp_path / "letter.md"
    body.write_text("Dear Ministers,\n", encoding="utf-8")
    args = ["letter", "create", "--slug", "climate", "--title", "Climate"]
    result = runner.invoke(args=[*args, "--body-file", str(body), "--open", "--live-list"])
    assert result.exit_code == 0, result.output
    assert "live list" in result.output
    with app.app_context():
        add_sign_on("climate", "Friends of the Earth")
    assert "Friends of the Earth" in client.get("/letters/climate/signatories").text
    plain = ["letter", "create", "--slug", "other", "--title", "Other", "--body-file", str(body)]
    assert runner.invoke(args=plain).exit_code == 0
    assert letter_row(app, "other").live_list is False
