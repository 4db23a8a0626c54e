"""Rate limits hold across every gunicorn worker: shared in Redis, or one worker only."""

import http.client
import runpy
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.servers import ROOT, Gunicorn
from tests.support import csrf_token, requires

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def redis_url() -> str:
    """The machine's Redis, on a database number of these tests' own."""
    from redis import Redis, RedisError

    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except RedisError as exc:
        requires(False, f"Redis is not reachable at {REDIS_URL}: {exc}")
    return REDIS_URL


def service_env(database_url: str, **settings: str) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "limits-secret",
        "BASE_URL": "https://sign.example.org",
        "MAIL_BACKGROUND_SENDER": "false",
        "RATELIMIT_ENABLED": "true",
        "REDIS_URL": "",
        # Redis outlives the test: a prefix of its own keeps its counts apart.
        "RATELIMIT_KEY_PREFIX": uuid.uuid4().hex,
        **settings,
    }


class Browser:
    """One session (cookie and CSRF token); each POST on a new connection, so on any worker."""

    def __init__(self, port: int) -> None:
        self.port = port
        url = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(url + "/organise/sign-in", timeout=5) as page:  # noqa: S310
            self.cookie = page.headers["Set-Cookie"].split(";", 1)[0]
            self.token = csrf_token(page.read().decode())

    def ask_sign_in_link(self, email: str) -> int:
        """POST the sign-in form; its status."""
        body = urlencode({"email": email, "csrf_token": self.token})
        headers = {"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"}
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            conn.request("POST", "/organise/sign-in", body=body, headers=headers)
            return conn.getresponse().status
        finally:
            conn.close()


def test_three_workers_sharing_redis_let_exactly_n_per_minute_through(
    database_url, redis_url, tmp_path
):
    env = service_env(
        database_url,
        REDIS_URL=redis_url,
        SIGN_IN_LIMIT_PER_IP="4/minute",
        SIGN_IN_LIMIT_PER_EMAIL="3/minute",
    )
    server = Gunicorn(env, workers=3, log=tmp_path / "gunicorn.log").start()
    try:
        browser = Browser(server.port)
        # 30 POSTs, each on a new connection: all three workers take some of them.
        per_ip = [browser.ask_sign_in_link(f"person{n}@example.org") for n in range(30)]
    finally:
        server.stop()
    assert sorted(per_ip) == [303] * 4 + [429] * 26


def test_three_workers_sharing_redis_hold_the_limit_per_email(database_url, redis_url, tmp_path):
    env = service_env(
        database_url,
        REDIS_URL=redis_url,
        SIGN_IN_LIMIT_PER_IP="100/minute",
        SIGN_IN_LIMIT_PER_EMAIL="3/minute",
    )
    server = Gunicorn(env, workers=3, log=tmp_path / "gunicorn.log").start()
    try:
        browser = Browser(server.port)
        same = [browser.ask_sign_in_link("victim@example.org") for _ in range(30)]
    finally:
        server.stop()
    assert sorted(same) == [303] * 3 + [429] * 27


def test_several_workers_without_a_shared_store_refuse_to_start(database_url, tmp_path):
    log = tmp_path / "gunicorn.log"
    with pytest.raises(AssertionError, match="gunicorn exited with 1"):
        Gunicorn(service_env(database_url), workers=3, log=log).start()
    assert "Refusing to start 3 workers: rate limits are counted in each worker" in log.read_text()


def gunicorn_settings(monkeypatch, **env: str) -> dict:
    for name in ("GUNICORN_WORKERS", "REDIS_URL", "RATELIMIT_STORAGE_URI", "RATELIMIT_ENABLED"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(Path(ROOT) / "gunicorn.conf.py"))


def test_the_embedded_default_runs_one_worker_and_redis_lets_it_run_many(monkeypatch):
    assert gunicorn_settings(monkeypatch)["workers"] == 1
    assert gunicorn_settings(monkeypatch, REDIS_URL=REDIS_URL)["workers"] > 1
    assert gunicorn_settings(monkeypatch, RATELIMIT_ENABLED="false")["workers"] > 1
