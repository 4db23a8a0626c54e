"""Migration 0630 adds the table of uploads waiting for confirmation, and takes it away."""

from pathlib import Path

import sqlalchemy as sa

from signon.storage import database, sqlite


def tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_the_uploads_table_comes_and_goes_and_letters_stay(tmp_path: Path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    sqlite.install_sqlite_pragmas(engine)
    database.upgrade(engine, "0500")
    assert "import_uploads" not in tables(engine)
    database.upgrade(engine, "0630")
    assert "import_uploads" in tables(engine)
    columns = {c["name"] for c in sa.inspect(engine).get_columns("import_uploads")}
    assert {"id", "letter_id", "organiser_id", "file_name", "sheets", "status"} <= columns
    database.downgrade(engine, "0500")
    assert "import_uploads" not in tables(engine)
    assert "letters" in tables(engine)
    engine.dispose()
