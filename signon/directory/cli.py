"""`flask organisations list`: the directory of the coalition's organisations, without contacts."""

import json

import click
from flask.cli import AppGroup

from signon.directory import services
from signon.domain.countries import is_country

organisations_cli = AppGroup(
    "organisations", help="The directory of the coalition's organisations."
)


@organisations_cli.command("list")
@click.option("--country", default="", help="Only those that signed from this country (code).")
@click.option("--json", "as_json", is_flag=True, help="One JSON array instead of lines of text.")
def list_(country: str, as_json: bool) -> None:
    """Every organisation approved on any letter: name, acronym, country, website, letters.

    Contacts are left out: they come only through the directory page's download, which is logged.
    """
    code = country.strip().upper()
    if code and not (is_country(code)):
        raise click.UsageError(f"Unknown country code {country!r}.")
    found = services.organisations(code)
    if as_json:
        items = [
            {
                "name": o.name,
                "acronym": o.acronym,
                "country": o.country,
                "website": o.website,
                "letters": [letter.slug for letter in o.letters],
                "contacts": len(o.contacts),
            }
            for o in found
        ]
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    for o in found:
        acronym = f" ({o.acronym})" if o.acronym else ""
        website = f" {o.website}" if o.website else ""
        letters = ", ".join(letter.slug for letter in o.letters)
        click.echo(f"{o.name}{acronym} – {o.country}{website} – {letters}")
    click.echo(f"{len(found)} organisation(s).")
