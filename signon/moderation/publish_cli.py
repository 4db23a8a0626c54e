"""`flask letter publish`: the web's publish step for scripts (what is open, the day, the news)."""

from datetime import datetime

import click
from flask.cli import with_appcontext
from flask_babel import ngettext

from signon.letters.services import get_letter
from signon.moderation import publishing
from signon.storage.clitools import clear_errors
from signon.storage.extensions import db


@click.command("publish")
@with_appcontext
@click.argument("slug")
@click.option(
    "--date",
    "sent_on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day the letter went out, YYYY-MM-DD (today by default; never after tomorrow).",
)
@click.option(
    "--no-email",
    is_flag=True,
    help="Do not email the approved signatories that the letter went out.",
)
def publish(slug: str, sent_on: datetime | None, no_email: bool) -> None:
    """Publish a closed letter; what is still open is printed first, as the web step lists it."""
    with clear_errors():
        letter = get_letter(slug)
        for item in publishing.still_open(letter):
            click.echo(f"Still open: {item.text}", err=True)
        told = publishing.publish(
            letter, "cli", sent_on.date() if sent_on else None, tell=not no_email
        )
        db.session.commit()
    click.echo(f"Letter {slug!r} is published, sent on {letter.sent_on.isoformat()}.")
    if told:
        click.echo(
            ngettext(
                "%(num)d signatory will get an email that the letter went out.",
                "%(num)d signatories will get an email that the letter went out.",
                told,
            )
        )
