"""nginx lets an import's upload through up to the app's IMPORT_MAX_BYTES, the rest at 1 MB."""

import os
import shutil
import tempfile
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from flask import Flask

from signon.core.config import defaults
from tests.servers import Nginx

MB = 1024 * 1024


class Upstream(BaseHTTPRequestHandler):
    """Answers 200 with the size of the body it received (as the app would, after reading)."""

    def do_GET(self) -> None:
        self._answer(b"ok")

    def do_POST(self) -> None:
        size = len(self.rfile.read(int(self.headers["Content-Length"])))
        self._answer(str(size).encode())

    def _answer(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def proxy():
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    thread = threading.Thread(target=upstream.serve_forever, daemon=True)
    thread.start()
    # Large bodies go to nginx's temporary files: started as root, its workers (nobody) must
    # reach the prefix, which pytest's private tmp_path does not let them.
    prefix = Path(tempfile.mkdtemp(prefix="signon-nginx-"))
    os.chmod(prefix, 0o755)  # noqa: S103 - nginx's own directory, as /var/lib/signon-nginx
    nginx = Nginx(f"127.0.0.1:{upstream.server_address[1]}", prefix)
    try:
        yield nginx.start()
    finally:
        nginx.stop()
        upstream.shutdown()
        upstream.server_close()
        shutil.rmtree(prefix, ignore_errors=True)


def post(url: str, size: int) -> int:
    request = urllib.request.Request(url, data=b"x" * size, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            return answer.status
    except urllib.error.HTTPError as error:
        with error:
            return error.code


def test_an_import_upload_as_large_as_the_readme_promises_passes_nginx(proxy):
    settings = defaults(Flask("probe"))
    promised = settings["IMPORT_MAX_BYTES"]
    assert promised == 10 * MB and settings["MAX_CONTENT_LENGTH"] == MB
    assert post(proxy.url + "/organise/letters/climate/import", promised - 1024) == 200
    assert post(proxy.url + "/organise/letters/climate/import", promised + MB) == 413
    # Every other route keeps the 1 MB of the app's MAX_CONTENT_LENGTH.
    assert post(proxy.url + "/letters/climate", 2 * MB) == 413
    assert post(proxy.url + "/organise/letters/climate/import/x", 2 * MB) == 413
