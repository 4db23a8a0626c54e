"""A sign-on remembers the spelling it came under, so that only "Undo" splits a merge.

Revision ID: 0800
Revises: 0700
Create Date: 2026-12-03 09:00:00

`sign_ons.home_id` is the signatory of the sign-on's own name and country when a merge
carried it into another entry (NULL: the same as `signatory_id`). Existing merges still in
force are read back: the sign-ons each moved, and those that joined later under a merged
spelling.
"""

import json

import sqlalchemy as sa
from alembic import op

from signon.domain.names import name_key

revision = "0800"
down_revision = "0840"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN with its foreign key inline on SQLite: a batch rebuild of
    # "sign_ons" would drop the table (and its children's rows with it).
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE sign_ons ADD COLUMN home_id INTEGER"
            " CONSTRAINT fk_sign_ons_home_id_signatories"
            " REFERENCES signatories (id) ON DELETE CASCADE"
        )
    else:
        op.add_column("sign_ons", sa.Column("home_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_sign_ons_home_id_signatories"),
            "sign_ons",
            "signatories",
            ["home_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.create_index(op.f("ix_sign_ons_home_id"), "sign_ons", ["home_id"], unique=False)
    _backfill(op.get_bind())


def _backfill(conn: sa.Connection) -> None:
    homes: dict[int, int] = {}
    # Latest merge first, so that the earliest merge that moved a sign-on names its home.
    merges = conn.execute(
        sa.text(
            "SELECT source_id, sign_on_ids FROM signatory_merges"
            " WHERE undone_at IS NULL ORDER BY id DESC"
        )
    ).all()
    for source_id, ids in merges:
        for sign_on_id in json.loads(ids) if isinstance(ids, str) else ids or []:
            homes[sign_on_id] = source_id
    merged = conn.execute(
        sa.text(
            "SELECT id, letter_id, kind, country, name_key FROM signatories"
            " WHERE merged_into_id IS NOT NULL"
        )
    ).all()
    by_key = {(r.letter_id, r.kind, r.country, r.name_key): r.id for r in merged}
    if by_key:
        # Sign-ons that arrived after a merge under a merged spelling: their home is it.
        later = conn.execute(
            sa.text(
                "SELECT s.id, s.letter_id, s.signing_as, s.country, s.organisation,"
                " s.contact_name FROM sign_ons s JOIN signatories t ON t.id = s.signatory_id"
                " WHERE EXISTS (SELECT 1 FROM signatories m WHERE m.merged_into_id = t.id)"
            )
        ).all()
        for row in later:
            own = row.contact_name if row.signing_as == "individual" else row.organisation
            home = by_key.get((row.letter_id, row.signing_as, row.country, name_key(own)))
            if home is not None:
                homes.setdefault(row.id, home)
    for sign_on_id, home in homes.items():
        conn.execute(
            sa.text("UPDATE sign_ons SET home_id = :home WHERE id = :id AND signatory_id != :home"),
            {"home": home, "id": sign_on_id},
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_sign_ons_home_id"), table_name="sign_ons")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE sign_ons DROP COLUMN home_id")
    else:
        op.drop_constraint(op.f("fk_sign_ons_home_id_signatories"), "sign_ons", type_="foreignkey")
        op.drop_column("sign_ons", "home_id")
