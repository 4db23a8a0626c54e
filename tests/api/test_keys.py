"""API keys: made on the letter's team page (or the CLI), shown once, stored hashed, scoped,
revoked at once, every use audited."""

import hashlib
import uuid

import pytest
import sqlalchemy as sa

from signon import create_app
from signon.api.models import ApiKey
from signon.audit.models import AuditEntry
from signon.storage.extensions import db
from tests.api.helpers import get, new_key, person, post
from tests.organiser_helpers import log_in
from tests.pages import link, press
from tests.support import app_config, create_letter, requires


def audit(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)))


def test_an_owner_makes_a_key_from_the_team_page_sees_it_once_and_revokes_it(
    app, client, make_letter, organiser
):
    make_letter("climate")
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    team = client.get("/organise/letters/climate/team")
    keys_page = client.get(link(team.text, "Manage the API keys"))
    assert keys_page.status_code == 200
    made = press(
        client,
        keys_page.text,
        "Make the key",
        at=keys_page.request.path,
        name="CiviCRM sync",
        scope="read",
    )
    assert made.status_code == 200
    secret = made.text.split('<code id="new-key">')[1].split("</code>")[0]
    assert secret.startswith("signon_")
    # Shown once: the page read again shows its prefix only.
    again = client.get("/organise/letters/climate/api-keys")
    assert secret not in again.text and secret[:13] in again.text and "never" in again.text
    with app.app_context():
        row = db.session.scalar(sa.select(ApiKey))
        assert row.key_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in repr([row.key_hash, row.prefix, row.name])
    assert get(client, "/api/v1/letters/climate", secret).status_code == 200
    assert "UTC" in client.get("/organise/letters/climate/api-keys").text  # last use shown
    revoked = press(client, again.text, "Revoke", at=again.request.path)
    assert revoked.status_code == 303
    answer = get(client, "/api/v1/letters/climate", secret)
    assert answer.status_code == 401
    assert answer.json["errors"][0]["message"]
    assert [e.detail["name"] for e in audit(app, "api_key.created")] == ["CiviCRM sync"]
    assert len(audit(app, "api_key.revoked")) == 1
    assert len(audit(app, "api.read")) == 1


def test_a_co_organiser_who_does_not_own_the_letter_makes_no_key(client, make_letter, organiser):
    make_letter("climate")
    log_in(client, organiser("bo@coalition.example.org", letters=("climate",), owner=False))
    assert "Manage the API keys" not in client.get("/organise/letters/climate/team").text
    assert client.get("/organise/letters/climate/api-keys").status_code == 403


def test_keys_answer_401_without_or_with_a_bad_key_and_403_elsewhere(
    app, client, runner, make_letter
):
    make_letter("climate")
    make_letter("other", title="Another letter")
    key = new_key(runner, "climate", "--scope", "read")
    assert get(client, "/api/v1/letters/climate", None).status_code == 401
    assert get(client, "/api/v1/letters/climate", "signon_nonsense").status_code == 401
    assert get(client, "/api/v1/letters/climate", "Bearer").status_code == 401
    other = get(client, "/api/v1/letters/other", key)
    assert other.status_code == 403 and other.json["errors"]
    assert get(client, "/api/v1/letters/nowhere", key).status_code == 403
    osdi = client.get("/api/v1/letters/climate", headers={"OSDI-API-Token": key})
    assert osdi.status_code == 200
    assert "Set-Cookie" not in osdi.headers
    # A read key records nothing.
    refused = post(client, "/api/v1/letters/climate/signatures", key, person())
    assert refused.status_code == 403
    assert len(audit(app, "api.refused")) == 1


def test_the_cli_refuses_an_unknown_letter_and_scope(runner, make_letter):
    make_letter("climate")
    result = runner.invoke(args=["letter", "api-key", "nowhere", "--scope", "read"])
    assert result.exit_code != 0
    result = runner.invoke(args=["letter", "api-key", "climate", "--scope", "admin"])
    assert result.exit_code != 0


def test_keys_are_rate_limited_across_workers_through_redis(database_url, inbox, make_letter):
    """Two applications (two workers) on one Redis count one key's requests together."""
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/14"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as exc:
        requires(False, f"Redis is not reachable at {url}: {exc}")
    settings = {
        "REDIS_URL": url,
        "RATELIMIT_ENABLED": True,
        "API_LIMIT_PER_KEY": "3/minute",
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    workers = [create_app(app_config(database_url, inbox.port, **settings)) for _ in range(2)]
    try:
        with workers[0].app_context():
            create_letter("climate", "Climate", "Dear all,", open_now=True)
            db.session.commit()
        key = new_key(workers[0].test_cli_runner(), "climate", "--scope", "read")
        clients = [w.test_client() for w in workers]
        answers = [
            get(clients[i % 2], "/api/v1/letters/climate", key).status_code for i in range(5)
        ]
        assert answers == [200, 200, 200, 429, 429]
        limited = get(clients[0], "/api/v1/letters/climate", key)
        assert limited.json["errors"][0]["message"]
        # Another key has its own count.
        other = new_key(workers[1].test_cli_runner(), "climate", "--scope", "read")
        assert get(clients[1], "/api/v1/letters/climate", other).status_code == 200
    finally:
        for worker in workers:
            with worker.app_context():
                db.engine.dispose()
