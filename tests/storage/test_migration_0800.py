"""Migration 0800 gives sign-ons their own spelling back: merges in force still split right."""

from pathlib import Path

import sqlalchemy as sa

from signon.storage import database, sqlite


def _row(conn: sa.Connection, table: str, **values: object) -> None:
    """Insert a row, filling the other required columns with plain values."""
    for column in sa.inspect(conn).get_columns(table):
        name = column["name"]
        if name in values or column["nullable"] or column.get("default") is not None:
            continue
        kind = str(column["type"]).upper()
        values[name] = (
            0 if "INT" in kind or "BOOL" in kind
            else "2026-01-01 00:00:00" if "DATE" in kind or "TIME" in kind
            else "[]" if "JSON" in kind
            else "x"
        )  # fmt: skip
    conn.execute(sa.insert(sa.table(table, *map(sa.column, values))), values)


def test_existing_merges_keep_where_each_sign_on_came_from(tmp_path: Path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    sqlite.install_sqlite_pragmas(engine)
    database.upgrade(engine, "0700")
    with engine.begin() as conn:
        _row(conn, "letters", id=1, slug="old", status="open", signature_blocks="[]")
        for id_, key, merged_into in (
            (1, "alpha trust", None),
            (2, "alpha trst", 1),
            (3, "beta", None),
        ):
            _row(conn, "signatories", id=id_, letter_id=1, country="KE", kind="organisation",
                 name_key=key, merged_into_id=merged_into)  # fmt: skip
        # 1: Alpha Trust's own; 2: moved by the merge; 3: signed later as "Alpha Trst";
        # 4: Beta's own.
        for id_, signatory, name in (
            (1, 1, "Alpha Trust"),
            (2, 1, "Alpha Trst"),
            (3, 1, "Alpha Trst"),
            (4, 3, "Beta"),
        ):
            _row(conn, "sign_ons", id=id_, letter_id=1, signatory_id=signatory, organisation=name,
                 country="KE", signing_as="organisation", status="approved")  # fmt: skip
        _row(conn, "signatory_merges", id=1, letter_id=1, target_id=1, source_id=2,
             sign_on_ids="[2]", kept_name="Alpha Trust", merged_name="Alpha Trst",
             undone_at=None)  # fmt: skip
    database.upgrade(engine, "0800")
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, signatory_id, home_id FROM sign_ons ORDER BY id"))
        assert [tuple(r) for r in rows] == [(1, 1, None), (2, 1, 2), (3, 1, 2), (4, 3, None)]
    database.downgrade(engine, "0700")
    columns = {c["name"] for c in sa.inspect(engine).get_columns("sign_ons")}
    assert "home_id" not in columns
    engine.dispose()
