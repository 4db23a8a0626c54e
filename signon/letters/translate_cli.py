"""`flask letter translate SLUG --lang fr --title TITLE --body-file FILE` (and the other parts)."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from signon.letters import parts as letter_parts
from signon.letters import services, translating
from signon.storage.clitools import clear_errors
from signon.storage.extensions import db

# Option name -> part, for the parts given as text on the command line.
TEXT_OPTIONS = {
    "letterhead": "letterhead",
    "reference": "reference",
    "addressee": "addressee",
    "subject": "subject",
    "place_date": "place_date",
    "salutation": "salutation",
    "closing": "closing",
    "copy_line": "copy_line",
}


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"Cannot read file {path!r}: {exc}") from exc


@click.command("translate")
@with_appcontext
@click.argument("slug")
@click.option("--lang", "language", required=True, help="The translation's language: fr, es, en.")
@click.option("--title", default=None)
@click.option("--body-file", default=None, help="Markdown file with the translated text.")
@click.option("--letterhead", default=None)
@click.option("--reference", default=None)
@click.option("--addressee", default=None)
@click.option("--subject", default=None)
@click.option("--place-date", "place_date", default=None)
@click.option("--salutation", default=None)
@click.option("--closing", default=None)
@click.option("--signature-blocks", default=None, help='Senders, one a line: "Name | Title | Org".')
@click.option("--copy-line", "copy_line", default=None)
def translate(
    slug: str,
    language: str,
    title: str | None,
    body_file: str | None,
    signature_blocks: str | None,
    **texts: str | None,
) -> None:
    """Add or update the letter's translation; parts not given stay as they are."""

    parts: dict[str, object] = {
        TEXT_OPTIONS[name]: value.strip() for name, value in texts.items() if value is not None
    }
    if title is not None:
        parts["title"] = title.strip()
    if body_file is not None:
        parts["body"] = _read(body_file).strip()
    with clear_errors():
        if signature_blocks is not None:
            parts["signature_blocks"] = letter_parts.parse_signature_blocks(signature_blocks)
        letter = services.get_letter(slug)
        translating.save_translation(letter, language.strip(), parts, "cli")
        db.session.commit()
    click.echo(f"Saved the {language} translation of letter {letter.slug!r}.")
