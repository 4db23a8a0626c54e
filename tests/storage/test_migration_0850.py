"""Migration 0850 gives sign-ons their unique contact key; repeats stored before keep none."""

from pathlib import Path

import sqlalchemy as sa

from signon.storage import database, sqlite
from tests.storage.test_migration_0720 import LETTER

SIGN_ON = (
    "INSERT INTO sign_ons (id, letter_id, signatory_id, organisation, acronym, country, website,"
    " contact_name, contact_email, role, signing_as, status, created_at, note, ip_prefix,"
    " letter_version, language, consent_language)"
    " VALUES (:id, 1, 1, 'Equitas', '', 'CI', '', 'Awa', :email, '', 'organisation', 'pending',"
    " '2026-01-01', '', '', 1, 'en', '')"
)


def test_the_earliest_of_repeated_sign_ons_holds_the_key(tmp_path: Path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    sqlite.install_sqlite_pragmas(engine)
    database.upgrade(engine, "0710")
    with engine.begin() as conn:
        conn.execute(sa.text(LETTER), {"id": 1, "slug": "climate", "live": 1})
        conn.execute(
            sa.text(
                "INSERT INTO signatories (id, letter_id, country, name_key, kind, created_at)"
                " VALUES (1, 1, 'CI', 'equitas', 'organisation', '2026-01-01')"
            )
        )
        for row_id, email in [(1, "awa@x.org"), (2, "AWA@x.org"), (3, "other@x.org")]:
            conn.execute(sa.text(SIGN_ON), {"id": row_id, "email": email})
    database.upgrade(engine, "0850")
    with engine.connect() as conn:
        keys = conn.execute(sa.text("SELECT contact_key FROM sign_ons ORDER BY id")).scalars()
        first, repeat, other = list(keys)
    assert first and other and first != other and repeat is None
    database.downgrade(engine, "0710")
    columns = {c["name"] for c in sa.inspect(engine).get_columns("sign_ons")}
    assert "contact_key" not in columns
    engine.dispose()
