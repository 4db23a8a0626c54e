"""`flask mail send-pending`, `flask mail worker` (and `remind`, added by signing at setup)."""

import signal
import threading

import click
from flask import current_app
from flask.cli import AppGroup

from signon.mail import queue, sender
from signon.mail.registry import mail_extension

mail_cli = AppGroup("mail", help="Deliver the outbox.")


@mail_cli.command("send-pending")
def send_pending() -> None:
    """Send every email that is due, once, and exit."""
    report = sender.send_pending(limit=100_000)
    click.echo(f"{report.sent} sent, {report.failed} failed (will be retried).")


@mail_cli.command("worker")
@click.option("--burst", is_flag=True, help="With Redis: run the queued jobs, sweep once, exit.")
def worker(burst: bool) -> None:
    """Keep delivering mail until interrupted: an RQ worker with `REDIS_URL`, else a poller."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config["REDIS_URL"]:
        click.echo(f"Mail worker (RQ, queue {app.config['MAIL_QUEUE_NAME']}) running.")
        queue.run_worker(burst=burst)
        return
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: (stop.set(), mail_extension(app).wake()))
    click.echo("Mail worker running; Ctrl+C to stop.")
    sender.run_worker(app, stop)
