"""Migration 0700 gives letters a sender and keeps the letters already there, both ways."""

from pathlib import Path

import sqlalchemy as sa

from signon.storage import database, sqlite


def columns(engine: sa.Engine, table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(engine).get_columns(table)}


def test_existing_letters_get_an_empty_sender_and_keep_their_sign_ons(tmp_path: Path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    sqlite.install_sqlite_pragmas(engine)
    database.upgrade(engine, "0710")
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO letters (slug, title, body, status, created_at, language, letterhead,"
                " reference, addressee, subject, place_date, salutation, closing,"
                " signature_blocks, copy_line, accept_individuals, ordering, live_list)"
                " VALUES ('old', 'Old', '', 'open', '2026-01-01', 'en', '', '', '', '', '', '',"
                " '', '[]', '', 0, 'as_written', 1)"
            )
        )
    database.upgrade(engine, "0700")
    with engine.connect() as conn:
        row = conn.execute(
            sa.text("SELECT sender_name, email_signature, contact_email FROM letters")
        ).one()
    assert tuple(row) == ("", "", "")
    assert "from_name" in columns(engine, "outbox")
    assert "confirmation_resent_at" in columns(engine, "sign_ons")
    database.downgrade(engine, "0710")
    assert "sender_name" not in columns(engine, "letters")
    assert "from_name" not in columns(engine, "outbox")
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT slug FROM letters")).scalar_one() == "old"
    engine.dispose()
