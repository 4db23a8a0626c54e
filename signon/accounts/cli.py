"""`flask organiser add`: organiser accounts from the command line."""

import click
from flask.cli import AppGroup

from signon.accounts import services as accounts
from signon.storage.clitools import clear_errors
from signon.storage.extensions import db

organiser_cli = AppGroup("organiser", help="Organiser accounts.")


@organiser_cli.command("add")
@click.argument("email")
@click.option("--admin", is_flag=True, help="May see every letter and invite organisers.")
def organiser_add(email: str, admin: bool) -> None:
    """Create an organiser account (they sign in by emailed link)."""
    with clear_errors():
        organiser = accounts.add_organiser(email, is_admin=admin)
        db.session.commit()
    click.echo(f"Added organiser {organiser.email}{' (admin)' if admin else ''}.")
