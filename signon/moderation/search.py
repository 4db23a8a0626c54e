"""The moderation list: sign-ons filtered, searched, sorted by a column and cut into pages."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager

from signon.domain.countries import country_sort_key
from signon.domain.names import clean_text
from signon.letters.models import Letter
from signon.signing.models import Signatory, SignOn
from signon.storage.extensions import db

PER_PAGE = 100
# Column name in the sort link -> what the database orders by.
SORTS = {
    "name": sa.func.lower(SignOn.name_on_list),
    "acronym": sa.func.lower(SignOn.acronym),
    "country": SignOn.country,
    "contact": sa.func.lower(SignOn.contact_name),
    "status": SignOn.status,
    "when": SignOn.created_at,
}


@dataclass(frozen=True)
class Filter:
    """What the organiser asked for: status, country, a piece of a name, the order and the page."""

    status: str = ""
    country: str = ""
    text: str = ""
    sort: str = "when"
    descending: bool = False
    page: int = 1

    def query(self, letter: Letter) -> sa.Select:
        """The matching sign-ons (joined with their signatories, for the name)."""
        query = (
            sa.select(SignOn)
            .join(Signatory, SignOn.signatory_id == Signatory.id)
            .where(SignOn.letter_id == letter.id)
        )
        if self.status:
            query = query.where(SignOn.status == self.status)
        if self.country:
            query = query.where(SignOn.country == self.country.upper())
        text = clean_text(self.text).lower()
        if text:
            columns = (SignOn.organisation, SignOn.acronym, SignOn.contact_name)
            query = query.where(
                sa.or_(
                    *(sa.func.lower(c).contains(text, autoescape=True) for c in columns),
                    sa.func.lower(Signatory.display_name).contains(text, autoescape=True),
                )
            )
        return query


@dataclass(frozen=True)
class Page:
    """One page of matching sign-ons and how many match in all."""

    sign_ons: list[SignOn]
    total: int
    number: int

    @property
    def pages(self) -> int:
        """How many pages the matching sign-ons fill."""
        return max(1, -(-self.total // PER_PAGE))


def _by_country_name(letter: Letter, language: str) -> sa.ColumnElement[int]:
    """Each sign-on's country ranked by its name in `language` (International and the
    regions first), as the country filter lists them: codes order nothing a reader knows."""
    codes = db.session.scalars(
        sa.select(SignOn.country).where(SignOn.letter_id == letter.id).distinct()
    )
    ranks = sorted(codes, key=lambda code: country_sort_key(code, language))
    return sa.case({code: rank for rank, code in enumerate(ranks)}, value=SignOn.country, else_=0)


def search(letter: Letter, wanted: Filter, language: str = "en") -> Page:
    """One page of the sign-ons matching `wanted`, in its order (ties in the order they came)."""
    query = wanted.query(letter)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    column = SORTS.get(wanted.sort, SORTS["when"])
    if wanted.sort == "country" and total:
        column = _by_country_name(letter, language)
    order = column.desc() if wanted.descending else column.asc()
    number = max(1, min(wanted.page, -(-total // PER_PAGE) or 1))
    # The template shows each signatory's name: load them in the same query, not one by one.
    rows = db.session.scalars(
        query.options(contains_eager(SignOn.signatory))
        .order_by(order, SignOn.id)
        .limit(PER_PAGE)
        .offset((number - 1) * PER_PAGE)
    )
    return Page(list(rows), total, number)


def matching_ids(letter: Letter, wanted: Filter) -> list[int]:
    """Every sign-on id matching the filter, on every page."""
    ids = wanted.query(letter).with_only_columns(SignOn.id).order_by(SignOn.id)
    return list(db.session.scalars(ids))
