"""`flask letter create|add-owner|open|close|export`."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import gettext

from signon.domain.acronyms import ACRONYM_STYLES, DEFAULT_ACRONYM_STYLE
from signon.errors import SignonError
from signon.exports import formats
from signon.exports.formats import FORMATS
from signon.exports.options import parse_options
from signon.extensions import db
from signon.letters import services
from signon.privacy.access import record_contacts_export

letter_cli = AppGroup("letter", help="Create, open, close and export letters.")


@contextmanager
def clear_errors() -> Iterator[None]:
    """A service's refusal becomes one clear line on stderr and a non-zero exit."""
    try:
        yield
    except SignonError as exc:
        raise click.ClickException(str(exc)) from exc


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
def create(
    slug: str,
    title: str,
    body_file: str,
    open_now: bool,
    owners: tuple[str, ...],
    retention_days: int,
) -> None:
    """Create a letter (a draft unless --open)."""
    from signon.organisers import accounts

    try:
        body = Path(body_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(
            gettext("Cannot read body file '%(file)s': %(reason)s", file=body_file, reason=exc)
        ) from exc
    with clear_errors():
        for email in owners:
            accounts.get_organiser(email)
        letter = services.create_letter(
            slug, title, body, open_now=open_now, retention_days=retention_days
        )
        for email in dict.fromkeys(accounts.normalise_email(e) for e in owners):
            accounts.add_member(letter, email, actor="cli", is_owner=True)
    click.echo(f"Created letter {letter.slug!r} ({letter.status}).")


@letter_cli.command("add-owner")
@click.argument("slug")
@click.argument("email")
def add_owner(slug: str, email: str) -> None:
    """Make an existing organiser an owner of the letter (logged in its change log)."""
    from signon.organisers import accounts

    with clear_errors():
        letter = services.get_letter(slug)
        organiser = accounts.get_organiser(email)
        accounts.add_member(letter, organiser.email, actor="cli", is_owner=True)
    click.echo(f"{organiser.email} now owns letter {letter.slug!r}.")


@letter_cli.command("open")
@click.argument("slug")
def open_(slug: str) -> None:
    """Open a letter for signatures."""
    with clear_errors():
        services.open_letter(slug)
    click.echo(f"Letter {slug!r} is open.")


@letter_cli.command("close")
@click.argument("slug")
def close(slug: str) -> None:
    """Stop taking signatures."""
    with clear_errors():
        services.close_letter(slug)
    click.echo(f"Letter {slug!r} is closed.")


@letter_cli.command("export")
@click.argument("slug")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="txt")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None)
@click.option(
    "--include-contacts", is_flag=True, help="Add contact names and emails (CSV, XLSX, JSON)."
)
@click.option(
    "--country",
    type=click.Choice(["none", "parentheses", "dash"]),
    default="none",
    help='Country after the name: "Name (Country)" or "Name – Country".',
)
@click.option("--group-by-country", is_flag=True, help="A heading per country.")
@click.option("--columns", default=None, help="CSV/XLSX columns, e.g. name,country_name.")
@click.option(
    "--lang", default="en", help="Language of headings, column headers and country names, e.g. fr."
)
@click.option("--together", is_flag=True, help="Do not list individuals apart.")
@click.option(
    "--acronym",
    type=click.Choice(list(ACRONYM_STYLES)),
    default=DEFAULT_ACRONYM_STYLE,
    help='"after": "Name (ACR)" (the default); "none": the name alone.',
)
def export(
    slug: str,
    fmt: str,
    output: str | None,
    include_contacts: bool,
    country: str,
    group_by_country: bool,
    columns: str | None,
    lang: str,
    together: bool,
    acronym: str,
) -> None:
    """Write the approved signatories (and, for docx/pdf, the letter) in final order."""
    with clear_errors():
        letter = services.get_letter(slug)
        options = parse_options(
            {
                "country": country,
                "group_by_country": "yes" if group_by_country else "no",
                "columns": columns or "",
                "lang": lang,
                "individuals_apart": "no" if together else "yes",
                "contacts": "yes" if include_contacts else "no",
                "acronym": acronym,
            }
        )
        if include_contacts:
            record_contacts_export(letter, "cli", fmt)
            db.session.commit()
    try:
        stream = open(output, "wb") if output else None  # noqa: SIM115
    except OSError as exc:
        raise click.ClickException(
            gettext("Cannot write '%(file)s': %(reason)s", file=output, reason=exc.strerror)
        ) from exc
    target = stream or click.open_file("-", "wb")
    size = 0
    # Chunk by chunk: a 100,000-row CSV never sits whole in memory.
    for chunk in formats.export(letter, fmt, options):
        target.write(chunk)
        size += len(chunk)
    if stream:
        stream.close()
        click.echo(f"Wrote {fmt} ({size} bytes) to {output}.", err=True)
    else:
        target.flush()
