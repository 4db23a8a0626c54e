"""The directory as a page, a file or a command reads it: organisations and suggestions."""

from dataclasses import dataclass

import sqlalchemy as sa

from signon.directory import building, decisions, suggestions
from signon.directory.building import Organisation
from signon.directory.models import DirectoryDecision
from signon.letters.models import Letter
from signon.storage.extensions import db


@dataclass(frozen=True)
class Directory:
    """Every organisation, and what the letters' organisers decided that it has not."""

    organisations: list[Organisation]
    suggestions: list[suggestions.Suggestion]
    taken: list[DirectoryDecision]


def directory(with_suggestions: bool = False) -> Directory:
    """Read the directory (and, for administrators, the decisions offered and taken)."""
    taken = decisions.decided()
    unions = decisions.unions(taken)
    organisations = building.build(unions)
    if not with_suggestions:
        return Directory(organisations, [], [])
    names = {node: o.name for o in organisations for node in o.nodes}
    offered = suggestions.offered(suggestions.letter_decisions(), taken, unions, names)
    return Directory(organisations, offered, sorted(taken.values(), key=lambda d: -d.id))


def organisations(country: str = "") -> list[Organisation]:
    """Every organisation of the directory, or those that signed from `country`."""
    found = directory().organisations
    return [o for o in found if not country or country.upper() in o.countries]


def letters() -> list[tuple[str, str]]:
    """(slug, title) of every letter, newest first: the choices of the "letters" filter."""
    query = sa.select(Letter.slug, Letter.title).order_by(Letter.id.desc())
    return [(slug, title) for slug, title in db.session.execute(query)]
