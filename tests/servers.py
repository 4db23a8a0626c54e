"""Real processes for end-to-end and fault tests: gunicorn serving the app, on loopback only."""

import http.client
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from tests.support import csrf_token, free_port, requires

ROOT = Path(__file__).resolve().parent.parent


def wait_until(check, timeout: float, interval: float = 0.05, what: str = "condition") -> None:
    """Poll `check()` until it is true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class Gunicorn:
    """`gunicorn app:app` with the repository's gunicorn.conf.py, in its own process group."""

    def __init__(self, env: dict[str, str], workers: int = 2, log: Path | None = None) -> None:
        self.port = free_port()
        self.workers = workers
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_LOG_LEVEL": "warning",
            **env,
        }
        self.log = log
        self.process: subprocess.Popen | None = None
        self.upstream_up = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 15) -> "Gunicorn":
        """Start and wait until /healthz answers 200."""
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        try:
            self._spawn(out)
        finally:
            if self.log:
                out.close()
        wait_until(self.healthy, timeout, 0.1, "gunicorn to answer /healthz")
        return self

    def _spawn(self, out) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "app:app"],
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=out,
            start_new_session=True,
        )

    def healthy(self) -> bool:
        """True when /healthz answers 200."""
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"gunicorn exited with {self.process.returncode}")
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:  # noqa: S310
                return response.status == 200
        except urllib.error.HTTPError:
            return not self.upstream_up
        except OSError:
            return False

    def kill(self) -> None:
        """kill -9 the master and every worker at once, as a crash or OOM kill would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """Ask gunicorn to stop; kill it when it takes too long."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


class Nginx:
    """nginx with the repository's deploy/nginx.conf in front of `upstream`, run as this user."""

    def __init__(self, upstream: str, prefix: Path) -> None:
        requires(
            bool(shutil.which("nginx")) or os.path.exists("/usr/sbin/nginx"),
            "nginx is not installed (apt-get install nginx)",
        )
        self.port = free_port()
        self.upstream = upstream
        self.prefix = prefix
        self.process: subprocess.Popen | None = None
        self.upstream_up = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 10, upstream_up: bool = True) -> "Nginx":
        """Start through deploy/nginx.py, as the README says, and wait until it answers.

        With `upstream_up=False` any answer will do (nginx's own 502).
        """
        self.upstream_up = upstream_up
        command = [sys.executable, str(ROOT / "deploy" / "nginx.py"), "--prefix", str(self.prefix)]
        command += ["--listen", f"127.0.0.1:{self.port}", "--upstream", self.upstream]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_until(self._answers, timeout, 0.1, "nginx to answer /healthz")
        return self

    def _answers(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            log = (self.prefix / "logs" / "error.log").read_text(errors="replace")
            raise AssertionError(f"nginx exited with {self.process.returncode}: {log}")
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:  # noqa: S310
                return response.status == 200
        except urllib.error.HTTPError:
            return not self.upstream_up
        except OSError:
            return False

    def stop(self) -> None:
        """Quick shutdown (SIGTERM to nginx's process group)."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


class SignOnClient:
    """A browser-like client on one keep-alive connection: one GET for the session, then POSTs."""

    def __init__(self, port: int, slug: str = "climate") -> None:
        self.port = port
        self.slug = slug
        self.cookie = ""
        self.token = ""
        self.conn: http.client.HTTPConnection | None = None

    def _request(self, method: str, path: str, body: str | None = None) -> tuple[int, str, str]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise
        return response.status, response.getheader("Set-Cookie") or "", text

    def open(self) -> "SignOnClient":
        """GET the letter: a session cookie and its CSRF token."""
        status, cookie, text = self._request("GET", f"/letters/{self.slug}")
        assert status == 200, text
        self.cookie = cookie.split(";", 1)[0]
        self.token = csrf_token(text)
        return self

    def sign(self, email: str, organisation: str) -> int | None:
        """POST one sign-on; the status, or None when the connection failed."""
        form = {
            "organisation": organisation,
            "country": "FR",
            "contact_name": "Test Person",
            "contact_email": email,
            "consent": "y",
            "csrf_token": self.token,
        }
        try:
            status, _, _ = self._request("POST", f"/letters/{self.slug}", urlencode(form))
        except (OSError, http.client.HTTPException):
            return None
        return status

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
