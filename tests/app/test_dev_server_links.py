"""The README's development command works on any port: emailed links point where it listens."""

import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.servers import ROOT, SignOnClient, wait_until
from tests.support import free_port


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
            return response.status == 200
    except OSError:
        return False


def _read(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
        return response.read().decode()


def test_flask_run_debug_on_another_port_emails_links_to_that_port(tmp_path: Path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("BASE_URL", "MAIL_SERVER")},
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'signon.db'}",
        "SECRET_KEY": "dev-port-test",
        "AUTO_MIGRATE": "true",
    }
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    body = tmp_path / "letter.md"
    body.write_text("Dear Ministers,\n\nWe urge you to act.\n", encoding="utf-8")
    subprocess.run(
        [*flask, "letter", "create", "--slug", "climate", "--title", "Climate", "--body-file",
         str(body), "--open"],
        cwd=ROOT, env=env, check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    server = subprocess.Popen(
        [*flask, "run", "--debug", "--no-reload", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(f"{base}/healthz"), 30, 0.2, "the development server")
        client = SignOnClient(port).open()
        assert client.sign("awa@example.org", "Réseau Equitas") in (302, 303)
        client.close()

        def emailed_link() -> str | None:
            outbox = _read(f"{base}/dev/outbox")
            ids = re.findall(r"/dev/outbox/(\d+)", outbox)
            return next(
                (m.group(0) for i in ids
                 if (m := re.search(r"https?://[^\s\"<]+/confirm/[^\s\"<]+",
                                    _read(f"{base}/dev/outbox/{i}")))),
                None,
            )  # fmt: skip

        wait_until(lambda: emailed_link() is not None, 30, 0.2, "the confirmation email")
        assert emailed_link().startswith(f"{base}/letters/climate/confirm/")
    finally:
        server.terminate()
        server.wait(timeout=10)
