"""What the API reads: a letter as an OSDI petition, its sign-ons changed since a time.

Sign-ons come in (updated_at, id) order. A page is read after the last one of the page
before (the `after` cursor of the `next` link), not at an offset: a sign-on that changes
while a CRM pages moves to the end, where the CRM meets it once more, as the change it is.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from signon.letters.models import Letter, LetterVersion
from signon.signing import final_list
from signon.signing.models import Signatory, SignOn, SignOnStatus
from signon.storage.extensions import db

PER_PAGE = 25
MAX_PER_PAGE = 100


@dataclass(frozen=True)
class Query:
    """What a CRM asked for: filters, and where its page starts."""

    status: str | None = None
    modified_since: datetime | None = None
    after: tuple[datetime, int] | None = None  # the last sign-on of the page before
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True)
class Page:
    """One page of sign-ons, and how many the filters match in all."""

    rows: list[sa.Row]
    total: int


def petition_facts(letter: Letter) -> tuple[int, datetime]:
    """The letter's public count (the final list's) and when its text or state last changed."""
    count, _ = final_list.summary(letter.id)
    latest_version = db.session.scalar(
        sa.select(sa.func.max(LetterVersion.created_at)).where(LetterVersion.letter_id == letter.id)
    )
    moments = [letter.created_at, letter.opened_at, letter.closed_at, letter.published_at]
    moments.append(latest_version)
    return count, max(m for m in moments if m is not None)


# The columns a signature is written from; `listed` is the name the final list gives it.
COLUMNS = (
    SignOn.id,
    SignOn.signatory_id,
    SignOn.organisation,
    SignOn.acronym,
    SignOn.country,
    SignOn.website,
    SignOn.role,
    SignOn.signing_as,
    SignOn.contact_name,
    SignOn.contact_email,
    SignOn.status,
    SignOn.language,
    SignOn.created_at,
    SignOn.confirmed_at,
    SignOn.decided_at,
    SignOn.anonymised_at,
    SignOn.updated_at,
    SignOn.name_on_list.label("listed"),
)


def signatures(letter: Letter, query: Query) -> Page:
    """The page of the letter's sign-ons that `query` asks for."""
    where = [SignOn.letter_id == letter.id]
    if query.status:
        where.append(SignOn.status == query.status)
    if query.modified_since is not None:
        where.append(SignOn.updated_at > query.modified_since)
    total = db.session.scalar(sa.select(sa.func.count(SignOn.id)).where(*where)) or 0
    select = (
        sa.select(*COLUMNS)
        .join(Signatory, Signatory.id == SignOn.signatory_id)
        .where(*where)
        .order_by(SignOn.updated_at, SignOn.id)
        .limit(query.per_page)
    )
    if query.after is not None:
        moment, last_id = query.after
        select = select.where(
            sa.or_(
                SignOn.updated_at > moment,
                sa.and_(SignOn.updated_at == moment, SignOn.id > last_id),
            )
        )
    else:
        select = select.offset((query.page - 1) * query.per_page)
    return Page(list(db.session.execute(select)), total)


def signatures_by_id(letter: Letter, sign_on_id: int) -> sa.Row:
    """One of the letter's sign-ons, in the columns a signature is written from."""
    return db.session.execute(
        sa.select(*COLUMNS)
        .join(Signatory, Signatory.id == SignOn.signatory_id)
        .where(SignOn.letter_id == letter.id, SignOn.id == sign_on_id)
    ).one()


def is_public(row: sa.Row) -> bool:
    """Whether the public list shows this sign-on: the final list's rule, approved."""
    return row.status == SignOnStatus.APPROVED
