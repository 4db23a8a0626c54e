"""Migration 0500 keeps every queued email, and refuses to go back over unrendered ones."""

from pathlib import Path

import pytest
import sqlalchemy as sa

from signon.storage import database, sqlite

RENDERED = (
    "INSERT INTO outbox (id, recipient, subject, body_text, body_html, status, attempts,"
    " last_error, created_at, next_attempt_at) VALUES (1, 'a@b.org', 'S', 'text', '<p>html</p>',"
    " 'pending', 0, '', '2026-01-01', '2026-01-01')"
)
UNRENDERED = (
    "INSERT INTO outbox (id, recipient, subject, template, params, status, attempts,"
    " last_error, created_at, next_attempt_at) VALUES (2, 'c@d.org', 'S', 'confirm_sign_on',"
    " '{\"sign_on_id\": 1}', 'pending', 0, '', '2026-01-01', '2026-01-01')"
)


def rows(engine: sa.Engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT id, body_text FROM outbox ORDER BY id")).all()


def test_upgrade_keeps_messages_and_downgrade_needs_them_rendered(tmp_path: Path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    sqlite.install_sqlite_pragmas(engine)
    database.upgrade(engine, "0400")
    with engine.begin() as conn:
        conn.execute(sa.text(RENDERED))
    database.upgrade(engine, "0500")
    with engine.begin() as conn:
        conn.execute(sa.text(UNRENDERED))
    assert rows(engine) == [(1, "text"), (2, None)]
    with pytest.raises(RuntimeError, match="1 emails are not rendered yet"):
        database.downgrade(engine, "0400")
    assert rows(engine) == [(1, "text"), (2, None)]
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM outbox WHERE id = 2"))
    database.downgrade(engine, "0400")
    assert rows(engine) == [(1, "text")]
    engine.dispose()
