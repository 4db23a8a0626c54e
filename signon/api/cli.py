"""`flask letter api-key SLUG --scope read|write [--contacts] [--name NAME]`."""

import click
from flask.cli import with_appcontext
from flask_babel import gettext

from signon.api import keys
from signon.api.models import KeyScope
from signon.letters.services import get_letter
from signon.storage.clitools import clear_errors
from signon.storage.extensions import db


@click.command("api-key")
@click.argument("slug")
@click.option("--scope", type=click.Choice(KeyScope.ALL), required=True)
@click.option("--contacts", is_flag=True, help="Also read contact names and emails.")
@click.option("--name", default="", help="Who or what will use it (default: the scope).")
@with_appcontext
def api_key(slug: str, scope: str, contacts: bool, name: str) -> None:
    """Make an API key for a letter and print it (once: only its hash is kept)."""
    with clear_errors():
        letter = get_letter(slug)
        made = keys.create_key(
            letter, name=name or f"{scope} key", scope=scope, contacts=contacts, actor="cli"
        )
        db.session.commit()
    click.echo(made.secret)
    click.echo(gettext("Copy this key now: it is shown only once."), err=True)
