"""Deployment: health check, request ids in logs and headers, gunicorn with the repo's config."""

import json
import logging
import urllib.request

import pytest

from signon import create_app
from tests.servers import Gunicorn
from tests.support import app_config, free_port


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "database": "ok",
        "outbox": {"due": 0, "oldest_due_seconds": 0.0},
    }


def test_healthz_answers_503_when_the_database_is_down():
    dead = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/nothing"
    app = create_app(app_config(dead, 25))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"


def test_every_request_is_logged_once_with_its_request_id(client, caplog):
    caplog.set_level(logging.INFO, logger="signon.request")
    response = client.get("/healthz", headers={"X-Request-ID": "lb-1234"})
    assert response.headers["X-Request-ID"] == "lb-1234"
    [line] = [r.getMessage() for r in caplog.records if r.name == "signon.request"]
    assert line.startswith("GET /healthz 200 ") and "rid=lb-1234" in line


def test_a_request_without_an_id_gets_a_new_one(client):
    first = client.get("/").headers["X-Request-ID"]
    second = client.get("/").headers["X-Request-ID"]
    assert len(first) == 32 and first != second


@pytest.mark.parametrize("given", ["a b", "x" * 200, "evil\u2028id", "id;<script>"])
def test_an_unsafe_request_id_is_replaced(client, caplog, given):
    caplog.set_level(logging.INFO, logger="signon.request")
    response = client.get("/healthz", headers={"X-Request-ID": given})
    assert response.headers["X-Request-ID"] != given
    assert all(given not in r.getMessage() for r in caplog.records)


def test_control_characters_in_the_path_do_not_forge_log_lines(client, caplog):
    caplog.set_level(logging.INFO, logger="signon.request")
    client.get("/letters/x%0aFAKE%20200%20rid=forged")
    [line] = [r.getMessage() for r in caplog.records if r.name == "signon.request"]
    assert "\n" not in line


def test_gunicorn_serves_the_app_with_the_repository_config(database_url, tmp_path):
    server = Gunicorn(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": "x",
            "BASE_URL": "https://sign.example.org",
            "MAIL_BACKGROUND_SENDER": "false",
        },
        workers=1,  # without REDIS_URL the rate limits allow only one
        log=tmp_path / "gunicorn.log",
    ).start()
    try:
        headers = {"X-Request-ID": "t-1"}
        request = urllib.request.Request(server.url + "/healthz", headers=headers)  # noqa: S310
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            assert json.load(response)["status"] == "ok"
            assert response.headers["X-Request-ID"] == "t-1"
    finally:
        server.stop()
    assert "GET /healthz 200" in (tmp_path / "gunicorn.log").read_text()
