"""The ICU collation the database sorts names with, on this connection.

The database sorts with the same ICU root collation as `domain.collation` (a Python
collation registered on SQLite; PostgreSQL's "und-x-icu"), so a list sorted by the database
reads exactly as one sorted in Python, and big sorts spill to disk instead of memory.
"""

from collections.abc import Callable
from functools import cache

import sqlalchemy as sa

from signon.domain.collation import compare, compare_in, tailoring
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


def binary_for(icu: str) -> str:
    """The byte-order collation that breaks ties beside `icu` on the same database."""
    return "BINARY" if icu.startswith("signon_icu_") else "C"
