"""Abuse limits: rate limits per IP and per email on sign-on and sign-in, and the honeypot."""

import uuid

import pytest
import sqlalchemy as sa
from flask import Flask

from signon import create_app
from signon.mail.models import OutboxMessage
from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests import support
from tests.pages import press
from tests.support import app_config, csrf_token, requires


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def apps():
    """Applications made by a test, their database connections closed at the end."""
    made: list[Flask] = []
    yield made
    for app in made:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def limited(database_url, inbox, apps):
    """An app with the limits switched on, at small numbers."""

    def build(**settings: object) -> Flask:
        config = app_config(database_url, inbox.port, **{"RATELIMIT_ENABLED": True, **settings})
        apps.append(create_app(config))
        return apps[-1]

    return build


def post_sign_on(client, n: int, email: str | None = None, **fields: str):
    page = client.get("/letters/climate")
    data = {
        "organisation": f"Organisation {n}",
        "country": "FR",
        "contact_name": "Jo",
        "contact_email": email or f"jo{n}@example.org",
        "consent": "y",
        "csrf_token": csrf_token(page.text),
        **fields,
    }
    return client.post("/letters/climate", data=data)


def make_open_letter(app: Flask) -> None:
    with app.app_context():
        support.create_letter("climate", "Climate", "Dear all", open_now=True)


def test_sign_ons_from_one_address_are_limited(limited):
    app = limited(SIGN_ON_LIMIT_PER_IP="3/minute")
    make_open_letter(app)
    client = app.test_client()
    assert [post_sign_on(client, n).status_code for n in range(3)] == [303] * 3
    refused = post_sign_on(client, 4)
    assert refused.status_code == 429
    assert "Too many requests" in refused.text
    assert count(app, SignOn) == 3


def test_sign_ons_with_one_email_are_limited_whatever_the_address(limited):
    app = limited(SIGN_ON_LIMIT_PER_EMAIL="2/minute")
    make_open_letter(app)
    client = app.test_client()
    same = "Spam@Example.org"
    assert post_sign_on(client, 1, same).status_code == 303
    assert post_sign_on(client, 2, same.lower()).status_code == 303
    assert post_sign_on(client, 3, same).status_code == 429
    assert post_sign_on(client, 4, "other@example.org").status_code == 303
    assert count(app, SignOn) == 3


def test_reading_the_letter_is_never_limited(limited):
    app = limited(SIGN_ON_LIMIT_PER_IP="1/minute")
    make_open_letter(app)
    client = app.test_client()
    assert {client.get("/letters/climate").status_code for _ in range(5)} == {200}


def test_limits_are_off_with_ratelimit_enabled_false(limited):
    app = limited(RATELIMIT_ENABLED=False, SIGN_ON_LIMIT_PER_IP="1/minute")
    make_open_letter(app)
    client = app.test_client()
    assert {post_sign_on(client, n).status_code for n in range(4)} == {303}


def test_sign_in_is_limited_per_address_and_per_email(limited):
    app = limited(SIGN_IN_LIMIT_PER_IP="4/minute", SIGN_IN_LIMIT_PER_EMAIL="2/minute")
    client = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = False
    codes = [client.post("/organise/sign-in", data={"email": "a@x.org"}).status_code]
    codes += [client.post("/organise/sign-in", data={"email": "A@x.org"}).status_code]
    codes += [client.post("/organise/sign-in", data={"email": "a@x.org"}).status_code]
    codes += [
        client.post("/organise/sign-in", data={"email": f"{n}@x.org"}).status_code for n in range(3)
    ]
    assert [code == 429 for code in codes] == [False, False, True, False, False, True]
    assert client.get("/organise/sign-in").status_code == 200


def test_limits_are_shared_through_redis(database_url, inbox, apps):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as exc:
        requires(False, f"Redis is not reachable at {url}: {exc}")
    settings = {
        "REDIS_URL": url,
        "RATELIMIT_ENABLED": True,
        "SIGN_ON_LIMIT_PER_IP": "2/minute",
    }
    first = create_app(app_config(database_url, inbox.port, **settings))
    apps.append(first)
    make_open_letter(first)
    # Redis outlives the test: a client address of its own keeps its counts apart.
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    clients = [first.test_client(), first.test_client()]
    for n, client in enumerate(clients):
        client.environ_base["REMOTE_ADDR"] = address
        assert post_sign_on(client, n).status_code == 303
    # A second process (another gunicorn worker) sees the same count.
    second = create_app(app_config(database_url, inbox.port, **settings))
    apps.append(second)
    client = second.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    assert post_sign_on(client, 3).status_code == 429


def test_the_honeypot_is_hidden_from_people(app, client, make_letter):
    make_letter()
    page = client.get("/letters/climate").text
    assert '<div class="hp" aria-hidden="true">' in page
    assert 'name="fax" tabindex="-1"' in page


def test_a_filled_honeypot_gets_the_usual_answer_and_stores_nothing(app, sign, make_letter):
    make_letter()
    response = sign(fax="+33 1 23 45 67 89")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/letters/climate/check-email")
    assert count(app, SignOn) == 0
    assert count(app, OutboxMessage) == 0


# Limits per email count mailboxes: every spelling of one address, every way to mail it.
SPELLINGS = [
    "inbox@victim.example.org",
    "inbox@\uff56ictim.example.org",  # full-width v
    "\uff29\uff2e\uff22\uff2f\uff38@victim.example.org",  # full-width INBOX
    "Inbox@VICTIM.example.org",
]


def test_every_spelling_of_one_mailbox_counts_as_that_mailbox(limited):
    app = limited(SIGN_ON_LIMIT_PER_EMAIL="2/minute")
    make_open_letter(app)
    client = app.test_client()
    codes = [post_sign_on(client, n, email).status_code for n, email in enumerate(SPELLINGS)]
    assert codes == [303, 303, 429, 429]
    assert count(app, OutboxMessage) == 2


def test_sign_ons_and_resends_to_one_address_are_limited_together(limited):
    """Four sign-ons with the victim's address, each followed by "Send the email again".

    The attacker blanks the form's hidden copy of the address: the limit counts the address
    the sign-on's email goes to, kept server-side, not what the form says.
    """
    app = limited(SIGN_ON_LIMIT_PER_EMAIL="5/minute", RESEND_LIMIT_PER_EMAIL="2/hour")
    make_open_letter(app)
    client = app.test_client()
    for n in range(4):
        assert post_sign_on(client, n, SPELLINGS[n % 2]).status_code == 303
        page = client.get("/letters/climate/check-email")
        at = "/letters/climate/check-email"
        press(client, page.text, "Send the email again", at=at, email="")
    # 4 confirmations and the 2 resends the hour allows that address, not 8 emails.
    assert count(app, OutboxMessage) == 6


def test_the_limits_store_holds_no_address(database_url, inbox, apps: list[Flask]):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        store = redis.Redis.from_url(url, socket_connect_timeout=1)
        store.ping()
    except redis.exceptions.ConnectionError as exc:
        requires(False, f"Redis is not reachable at {url}: {exc}")
    app = create_app(app_config(database_url, inbox.port, REDIS_URL=url, RATELIMIT_ENABLED=True))
    apps.append(app)
    make_open_letter(app)
    local = f"someone-{uuid.uuid4().hex[:8]}"
    assert post_sign_on(app.test_client(), 1, f"{local}@example.org").status_code == 303
    keys = [key.decode() for key in store.scan_iter(count=1000)]
    assert any("email:" in key for key in keys)
    assert not [key for key in keys if local in key]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 1
