"""Fixtures for organiser tests: accounts, sessions and confirmed sign-ons."""

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from signon.accounts import services as accounts
from signon.accounts import sessions
from signon.accounts.models import Organiser
from signon.letters import team
from signon.letters.services import get_letter
from signon.signing.models import SignOn
from signon.signing.services import SignOnInput, confirm_sign_on, submit_sign_on
from signon.storage.extensions import db
from tests.support import Inbox, csrf_token


@pytest.fixture
def organiser(app: Flask):
    """Factory: an organiser account, optionally belonging to letters; returns its id."""

    def make(
        email: str, *, admin: bool = False, letters: tuple[str, ...] = (), owner: bool = True
    ) -> int:
        with app.app_context():
            account = accounts.add_organiser(email, is_admin=admin)
            for slug in letters:
                team.add_member(get_letter(slug), email, actor="test", is_owner=owner)
            db.session.commit()
            return account.id

    return make


def log_in(client: FlaskClient, organiser_id: int | None) -> str:
    """Put an organiser in the client's session (or nobody); return a CSRF token for it."""
    values = {}
    if organiser_id is not None:
        with client.application.app_context():
            values = sessions.cookie_values(db.session.get(Organiser, organiser_id))
    with client.session_transaction() as session:
        session.clear()
        session.update(values)
    return csrf_token(client.get("/organise/sign-in").text)


@pytest.fixture
def confirmed(app: Flask, sign, deliver, inbox: Inbox, confirm):
    """Factory: a sign-on made and confirmed through the real form and email; returns its id."""

    def make(slug: str = "climate", **fields: str) -> int:
        before = len(inbox.messages)
        assert sign(slug, **fields).status_code == 303
        deliver()
        message = inbox.messages[before]
        assert confirm(inbox.link(message)).status_code == 200
        return int(_sign_on_id(app, slug, message["To"]))

    return make


def _sign_on_id(app: Flask, slug: str, email: str) -> int:
    with app.app_context():
        letter = get_letter(slug)
        return db.session.scalar(
            sa.select(SignOn.id)
            .where(SignOn.letter_id == letter.id, SignOn.contact_email == email)
            .order_by(SignOn.id.desc())
        )


def sign_in_link(inbox: Inbox, address: str) -> str:
    """The path of the sign-in link in the last email to `address`."""
    message = inbox.to(address)[-1]
    match = re.search(r"https?://[^/\s]+(/organise/sign-in/\S+)", inbox.text(message))
    assert match, inbox.text(message)
    return match.group(1)


@pytest.fixture
def quick_sign_ons(app: Flask):
    """Factory: `n` confirmed sign-ons made through the services (fast, for counts and load)."""

    def make(n: int, slug: str = "climate", country: str = "KE", start: int = 0) -> list[int]:
        ids = []
        with app.app_context():
            letter = get_letter(slug)
            for i in range(start, start + n):
                data = SignOnInput(
                    organisation=f"Organisation {i:03}",
                    country=country,
                    contact_name=f"Contact {i}",
                    contact_email=f"c{i}@org{i}.test",
                    website=f"org{i}.test",
                )
                sign_on_id = submit_sign_on(letter, data)
                confirm_sign_on(db.session.get(SignOn, sign_on_id))
                db.session.commit()
                ids.append(sign_on_id)
        return ids

    return make
