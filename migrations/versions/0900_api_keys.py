"""API keys per letter, the answers kept for an Idempotency-Key, and `sign_ons.updated_at`.

Revision ID: 0900
Revises: 0930
Create Date: 2026-12-07 22:40:00

`sign_ons.updated_at` is when anything of a sign-on last changed: a CRM asks for what changed
since its last sync. Existing sign-ons get their latest known change.
"""

import sqlalchemy as sa
from alembic import op

revision = "0900"
down_revision = "0930"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("contacts", sa.Boolean(), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_api_keys_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    op.create_index(op.f("ix_api_keys_letter_id"), "api_keys", ["letter_id"], unique=False)
    op.create_table(
        "api_idempotency",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("api_key_id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_key_id"],
            ["api_keys.id"],
            name=op.f("fk_api_idempotency_api_key_id_api_keys"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_idempotency")),
        sa.UniqueConstraint(
            "api_key_id", "key_hash", name=op.f("uq_api_idempotency_api_key_id_key_hash")
        ),
    )
    # A plain ADD COLUMN on SQLite too: a batch rebuild of "sign_ons" would drop its children.
    op.add_column("sign_ons", sa.Column("updated_at", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE sign_ons SET updated_at = COALESCE(anonymised_at, decided_at, confirmed_at,"
        " created_at)"
    )
    op.create_index(
        "ix_sign_ons_letter_updated", "sign_ons", ["letter_id", "updated_at", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_sign_ons_letter_updated", table_name="sign_ons")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE sign_ons DROP COLUMN updated_at")
    else:
        op.drop_column("sign_ons", "updated_at")
    op.drop_table("api_idempotency")
    op.drop_index(op.f("ix_api_keys_letter_id"), table_name="api_keys")
    op.drop_table("api_keys")
