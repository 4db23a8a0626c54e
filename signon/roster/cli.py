"""`flask letter export`: the final list (and the letter) in any format, to a file or stdout."""

import click
from flask.cli import with_appcontext
from flask_babel import gettext

from signon.domain.acronyms import ACRONYM_STYLES, DEFAULT_ACRONYM_STYLE
from signon.domain.countries import DEFAULT_PLACEMENT, PLACEMENTS
from signon.letters.services import get_letter
from signon.roster import contacts, formats
from signon.roster.formats import FORMATS
from signon.roster.options import parse_options
from signon.storage.clitools import clear_errors
from signon.storage.extensions import db


@click.command("export")
@with_appcontext
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
@click.option(
    "--international",
    type=click.Choice(list(PLACEMENTS)),
    default=DEFAULT_PLACEMENT,
    help="Grouped by country, International and the regions come first (the default) or last.",
)
@click.option("--columns", default=None, help="CSV/XLSX columns, e.g. name,country_name.")
@click.option(
    "--lang",
    default="",
    help="Language of the export: the letter's translation, headings, country names and "
    "alphabetical order, e.g. fr or es (the letter's own language by default).",
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
    international: str,
    columns: str | None,
    lang: str,
    together: bool,
    acronym: str,
) -> None:
    """Write the approved signatories (and, for docx/pdf, the letter) in final order."""
    with clear_errors():
        letter = get_letter(slug)
        options = parse_options(
            {
                "country": country,
                "group_by_country": "yes" if group_by_country else "no",
                "international": international,
                "columns": columns or "",
                "lang": lang,
                "individuals_apart": "no" if together else "yes",
                "contacts": "yes" if include_contacts else "no",
                "acronym": acronym,
            }
        )
        if include_contacts or FORMATS[fmt].contacts:
            contacts.record_export(letter, "cli", fmt)
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
