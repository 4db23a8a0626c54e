"""`flask letter create|open|close|export`."""

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from signon.errors import SignonError
from signon.exports.formats import to_csv, to_txt
from signon.letters import services
from signon.signing.listing import final_list

letter_cli = AppGroup("letter", help="Create, open, close and export letters.")


def fail(exc: Exception) -> None:
    """One clear line on stderr and a non-zero exit."""
    raise click.ClickException(str(exc)) from exc


@letter_cli.command("create")
@click.option("--slug", required=True, help="Short name used in the address: /letters/SLUG.")
@click.option("--title", required=True)
@click.option("--body-file", required=True, help="Markdown file with the letter's text.")
@click.option("--open", "open_now", is_flag=True, help="Open for signatures at once.")
@click.option("--owner", "owners", multiple=True, help="Organiser's email (repeatable).")
def create(slug: str, title: str, body_file: str, open_now: bool, owners: tuple[str, ...]) -> None:
    """Create a letter (a draft unless --open)."""
    from signon.organisers import accounts

    try:
        body = Path(body_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"Cannot read body file {body_file!r}: {exc}") from exc
    try:
        for email in owners:
            accounts.get_organiser(email)
        letter = services.create_letter(slug, title, body, open_now=open_now)
        for email in dict.fromkeys(accounts.normalise_email(e) for e in owners):
            accounts.add_member(letter, email, actor="cli", is_owner=True)
    except SignonError as exc:
        fail(exc)
    click.echo(f"Created letter {letter.slug!r} ({letter.status}).")


@letter_cli.command("open")
@click.argument("slug")
def open_(slug: str) -> None:
    """Open a letter for signatures."""
    try:
        services.open_letter(slug)
    except SignonError as exc:
        fail(exc)
    click.echo(f"Letter {slug!r} is open.")


@letter_cli.command("close")
@click.argument("slug")
def close(slug: str) -> None:
    """Stop taking signatures."""
    try:
        services.close_letter(slug)
    except SignonError as exc:
        fail(exc)
    click.echo(f"Letter {slug!r} is closed.")


@letter_cli.command("export")
@click.argument("slug")
@click.option("--format", "fmt", type=click.Choice(["txt", "csv"]), default="txt")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None)
@click.option("--include-contacts", is_flag=True, help="CSV only: add contact names and emails.")
def export(slug: str, fmt: str, output: str | None, include_contacts: bool) -> None:
    """Write the approved signatories in final order."""
    try:
        letter = services.get_letter(slug)
    except SignonError as exc:
        fail(exc)
    rows = final_list(letter)
    chunks = to_csv(rows, include_contacts) if fmt == "csv" else to_txt(rows)
    try:
        stream = open(output, "w", encoding="utf-8", newline="") if output else None  # noqa: SIM115
    except OSError as exc:
        raise click.ClickException(f"Cannot write {output!r}: {exc.strerror}") from exc
    target = stream or sys.stdout
    for chunk in chunks:
        target.write(chunk)
    if stream:
        stream.close()
        click.echo(f"Wrote {len(rows)} signatories to {output}.", err=True)
