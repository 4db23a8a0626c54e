"""The directory as a page, a file or a command reads it: organisations and suggestions."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.directory import building, decisions, suggestions
from signon.directory.building import Organisation
from signon.directory.models import DirectoryDecision
from signon.letters.models import Letter
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.extensions import db
from signon.web.pagecache import page_cache


@dataclass(frozen=True)
class Taken:
    """A decision of the directory, as the page shows it (kept apart from any session)."""

    id: int
    decision: str
    first_country: str
    first_key: str
    second_country: str
    second_key: str
    actor: str
    created_at: datetime

    @classmethod
    def of(cls, row: DirectoryDecision) -> "Taken":
        """The row's values."""
        return cls(
            row.id, row.decision, row.first_country, row.first_key, row.second_country,
            row.second_key, row.actor, row.created_at,
        )  # fmt: skip


@dataclass(frozen=True)
class Directory:
    """Every organisation, and what the letters' organisers decided that it has not."""

    organisations: list[Organisation]
    suggestions: list[suggestions.Suggestion]
    taken: list[Taken]


def version() -> tuple:
    """Changes whenever the directory may: an approval, an erasure, any organiser's action.

    Approvals and erasures show in the counts and sums of the approved sign-ons; every merge,
    correction, edit and decision on the directory writes an audit entry, so the newest
    entry's id covers the rest (as the public list's version does).
    """
    approved = db.session.execute(
        sa.select(
            sa.func.count(SignOn.id),
            sa.func.sum(SignOn.id),
            sa.func.count(SignOn.anonymised_at),
            sa.func.max(SignOn.anonymised_at),
        ).where(SignOn.status == SignOnStatus.APPROVED)
    ).one()
    return (*approved, db.session.scalar(sa.select(sa.func.max(AuditEntry.id))))


def _read() -> Directory:
    taken = decisions.decided()
    unions = decisions.unions(taken)
    organisations = building.build(unions)
    names = {node: o.name for o in organisations for node in o.nodes}
    offered = suggestions.offered(suggestions.letter_decisions(), taken, unions, names)
    latest_first = sorted(taken.values(), key=lambda d: -d.id)
    return Directory(organisations, offered, [Taken.of(d) for d in latest_first])


def directory() -> Directory:
    """The directory and the letters' decisions offered to it, read once per version.

    Read-only for its callers: each process keeps it until the version changes.
    """
    return page_cache().built_object(("directory",), version(), _read)


def organisations(country: str = "") -> list[Organisation]:
    """Every organisation of the directory, or those that signed from `country`."""
    found = directory().organisations
    return [o for o in found if not country or country.upper() in o.countries]


def letters() -> list[tuple[str, str]]:
    """(slug, title) of every letter, newest first: the choices of the "letters" filter."""
    query = sa.select(Letter.slug, Letter.title).order_by(Letter.id.desc())
    return [(slug, title) for slug, title in db.session.execute(query)]
