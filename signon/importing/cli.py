"""`flask signatures import SLUG FILE`: import sign-ons from a CSV or XLSX file."""

from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import gettext

from signon.core.errors import SignonError
from signon.domain.import_columns import FIELDS, parse_mapping
from signon.domain.spreadsheets import FileProblem
from signon.importing import services, tables
from signon.importing.preview import preview
from signon.letters.services import get_letter
from signon.storage.clitools import clear_errors


@click.command("import")
@with_appcontext
@click.argument("slug")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--status",
    type=click.Choice(list(tables.STATUSES)),
    default="confirmed",
    show_default=True,
    help="approved: listed at once; confirmed: waiting for approval; pending: emailed to confirm.",
)
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="COLUMN=FIELD",
    help=f"A column (its header or number) and its field: {', '.join(FIELDS)} or ignore.",
)
@click.option("--sheet", default="", help="The XLSX sheet to read (the first by default).")
@click.option("--dry-run", is_flag=True, help="Print the columns and the preview; store nothing.")
@click.option(
    "--skip-problems",
    is_flag=True,
    help="Leave out the rows with problems (each is listed) and import the rest, without asking.",
)
def import_(
    slug: str,
    file: Path,
    status: str,
    mapping: tuple[str, ...],
    sheet: str,
    dry_run: bool,
    skip_problems: bool,
) -> None:
    """Import sign-ons from a CSV or XLSX file; the same file twice adds nothing."""
    with clear_errors():
        letter = get_letter(slug)
        try:
            sheets = tables.read_sheets(file.read_bytes(), file.name)
        except FileProblem as exc:
            raise SignonError(f"{file.name}: {exc}") from exc
        table = tables.table(file.name, sheets, sheet)
        try:
            chosen = parse_mapping(mapping, table.headers)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
        table = tables.table(file.name, sheets, sheet, chosen)
        rows = table.prepared(status)
        seen = preview(letter, rows)
    click.echo(f"{file.name}, sheet {table.sheet!r}: {len(rows)} row(s). Columns:")
    for header, field in zip(table.headers, table.mapping, strict=True):
        click.echo(f"  {header!r} -> {field or 'left out'}")
    for outcome in ("new", "another contact", "nothing new", "problem"):
        click.echo(f"{outcome}: {seen.count(outcome)}")
    for view in seen.rows:
        for text in (*view.row.problems, *view.notes):
            click.echo(f"  row {view.row.number}: {text}")
    if seen.unresolved:
        click.echo("Countries not recognised: " + ", ".join(map(repr, seen.unresolved)))
    if dry_run:
        click.echo("Dry run: nothing stored.")
        return
    skip = skip_problems
    if seen.problems and not skip:
        # Only a person at a terminal is asked; a script says --skip-problems beforehand
        # (without it, the question meets the end of its input: nothing is imported).
        try:
            skip = click.confirm(
                f"Import the other rows and leave out the {len(seen.problems)} row(s) "
                "with problems?",
                default=False,
            )
        except click.Abort:
            skip = False
        if not skip:
            raise click.ClickException(
                gettext("Nothing imported. To leave those rows out, add --skip-problems.")
            )
    with clear_errors():
        report = services.import_rows(
            letter, rows, status=status, actor="cli", file_name=file.name, skip_problems=skip
        )
    click.echo(services.summary(report, file.name))
