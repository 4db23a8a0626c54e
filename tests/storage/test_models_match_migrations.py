"""The models and the migrations describe one schema: autogenerate finds nothing to change."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from signon.app.models import Base


def _fk_shape(fk: sa.ForeignKeyConstraint) -> tuple:
    return (
        fk.table.name,
        tuple(c.name for c in fk.columns),
        tuple(e.target_fullname for e in fk.elements),
    )


def _without_sqlite_inline_fk_noise(diffs: list) -> list:
    """Drop remove_fk/add_fk pairs of one constraint that differ only in what SQLite reflects.

    Migration 0400 adds `merged_into_id` with an inline REFERENCES clause (a table rebuild
    would cascade-delete every sign-on); SQLAlchemy's SQLite reflection reads such a clause
    without its name or ON DELETE, although the stored schema has both.
    """
    removed = {_fk_shape(d[1]) for d in diffs if d[0] == "remove_fk"}
    added = {_fk_shape(d[1]) for d in diffs if d[0] == "add_fk"}
    same = removed & added
    return [d for d in diffs if not (d[0] in ("remove_fk", "add_fk") and _fk_shape(d[1]) in same)]


def _differences(url: str) -> list:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, Base.metadata)
            if engine.dialect.name == "sqlite":
                diffs = _without_sqlite_inline_fk_noise(diffs)
            return diffs
    finally:
        engine.dispose()


def test_the_migrated_database_matches_the_models(database_url: str):
    assert _differences(database_url) == []
