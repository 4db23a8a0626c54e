"""`flask letter webhook SLUG add|list|remove` and `flask webhooks send [--once]`."""

import signal
import threading

import click
from flask import current_app
from flask.cli import AppGroup

from signon.letters.services import get_letter
from signon.storage.clitools import clear_errors
from signon.storage.extensions import db
from signon.webhooks import delivery
from signon.webhooks import endpoints as service
from signon.webhooks.models import EVENTS

webhooks_cli = AppGroup("webhooks", help="Deliver the webhooks queue.")


@webhooks_cli.command("send")
@click.option("--once", is_flag=True, help="Send what is due now, once, and exit.")
def send(once: bool) -> None:
    """Deliver due webhooks: until interrupted, or once with --once."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if once:
        report = delivery.send_all_due()
        click.echo(f"{report.delivered} delivered, {report.failed} failed (will be retried).")
        return
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    click.echo("Webhook worker running; Ctrl+C to stop.")
    delivery.run_worker(app, stop)


@click.group("webhook", cls=AppGroup)
@click.argument("slug")
@click.pass_context
def webhook(ctx: click.Context, slug: str) -> None:
    """A letter's webhook endpoints."""
    ctx.obj = slug


@webhook.command("add")
@click.argument("url")
@click.option(
    "--event",
    "events",
    multiple=True,
    type=click.Choice(EVENTS),
    help="An event to send (repeatable); every event when none is given.",
)
@click.pass_obj
def add(slug: str, url: str, events: tuple[str, ...]) -> None:
    """Add an endpoint; prints its secret, which is never shown again."""
    with clear_errors():
        endpoint, secret = service.add(get_letter(slug), url, list(events or EVENTS), "cli")
        db.session.commit()
    click.echo(f"Webhook {endpoint.id} added: {endpoint.url} ({', '.join(endpoint.events)})")
    click.echo(f"Secret (shown only now): {secret}")


@webhook.command("list")
@click.pass_obj
def list_(slug: str) -> None:
    """List the endpoints and their last delivery."""
    with clear_errors():
        letter = get_letter(slug)
    for endpoint in service.endpoints(letter):
        state = "paused" if endpoint.paused_at else "active"
        last = service.recent(endpoint, 1)
        said = f"last: {last[0].event_type} {last[0].status} {last[0].last_status_code}"
        said = said if last else ""
        click.echo(f"{endpoint.id}\t{state}\t{endpoint.url}\t{','.join(endpoint.events)}\t{said}")


@webhook.command("remove")
@click.argument("endpoint_id", type=int)
@click.pass_obj
def remove(slug: str, endpoint_id: int) -> None:
    """Delete an endpoint, its queue and its log."""
    with clear_errors():
        letter = get_letter(slug)
        service.remove(letter, service.endpoint_of(letter, endpoint_id), "cli")
        db.session.commit()
    click.echo(f"Webhook {endpoint_id} removed.")
