"""Migration 0400 on a SQLite database that already has sign-ons, foreign keys on."""

from pathlib import Path

import sqlalchemy as sa

from signon.storage import database, sqlite

ROWS = [
    "INSERT INTO letters (id, slug, title, body, status, created_at, language, letterhead,"
    " reference, addressee, subject, place_date, salutation, closing, signature_blocks,"
    " copy_line, accept_individuals, ordering, live_list) VALUES (1, 'l', 'L', '', 'open',"
    " '2026-01-01', 'en', '', '', '', '', '', '', '', '[]', '', 0, 'as_written', 0)",
    "INSERT INTO signatories (id, letter_id, country, name_key, kind, created_at)"
    " VALUES (1, 1, 'KE', 'alpha', 'organisation', '2026-01-01')",
    "INSERT INTO sign_ons (id, letter_id, signatory_id, organisation, acronym, country,"
    " website, contact_name, contact_email, role, signing_as, status, created_at)"
    " VALUES (1, 1, 1, 'Alpha', '', 'KE', '', 'A', 'a@alpha.org', '', 'organisation',"
    " 'approved', '2026-01-01')",
]


def count(engine: sa.Engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608


def test_upgrade_and_downgrade_keep_every_sign_on(tmp_path: Path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    sqlite.install_sqlite_pragmas(engine)  # foreign keys on, as the application runs
    database.upgrade(engine, "0001")
    with engine.begin() as conn:
        for row in ROWS:
            conn.execute(sa.text(row))
    database.upgrade(engine, "0400")
    assert count(engine, "sign_ons") == 1
    columns = {c["name"] for c in sa.inspect(engine).get_columns("signatories")}
    assert "merged_into_id" in columns

    database.downgrade(engine, "0001")
    assert count(engine, "sign_ons") == 1
    assert "merged_into_id" not in {
        c["name"] for c in sa.inspect(engine).get_columns("signatories")
    }
    engine.dispose()
