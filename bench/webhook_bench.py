"""Webhook benchmark: the delivery queue draining to a local receiver.

    python bench/webhook_bench.py [--db sqlite,postgresql] [--events 2000]

Makes a throwaway database, a letter with one endpoint (a receiver in its own process on
127.0.0.1, HTTP/1.1 keep-alive, answering 204), then confirms `--events` sign-ons through
the services, which queue one `sign_on.confirmed` delivery each in their own transactions.
Then one worker (`flask webhooks send --once`'s code) drains the queue: reports events per
second from the first claim to the last answer, and checks the receiver got every one.
"""

import argparse
import multiprocessing as mp
import os
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from bench.data import add_letter, create_database  # noqa: E402
from signon.app.factory import create_app  # noqa: E402
from signon.letters.services import get_letter  # noqa: E402
from signon.signing.models import SignOn  # noqa: E402
from signon.signing.services import SignOnInput, confirm_sign_on, submit_sign_on  # noqa: E402
from signon.storage.extensions import db  # noqa: E402
from signon.webhooks import delivery, endpoints  # noqa: E402
from signon.webhooks.models import WebhookDelivery  # noqa: E402

ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1/postgres")


def _receive(port: int, count, ready) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with count.get_lock():
                count.value += 1
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    ready.set()
    server.serve_forever()


def run(kind: str, events: int, workdir: str) -> None:
    url, drop = create_database(kind, ADMIN_URL, workdir)
    count, ready = mp.Value("i", 0), mp.Event()
    port = 18000 + os.getpid() % 1000
    receiver = mp.Process(target=_receive, args=(port, count, ready), daemon=True)
    receiver.start()
    ready.wait()
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "BASE_URL": "https://sign.example.org",
            "AUTO_MIGRATE": False,
            "RATELIMIT_ENABLED": False,
            "MAIL_BACKGROUND_SENDER": False,
            "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": True,
            "WEBHOOK_BATCH_SIZE": 200,
        }
    )
    try:
        with app.app_context():
            add_letter(db.engine, "bench", "Benchmark letter")
            letter = get_letter("bench")
            endpoints.add(letter, f"http://127.0.0.1:{port}/hook", ["sign_on.confirmed"], "bench")
            db.session.commit()
            started = time.perf_counter()
            for n in range(events):
                data = SignOnInput(
                    organisation=f"Organisation {n}",
                    country="FR",
                    contact_name=f"Contact {n}",
                    contact_email=f"c{n}@org{n}.example.org",
                )
                sign_on_id = submit_sign_on(letter, data)
                confirm_sign_on(db.session.get(SignOn, sign_on_id))
                db.session.commit()
            queued = time.perf_counter() - started
            started = time.perf_counter()
            report = delivery.send_all_due()
            took = time.perf_counter() - started
            left = db.session.scalar(
                sa.select(sa.func.count())
                .select_from(WebhookDelivery)
                .where(WebhookDelivery.status != "delivered")
            )
            db.engine.dispose()
        print(
            f"{kind}: {events} events queued by confirmations in {queued:.1f} s; delivered "
            f"{report.delivered} (receiver got {count.value}, {left} left) in {took:.2f} s: "
            f"{report.delivered / took:.0f} events/s"
        )
    finally:
        receiver.terminate()
        drop()


def main() -> None:
    """Run the benchmark on each database asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite")
    parser.add_argument("--events", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        for kind in args.db.split(","):
            run(kind, args.events, workdir)


if __name__ == "__main__":
    main()
