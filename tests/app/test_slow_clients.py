"""Slow clients (slowloris) cannot take the service down behind the shipped nginx.

The README's production deployment is nginx (deploy/nginx.conf) in front of gunicorn on
loopback: nginx holds the slow connections, gunicorn's threads only ever see whole requests.
"""

import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import pytest

from tests.servers import Gunicorn, Nginx

pytestmark = [pytest.mark.fault, pytest.mark.timeout(90)]

SLOW_CLIENTS = 200


@contextmanager
def slow_clients(port: int, count: int, every: float = 0.5) -> Iterator[list[socket.socket]]:
    """`count` connections that send a request line, then one header line every `every` s."""
    sockets = []
    for n in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(f"GET /letters/x{n} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        sockets.append(sock)
    stop = threading.Event()

    def dribble() -> None:
        n = 0
        while not stop.wait(every):
            n += 1
            for sock in sockets:
                with suppress(OSError):  # the server may close a slow connection
                    sock.sendall(f"X-Slow-{n}: {n}\r\n".encode())

    thread = threading.Thread(target=dribble, daemon=True)
    thread.start()
    try:
        yield sockets
    finally:
        stop.set()
        thread.join(timeout=5)
        for sock in sockets:
            sock.close()


def healthz_seconds(url: str, probes: int, limit: float, every: float = 0.25) -> list[float | None]:
    """How long each of `probes` GET /healthz, one every `every` s, took; None: failed or slow."""
    times: list[float | None] = []
    pace = threading.Event()  # never set: waits pace the probes over the slow clients' time
    for _ in range(probes):
        pace.wait(every)
        start = time.monotonic()
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=limit) as answer:  # noqa: S310
                ok = answer.status == 200
        except OSError:
            ok = False
        elapsed = time.monotonic() - start
        times.append(elapsed if ok and elapsed <= limit else None)
    return times


@pytest.fixture
def deployment(database_url, tmp_path) -> Iterator[Nginx]:
    """gunicorn (3 workers of 4 threads, loopback) behind nginx, as the README deploys it."""
    env = {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "slow-secret",
        "BASE_URL": "https://sign.example.org",
        "MAIL_BACKGROUND_SENDER": "false",
        "RATELIMIT_ENABLED": "false",
        "GUNICORN_THREADS": "4",
        "TRUSTED_PROXIES": "1",
    }
    server = Gunicorn(env, workers=3, log=tmp_path / "gunicorn.log").start()
    proxy = Nginx(f"127.0.0.1:{server.port}", tmp_path / "nginx")
    try:
        yield proxy.start()
    finally:
        proxy.stop()
        server.stop()


def test_healthz_answers_within_a_second_while_200_clients_dribble_their_headers(deployment):
    with slow_clients(deployment.port, SLOW_CLIENTS):
        # Five seconds of probes: the slow clients send ten header lines meanwhile.
        times = healthz_seconds(deployment.url, probes=20, limit=1.0)
    assert None not in times, times
