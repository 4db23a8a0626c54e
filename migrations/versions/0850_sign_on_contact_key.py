"""One sign-on per contact and signatory, kept by the database: `sign_ons.contact_key`.

Revision ID: 0850
Revises: 0710
Create Date: 2026-12-03 10:00:00
"""

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0850"
down_revision = "0830"
branch_labels = None
depends_on = None

_sign_ons = sa.table(
    "sign_ons",
    sa.column("id", sa.Integer),
    sa.column("signatory_id", sa.Integer),
    sa.column("contact_email", sa.String),
    sa.column("anonymised_at", sa.DateTime),
    sa.column("contact_key", sa.String),
)


def _key(signatory_id: int, email: str) -> str:
    # The same rule as signon.signing.matching.contact_key (a migration keeps its own copy).
    return hashlib.sha256(f"{signatory_id}:{email.lower()}".encode()).hexdigest()


def upgrade() -> None:
    op.add_column("sign_ons", sa.Column("contact_key", sa.String(64), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(_sign_ons.c.id, _sign_ons.c.signatory_id, _sign_ons.c.contact_email)
        .where(_sign_ons.c.anonymised_at.is_(None), _sign_ons.c.contact_email != "")
        .order_by(_sign_ons.c.id)
    )
    seen: set[str] = set()
    keys = []
    for row in rows:
        key = _key(row.signatory_id, row.contact_email)
        # Repeats stored before the key existed keep none: the earliest holds it.
        if key not in seen:
            seen.add(key)
            keys.append({"row_id": row.id, "key": key})
    if keys:
        conn.execute(
            sa.update(_sign_ons)
            .where(_sign_ons.c.id == sa.bindparam("row_id"))
            .values(contact_key=sa.bindparam("key")),
            keys,
        )
    op.create_index("uq_sign_ons_contact_key", "sign_ons", ["contact_key"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_sign_ons_contact_key", table_name="sign_ons")
    op.drop_column("sign_ons", "contact_key")
