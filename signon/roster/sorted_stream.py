"""The final list sorted by the database itself, read row by row: memory stays flat.

The database sorts names with the same ICU root collation as `domain.collation` (a Python
collation registered on SQLite; PostgreSQL's "und-x-icu"), breaks ties on the raw text and
then on the first sign-on, exactly as `final_list()` does, and spills big sorts to disk.
"""

from collections.abc import Callable, Iterator
from functools import cache

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from signon.domain.collation import compare, compare_in, tailoring
from signon.domain.countries import country_order
from signon.roster.options import ExportOptions
from signon.signing.listing import ListedSignatory, merge_rows
from signon.signing.models import Signatory, SignerKind, SignOn, SignOnStatus
from signon.storage.extensions import db

SQLITE_COLLATION = "signon_icu_root"


@cache
def _postgres_has(url: str, name: str) -> bool:
    found = db.session.scalar(
        sa.text("SELECT 1 FROM pg_collation WHERE collname = :name"), {"name": name}
    )
    return found is not None


def _sqlite_compare(language: str | None) -> Callable[[str, str], int]:
    if language is None:
        return compare
    return lambda a, b: compare_in(a, b, language)


def collation(language: str | None = None) -> str | None:
    """The ICU collation to sort with on this connection, or None when there is none.

    Names sort in `language`'s own order where ICU has one (Spanish, French), else root.
    """
    tailored = tailoring(language)
    connection = db.session.connection()
    dialect = connection.dialect.name
    if dialect == "sqlite":
        name = SQLITE_COLLATION if tailored is None else f"signon_icu_{tailored}"
        pooled = connection.connection
        # Once per DBAPI connection: SQLite refuses to replace a collation in use.
        if not pooled.info.get(name):
            pooled.dbapi_connection.create_collation(name, _sqlite_compare(tailored))
            pooled.info[name] = True
        return name
    name = "und-x-icu" if tailored is None else f"{tailored}-x-icu"
    if dialect == "postgresql" and _postgres_has(str(connection.engine.url), name):
        return name
    return None


def _country_rank(options: ExportOptions) -> sa.ColumnElement:
    ranks = country_order(options.language, options.international)
    return sa.case(ranks, value=Signatory.country, else_=len(ranks))


def approved_on(letter_id: int) -> tuple[sa.ColumnElement[bool], ...]:
    """The conditions for a letter's approved sign-ons."""
    return (SignOn.letter_id == letter_id, SignOn.status == SignOnStatus.APPROVED)


def first_sign_ons(letter_id: int) -> sa.Subquery:
    """Each signatory's earliest approved sign-on id (`signatory_id`, `first_id`)."""
    return (
        sa.select(SignOn.signatory_id, sa.func.min(SignOn.id).label("first_id"))
        .where(*approved_on(letter_id))
        .group_by(SignOn.signatory_id)
        .subquery()
    )


def ordered_rows(letter_id: int, options: ExportOptions, icu: str) -> Iterator[ListedSignatory]:
    """Every approved signatory, arranged and in final order, merged on the fly."""
    approved = approved_on(letter_id)
    first = first_sign_ons(letter_id)
    first_on = aliased(SignOn)
    individual = Signatory.kind == SignerKind.INDIVIDUAL
    name = first_on.name_on_list
    binary = "BINARY" if icu.startswith("signon_icu_") else "C"
    order: list[sa.ColumnElement] = []
    if options.individuals_apart:
        order.append(sa.case((individual, 1), else_=0))
    if options.group_by_country:
        order += [_country_rank(options), Signatory.country]
    order += [name.collate(icu), name.collate(binary), first.c.first_id, SignOn.id]
    query = (
        sa.select(
            Signatory.id,
            Signatory.kind,
            Signatory.country,
            name.label("name"),
            SignOn.organisation,
            SignOn.contact_name,
            SignOn.contact_email,
            SignOn.role,
            SignOn.acronym,
            SignOn.website,
            SignOn.created_at,
        )
        .join(first, first.c.signatory_id == Signatory.id)
        .join(first_on, first_on.id == first.c.first_id)
        .join(SignOn, SignOn.signatory_id == Signatory.id)
        .where(*approved)
        .order_by(*order)
        .execution_options(yield_per=1000)
    )
    group: list[sa.Row] = []
    for row in db.session.execute(query):
        if group and row.id != group[0].id:
            yield merge(group)
            group = []
        group.append(row)
    if group:
        yield merge(group)


def merge(rows: list[sa.Row]) -> ListedSignatory:
    """One signatory from its rows, under the name the query chose."""
    return merge_rows(rows)


def summary(letter_id: int) -> tuple[int, bool]:
    """How many signatories, and whether both organisations and individuals are among them."""
    approved = approved_on(letter_id)
    rows = db.session.execute(
        sa.select(Signatory.kind, sa.func.count(sa.distinct(Signatory.id)))
        .join(SignOn, SignOn.signatory_id == Signatory.id)
        .where(*approved)
        .group_by(Signatory.kind)
    ).all()
    return sum(count for _, count in rows), len(rows) > 1
