"""Duplicate decisions: signatory merges (undoable) and pairs marked distinct.

Revision ID: 0400
Revises: 0300
Create Date: 2026-11-24 05:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0400"
down_revision = "0300"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN with its foreign key inline on SQLite: a batch rebuild of
    # "signatories" would drop the table, and with foreign keys on that deletes every sign-on.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE signatories ADD COLUMN merged_into_id INTEGER"
            " CONSTRAINT fk_signatories_merged_into_id_signatories"
            " REFERENCES signatories (id) ON DELETE SET NULL"
        )
    else:
        op.add_column("signatories", sa.Column("merged_into_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_signatories_merged_into_id_signatories"),
            "signatories",
            "signatories",
            ["merged_into_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "distinct_signatories",
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("first_id < second_id", name=op.f("ck_distinct_signatories_ordered")),
        sa.ForeignKeyConstraint(
            ["first_id"],
            ["signatories.id"],
            name=op.f("fk_distinct_signatories_first_id_signatories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_distinct_signatories_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_id"],
            ["signatories.id"],
            name=op.f("fk_distinct_signatories_second_id_signatories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("first_id", "second_id", name=op.f("pk_distinct_signatories")),
    )
    op.create_index(
        op.f("ix_distinct_signatories_letter_id"), "distinct_signatories", ["letter_id"]
    )
    op.create_table(
        "signatory_merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("sign_on_ids", sa.JSON(), nullable=False),
        sa.Column("previous_display_name", sa.String(length=300), nullable=True),
        sa.Column("kept_name", sa.String(length=300), nullable=False),
        sa.Column("merged_name", sa.String(length=300), nullable=False),
        sa.Column("actor", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_signatory_merges_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["signatories.id"],
            name=op.f("fk_signatory_merges_source_id_signatories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["signatories.id"],
            name=op.f("fk_signatory_merges_target_id_signatories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signatory_merges")),
    )
    op.create_index(op.f("ix_signatory_merges_letter_id"), "signatory_merges", ["letter_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_signatory_merges_letter_id"), table_name="signatory_merges")
    op.drop_table("signatory_merges")
    op.drop_index(op.f("ix_distinct_signatories_letter_id"), table_name="distinct_signatories")
    op.drop_table("distinct_signatories")
    if op.get_bind().dialect.name == "sqlite":
        # A plain DROP COLUMN (SQLite 3.35+), for the same reason as in upgrade().
        op.execute("ALTER TABLE signatories DROP COLUMN merged_into_id")
    else:
        op.drop_constraint(
            op.f("fk_signatories_merged_into_id_signatories"), "signatories", type_="foreignkey"
        )
        op.drop_column("signatories", "merged_into_id")
