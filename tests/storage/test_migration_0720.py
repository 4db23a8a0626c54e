"""Migration 0720 adds "listed on the home page" (off); existing letters keep their live list."""

from pathlib import Path

import sqlalchemy as sa

from signon.storage import database, sqlite

LETTER = (
    "INSERT INTO letters (id, slug, title, body, status, created_at, language, letterhead,"
    " reference, addressee, subject, place_date, salutation, closing, signature_blocks,"
    " copy_line, accept_individuals, ordering, live_list, version)"
    " VALUES (:id, :slug, 'Old', '', 'open', '2026-01-01', 'en', '', '', '', '', '', '', '',"
    " '[]', '', 0, 'as_written', :live, 1)"
)


def test_existing_letters_keep_their_live_list_and_are_not_listed_on_the_home_page(
    tmp_path: Path,
):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    sqlite.install_sqlite_pragmas(engine)
    database.upgrade(engine, "0660")
    with engine.begin() as conn:
        conn.execute(sa.text(LETTER), {"id": 1, "slug": "live", "live": 1})
        conn.execute(sa.text(LETTER), {"id": 2, "slug": "held", "live": 0})
    database.upgrade(engine, "0720")
    query = "SELECT slug, live_list, listed_on_home FROM letters ORDER BY id"
    with engine.connect() as conn:
        assert [tuple(row) for row in conn.execute(sa.text(query))] == [
            ("live", 1, 0),
            ("held", 0, 0),
        ]
    database.downgrade(engine, "0660")
    columns = {c["name"] for c in sa.inspect(engine).get_columns("letters")}
    assert "listed_on_home" not in columns and "live_list" in columns
    engine.dispose()
