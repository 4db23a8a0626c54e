"""nginx's own answers: its error pages carry the app's framing and sniffing headers, and its
logs keep no token of a confirmation or self-service link, even with the upstream down."""

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import Nginx
from tests.support import free_port

TOKEN = "eyJzaWduX29uIjo0Mn0.ZyXw9Q.SECRETsecretSECRETsecret"


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    """nginx in front of an upstream that is down (nothing listens on its port)."""
    server = Nginx(f"127.0.0.1:{free_port()}", tmp_path_factory.mktemp("nginx"))
    server.start(upstream_up=False)
    yield server
    server.stop()


def _raw(nginx: Nginx, request: bytes) -> str:
    """Send a request as bytes; nginx's answer, headers and all."""
    with socket.create_connection(("127.0.0.1", nginx.port), timeout=10) as sock:
        sock.sendall(request)
        return sock.recv(65536).decode(errors="replace")


def _get(nginx: Nginx, path: str) -> str:
    return _raw(nginx, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())


def test_nginx_error_pages_carry_framing_and_sniffing_headers(nginx: Nginx):
    too_large = _raw(
        nginx, b"POST /letters/x HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n"
    )
    gateway = _get(nginx, "/letters/x")
    for answer, status in ((too_large, 413), (gateway, 502)):
        assert answer.startswith(f"HTTP/1.1 {status}")
        assert "X-Frame-Options: DENY" in answer and "X-Content-Type-Options: nosniff" in answer
    bad = _raw(nginx, b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n")
    assert bad.startswith("HTTP/1.1 400")
    assert "X-Frame-Options: DENY" in bad and "X-Content-Type-Options: nosniff" in bad


@pytest.mark.parametrize(
    "path",
    [
        f"/letters/climate/confirm/{TOKEN}",
        f"/letters/climate/my-signature/{TOKEN}/data.json",
        f"/organise/sign-in/{TOKEN}",
        f"/unsubscribe/{TOKEN}?x=1",
    ],
)
def test_no_token_reaches_nginx_logs_when_the_upstream_is_down(nginx: Nginx, path: str):
    logs = Path(nginx.prefix, "logs")
    before = (logs / "failures.log").read_text() if (logs / "failures.log").exists() else ""
    assert _get(nginx, path).startswith("HTTP/1.1 502")
    # nginx writes its log line after the answer has left: wait for that line, not a time.
    failures = _grown(logs / "failures.log", before)
    written = "".join(f.read_text(errors="replace") for f in logs.iterdir() if f.is_file())
    assert "SECRET" not in written and "x=1" not in written
    # The failure is still on record, the token cut out.
    assert "/[token]" in failures and " 502 " in written


def _grown(log: Path, before: str, seconds: float = 10.0) -> str:
    """The lines `log` gained since it held `before` (waits until it gains some)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        now = log.read_text() if log.exists() else ""
        if len(now) > len(before) and now.endswith("\n"):
            return now[len(before) :]
        time.sleep(0.02)
    raise AssertionError(f"{log} gained no line in {seconds} s")
