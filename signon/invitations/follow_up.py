"""A letter's invitations followed up: how many were invited, sent the form, signed; and who
has not answered, by region and country."""

from dataclasses import dataclass

import sqlalchemy as sa

from signon.domain.countries import country_name
from signon.domain.regions import CountryCount, Region, by_region
from signon.invitations.models import Invitation
from signon.storage.extensions import db


@dataclass(frozen=True)
class FollowUp:
    """A letter's invitations in numbers."""

    invited: int
    opened: int
    signed: int
    waiting: list[Region]  # not answered, by region and country

    @property
    def not_answered(self) -> int:
        """Invitations whose link was not used."""
        return self.invited - self.signed


def follow_up(letter_id: int, language: str) -> FollowUp:
    """The letter's invitations: counted in one query, the unanswered grouped by country."""
    mine = Invitation.letter_id == letter_id
    invited, opened, signed = db.session.execute(
        sa.select(
            sa.func.count(),
            sa.func.count(Invitation.opened_at),
            sa.func.count(Invitation.used_at),
        ).where(mine)
    ).one()
    by_country = db.session.execute(
        sa.select(Invitation.country, sa.func.count())
        .where(mine, Invitation.used_at.is_(None))
        .group_by(Invitation.country)
    ).all()
    # CountryCount's "approved" column holds the unanswered here; nothing is "waiting".
    counts = [CountryCount(code, country_name(code, language), n, 0) for code, n in by_country]
    return FollowUp(invited, opened, signed, by_region(counts))
