"""What the command line shares: one clear line for a refusal, and `flask db upgrade`."""

from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask.cli import AppGroup

from signon.core.errors import SignonError
from signon.storage import database
from signon.storage.extensions import db


@contextmanager
def clear_errors() -> Iterator[None]:
    """A service's refusal becomes one line on stderr and a non-zero exit; nothing is kept."""
    try:
        yield
    except SignonError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc


db_cli = AppGroup("db", help="Database schema commands.")


@db_cli.command("upgrade")
@click.option("--revision", default="heads", show_default=True)
def db_upgrade(revision: str) -> None:
    """Bring the database schema up to date (PostgreSQL deployments run this)."""
    database.upgrade(db.engine, revision)
    click.echo("Database is up to date.")
