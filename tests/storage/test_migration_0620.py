"""Migration 0620 gives each existing letter version 1 of the default consent text."""

from pathlib import Path

import sqlalchemy as sa

from signon.letters.consent import DEFAULT_CONSENT_TEXT
from signon.storage import database, sqlite

LETTER = (
    "INSERT INTO letters (id, slug, title, body, status, created_at, language, letterhead,"
    " reference, addressee, subject, place_date, salutation, closing, signature_blocks,"
    " copy_line, accept_individuals, ordering, live_list, version)"
    " VALUES (1, 'old', 'Old', '', 'open', '2026-01-01', 'en', '', '', '', '', '', '', '',"
    " '[]', '', 0, 'as_written', 1, 1)"
)


def test_existing_letters_get_the_default_text_and_the_migration_goes_back(tmp_path: Path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    sqlite.install_sqlite_pragmas(engine)
    database.upgrade(engine, "0500")
    with engine.begin() as conn:
        conn.execute(sa.text(LETTER))
    database.upgrade(engine, "0620")
    with engine.connect() as conn:
        letter = conn.execute(sa.text("SELECT retention_days, consent_version FROM letters")).one()
        version = conn.execute(
            sa.text("SELECT letter_id, number, consent_text, retention_days FROM consent_versions")
        ).one()
    assert tuple(letter) == (180, 1)
    assert tuple(version) == (1, 1, DEFAULT_CONSENT_TEXT, 180)
    database.downgrade(engine, "0500")
    with engine.connect() as conn:
        assert "consent_versions" not in sa.inspect(conn).get_table_names()
    engine.dispose()
