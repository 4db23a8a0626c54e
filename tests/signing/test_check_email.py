"""The check-your-email page shows where the email went and sends it once more on request."""

import pytest
import sqlalchemy as sa

from signon import create_app
from signon.mail.models import OutboxMessage
from signon.storage.extensions import db
from tests.pages import press, text
from tests.support import VALID_SIGN_ON, app_config, csrf_token

ADDRESS = VALID_SIGN_ON["contact_email"]
AGAIN = "If your signature is still waiting for confirmation, we have sent the email again."


def landing(client, answer):
    """The page the sign-on form's answer leads to."""
    assert answer.status_code == 303
    return client.get(answer.headers["Location"])


def resend(client, page):
    """Press the page's button to send the email again and land where it leads."""
    url = "/letters/climate/check-email"
    return landing(client, press(client, page.text, "Send the email again", at=url))


def queued(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))


def test_the_page_shows_the_address_the_email_was_sent_to(client, make_letter, sign):
    make_letter()
    page = landing(client, sign())
    assert f"We sent it to {ADDRESS}." in text(page.text)
    assert page.headers["Cache-Control"] == "no-store"
    assert page.mimetype == "text/html"


def test_one_resend_sends_the_confirmation_again_with_a_working_link(
    app, client, make_letter, sign, deliver, inbox, confirm
):
    make_letter()
    page = landing(client, sign())
    deliver()
    again = resend(client, page)
    assert AGAIN in text(again.text)
    assert "Send the email again" not in again.text  # offered once
    deliver()
    first, second = inbox.to(ADDRESS)
    assert second["Subject"] == first["Subject"]
    assert confirm(inbox.link(second)).status_code == 200
    # Asking again by hand (the button is gone) sends nothing more.
    client.post("/letters/climate/check-email", data={"csrf_token": csrf_token(page.text)})
    deliver()
    assert len(inbox.to(ADDRESS)) == 2


def test_the_answer_is_the_same_when_nothing_waits_for_confirmation(
    app, client, make_letter, sign, deliver, inbox, confirm
):
    make_letter()
    page = landing(client, sign())
    deliver()
    confirm(inbox.link(inbox.messages[0]))
    before = queued(app)
    again = resend(client, page)
    assert AGAIN in text(again.text)
    assert queued(app) == before
    # Someone who never signed from this browser gets the same redirect and nothing is sent.
    stranger = app.test_client()
    token = csrf_token(stranger.get("/letters/climate").text)
    answer = stranger.post(
        "/letters/climate/check-email", data={"csrf_token": token, "email": ADDRESS}
    )
    assert answer.status_code == 303
    assert queued(app) == before


def test_a_resend_without_its_csrf_token_is_refused(app, client, make_letter, sign):
    make_letter()
    landing(client, sign())
    assert client.post("/letters/climate/check-email", data={}).status_code == 400
    assert queued(app) == 1


@pytest.fixture
def limited_app(database_url, inbox):
    app = create_app(
        app_config(
            database_url,
            inbox.port,
            RATELIMIT_ENABLED=True,
            RATELIMIT_STORAGE_URI="memory://",
            RESEND_LIMIT_PER_IP="2/minute",
        )
    )
    yield app
    with app.app_context():
        db.engine.dispose()


def test_resends_are_rate_limited(limited_app):
    from signon.letters.services import create_letter

    with limited_app.app_context():
        create_letter("climate", "Climate", "Text", open_now=True)
        db.session.commit()
    client = limited_app.test_client()
    token = csrf_token(client.get("/letters/climate").text)
    codes = [
        client.post("/letters/climate/check-email", data={"csrf_token": token}).status_code
        for _ in range(3)
    ]
    assert codes == [303, 303, 429]
