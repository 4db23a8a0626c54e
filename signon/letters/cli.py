"""`flask letter create|add-owner|open|close` (`export` is added by the roster, `publish` by
the moderation)."""

from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import gettext

from signon.accounts import services as accounts
from signon.letters import editing, sender, services, team
from signon.letters.models import LetterStatus
from signon.storage.clitools import clear_errors
from signon.storage.extensions import db

letter_cli = AppGroup("letter", help="Create, open, close and export letters.")


@letter_cli.command("create")
@click.option("--slug", required=True, help="Short name used in the address: /letters/SLUG.")
@click.option("--title", required=True)
@click.option("--body-file", required=True, help="Markdown file with the letter's text.")
@click.option("--open", "open_now", is_flag=True, help="Open for signatures at once.")
@click.option("--owner", "owners", multiple=True, help="Organiser's email (repeatable).")
@click.option(
    "--retention-days",
    type=int,
    default=180,
    show_default=True,
    help="Erase contact data this many days after the letter closes or is published.",
)
@click.option("--sender-name", default="", help='From name of its emails, e.g. "Coalition …".')
@click.option("--signature", default="", help="Signature under its emails (\\n between lines).")
@click.option("--contact-email", default="", help="Reply-To of its emails; never shown publicly.")
@click.option(
    "--live-list",
    is_flag=True,
    help="Show approved names to the public at once, before the letter is published.",
)
def create(
    slug: str,
    title: str,
    body_file: str,
    open_now: bool,
    owners: tuple[str, ...],
    retention_days: int,
    sender_name: str,
    signature: str,
    contact_email: str,
    live_list: bool,
) -> None:
    """Create a letter (a draft unless --open) and its owners, in one transaction."""
    try:
        body = Path(body_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(
            gettext("Cannot read body file '%(file)s': %(reason)s", file=body_file, reason=exc)
        ) from exc
    with clear_errors():
        # Checked before anything is stored: a bad address creates no letter.
        wanted = sender.checked(sender_name, signature.replace("\\n", "\n"), contact_email)
        letter = services.create_letter(
            slug,
            title,
            body,
            open_now=open_now,
            retention_days=retention_days,
            live_list=live_list,
            actor="cli",
        )
        sender.update_sender(letter, wanted, actor="cli")
        for email in dict.fromkeys(accounts.normalise_email(e) for e in owners):
            # Owners must have an account already: a typo does not create one.
            team.add_member(letter, accounts.get_organiser(email).email, actor="cli", is_owner=True)
        db.session.commit()
    live = ", live list" if letter.live_list else ""
    click.echo(f"Created letter {letter.slug!r} ({letter.status}{live}).")


@letter_cli.command("add-owner")
@click.argument("slug")
@click.argument("email")
def add_owner(slug: str, email: str) -> None:
    """Make an existing organiser an owner of the letter (logged in its change log)."""
    with clear_errors():
        letter = services.get_letter(slug)
        organiser = accounts.get_organiser(email)
        team.add_owner(letter, organiser.email, actor="cli")
        db.session.commit()
    click.echo(f"{organiser.email} now owns letter {letter.slug!r}.")


@letter_cli.command("open")
@click.argument("slug")
def open_(slug: str) -> None:
    """Open a letter for signatures."""
    with clear_errors():
        editing.change_status(services.get_letter(slug), LetterStatus.OPEN, "cli")
        db.session.commit()
    click.echo(f"Letter {slug!r} is open.")


@letter_cli.command("close")
@click.argument("slug")
def close(slug: str) -> None:
    """Stop taking signatures."""
    with clear_errors():
        editing.change_status(services.get_letter(slug), LetterStatus.CLOSED, "cli")
        db.session.commit()
    click.echo(f"Letter {slug!r} is closed.")
