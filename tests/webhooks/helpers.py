"""Helpers of the webhook tests: a real HTTP receiver in the test process, the queue's rows."""

import json
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import sqlalchemy as sa
from flask import Flask

from signon.storage.extensions import db
from signon.webhooks.models import WebhookDelivery


@dataclass
class Received:
    """One request the receiver got."""

    headers: dict[str, str]
    body: bytes

    @property
    def payload(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1: records each POST and answers the next code in line."""

    port: int = 0
    received: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)  # then 200
    redirect_to: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            receiver.received.append(Received(dict(self.headers.items()), body))
            code = receiver.answers.pop(0) if receiver.answers else 200
            self.send_response(code)
            if receiver.redirect_to:
                self.send_header("Location", receiver.redirect_to)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def running_receiver(app: Flask, tls: ssl.SSLContext | None = None) -> Iterator[Receiver]:
    """A receiver thread, and the app allowed to deliver to loopback (the test-only flag);
    a test module's `receiver` fixture yields from it."""
    found = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(found))
    found.port = server.server_address[1]
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = True
    yield found
    server.shutdown()
    server.server_close()
    thread.join()


def deliveries(app: Flask) -> list[WebhookDelivery]:
    """Every delivery row, in queue order (detached copies for reading)."""
    with app.app_context():
        rows = list(db.session.scalars(sa.select(WebhookDelivery).order_by(WebhookDelivery.id)))
        db.session.expunge_all()
        return rows


def send(runner) -> str:
    """Run the worker once, as `flask webhooks send --once` does."""
    result = runner.invoke(args=["webhooks", "send", "--once"])
    assert result.exit_code == 0, result.output
    return result.output


def add_endpoint(runner, url: str, *events: str, slug: str = "climate") -> str:
    """Add an endpoint by the command line; its secret."""
    args = ["letter", "webhook", slug, "add", url]
    for event in events:
        args += ["--event", event]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    return result.output.split("Secret (shown only now): ")[1].strip()
