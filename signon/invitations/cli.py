"""`flask letter invite SLUG`: invite the contacts of earlier letters who agreed."""

import time

import click
from flask.cli import with_appcontext

from signon.core.errors import SignonError
from signon.domain.countries import is_country
from signon.invitations import choosing, sending
from signon.letters.services import get_letter
from signon.storage.clitools import clear_errors
from signon.storage.extensions import db


@click.command("invite")
@with_appcontext
@click.argument("slug")
@click.option(
    "--from-letter", "from_letters", multiple=True, help="Only signatories of this letter."
)
@click.option("--country", "countries", multiple=True, help="Only this country (ISO code).")
@click.option("--dry-run", is_flag=True, help="Count them and store nothing.")
def invite_command(
    slug: str, from_letters: tuple[str, ...], countries: tuple[str, ...], dry_run: bool
) -> None:
    """Invite the contacts of earlier letters who agreed; each one once."""
    with clear_errors():
        letter = get_letter(slug)
        codes = tuple(c.strip().upper() for c in countries)
        unknown = [c for c in codes if not is_country(c)]
        if unknown:
            raise SignonError(f"Unknown country code: {', '.join(unknown)}.")
        sources = tuple(get_letter(s).id for s in from_letters)
        if letter.id in sources:
            raise SignonError("A letter cannot invite its own signatories.")
        choice = choosing.Choice(from_letters=sources, countries=codes)
        started = time.perf_counter()
        if dry_run:
            count = len(choosing.invitable(letter.id, choice))
            click.echo(f"{count} contact(s) would be invited (dry run: nothing stored).")
            return
        count = sending.send_invitations(letter, choice, "cli")
        db.session.commit()
        seconds = time.perf_counter() - started
        click.echo(f"{count} invitation(s) queued in {seconds:.1f} s; the outbox paces them.")
