"""Mail benchmark: the outbox draining sign-on confirmations to a local SMTP server.

    python bench/mail.py [--db sqlite,postgresql] [--messages 20000] [--senders 1,4]
                         [--smtp plain,starttls]

Fills a throwaway database with pending sign-ons and their confirmation emails (stored as
the sign-on POST stores them: a template name and the sign-on's id, rendered on sending),
starts aiosmtpd in its own process (plain, or STARTTLS with a self-signed certificate made
by `openssl` for this run, plus AUTH), then runs N sender processes, each calling
`flask mail send-pending`'s code until the outbox is empty. Reports messages per second from
the first claim to the last message accepted by the server, and the senders' CPU time per
message. Targets: >= 1,000 messages/s plain; STARTTLS + AUTH within 2x of plain.
"""

import argparse
import multiprocessing as mp
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
# As a script, bench/ comes first on the path, and bench/public.py would hide the `public`
# package that aiosmtpd imports.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from bench.data import add_letter, create_database  # noqa: E402
from signon.mail.models import OutboxMessage  # noqa: E402
from signon.signing.models import Signatory, SignOn  # noqa: E402
from signon.storage.database import utcnow  # noqa: E402

ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1/postgres")
USER, PASSWORD = "bench", "bench-password"


def fill(url: str, count: int) -> None:
    """`count` pending sign-ons, each with its confirmation email waiting in the outbox."""
    engine = sa.create_engine(url)
    letter_id = add_letter(engine, "bench", "Benchmark letter")
    now = utcnow()
    with engine.begin() as conn:
        conn.execute(
            sa.insert(Signatory),
            [
                {"letter_id": letter_id, "country": "FR", "name_key": f"org {n}", "created_at": now}
                for n in range(count)
            ],
        )
        ids = conn.scalars(sa.select(Signatory.id).order_by(Signatory.id)).all()
        conn.execute(
            sa.insert(SignOn),
            [
                {
                    "letter_id": letter_id,
                    "signatory_id": signatory_id,
                    "organisation": f"Organisation {n}",
                    "acronym": "",
                    "country": "FR",
                    "website": "",
                    "contact_name": f"Contact {n}",
                    "contact_email": f"contact{n}@example.org",
                    "role": "",
                    "signing_as": "organisation",
                    "status": "pending",
                    "created_at": now,
                }
                for n, signatory_id in enumerate(ids)
            ],
        )
        sign_ons = conn.execute(sa.select(SignOn.id, SignOn.contact_email)).all()
        conn.execute(
            sa.insert(OutboxMessage),
            [
                {
                    "recipient": email,
                    "subject": "Please confirm your signature: Benchmark letter",
                    "template": "confirm_sign_on",
                    "params": {"sign_on_id": sign_on_id, "already_listed": False},
                    "status": "pending",
                    "created_at": now,
                    "next_attempt_at": now,
                }
                for sign_on_id, email in sign_ons
            ],
        )
    engine.dispose()


class Counter:
    """aiosmtpd handler: counts accepted messages, notes when the last one arrived."""

    def __init__(self, count, last) -> None:
        self.count, self.last = count, last

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.count.get_lock():
            self.count.value += 1
        self.last.value = time.time()
        return "250 OK"


def accept_bench_user(server, session, envelope, mechanism, auth_data):
    """aiosmtpd authenticator: the benchmark's one user."""
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ok = isinstance(auth_data, LoginPassword) and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok)


def serve(port: int, tls: tuple[str, str] | None, count, last, ready, stop) -> None:
    """The SMTP server process: plain, or STARTTLS required and AUTH after it."""
    from aiosmtpd.controller import Controller

    options: dict = {"auth_require_tls": True, "authenticator": accept_bench_user}
    if tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*tls)
        options |= {"tls_context": context, "require_starttls": True}
    else:
        options = {}
    controller = Controller(Counter(count, last), hostname="127.0.0.1", port=port, **options)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


def make_certificate(workdir: Path) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1, made for this run."""
    cert, key = str(workdir / "cert.pem"), str(workdir / "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def sender_process(config: dict, start, results) -> None:
    """One sender: `send_pending` until a pass finds nothing due; its CPU time and count."""
    from signon import create_app
    from signon.mail import sender

    app = create_app(config)
    start.wait()
    cpu, sent = time.process_time(), 0
    while True:
        with app.app_context():
            report = sender.send_pending(limit=500)
        sent += report.sent
        if report.sent == 0:
            break  # nothing left, or the server refuses: a broken run ends instead of spinning
    results.put((sent, time.process_time() - cpu))


def sender_config(url: str, port: int, cert: str | None) -> dict:
    """Settings of each sender process."""
    config = {
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "AUTO_MIGRATE": False,
        "BASE_URL": "https://sign.example.org",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
        "MAIL_BACKGROUND_SENDER": False,
        "RATELIMIT_ENABLED": False,
    }
    if cert:
        config |= {"MAIL_USE_TLS": True, "MAIL_USERNAME": USER, "MAIL_PASSWORD": PASSWORD}
        config["MAIL_TLS_CA_FILE"] = cert
    return config


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(kind: str, smtp: str, senders: int, messages: int, workdir: Path) -> None:
    """One case: fill, serve, drain; print one line."""
    ctx = mp.get_context("spawn")
    url, drop = create_database(kind, ADMIN_URL, str(workdir))
    try:
        fill(url, messages)
        tls = make_certificate(workdir) if smtp == "starttls" else None
        port = free_port()
        count, last = ctx.Value("i", 0), ctx.Value("d", 0.0)
        ready, stop, start = ctx.Event(), ctx.Event(), ctx.Event()
        server = ctx.Process(target=serve, args=(port, tls, count, last, ready, stop))
        server.start()
        ready.wait(30)
        results = ctx.Queue()
        config = sender_config(url, port, tls[0] if tls else None)
        procs = [
            ctx.Process(target=sender_process, args=(config, start, results))
            for _ in range(senders)
        ]
        for proc in procs:
            proc.start()
        time.sleep(3)  # every sender has built its app (imports, templates) before the clock
        began = time.time()
        start.set()
        done = [results.get(timeout=3600) for _ in procs]
        for proc in procs:
            proc.join()
        stop.set()
        server.join(10)
        sent, cpu = sum(d[0] for d in done), sum(d[1] for d in done)
        elapsed = max(last.value - began, 1e-9)
        print(
            f"{kind:10} {smtp:8} {senders} sender(s): {count.value:6} received ({sent} sent) "
            f"in {elapsed:6.2f} s = {count.value / elapsed:7.0f} messages/s, "
            f"CPU {1000 * cpu / max(sent, 1):.2f} ms per message",
            flush=True,
        )
    finally:
        drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--senders", default="1,4")
    parser.add_argument("--smtp", default="plain,starttls")
    args = parser.parse_args()
    if not shutil.which("openssl") and "starttls" in args.smtp:
        sys.exit("openssl is needed for the STARTTLS case's certificate")
    workdir = Path(tempfile.mkdtemp(prefix="signon-mail-bench-"))
    try:
        for kind in args.db.split(","):
            for smtp in args.smtp.split(","):
                for senders in map(int, args.senders.split(",")):
                    run(kind, smtp, senders, args.messages, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
