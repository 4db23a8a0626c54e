"""The directory's decisions: two organisations joined, or kept apart, across letters.

Revision ID: 0930
Revises: 0910
Create Date: 2026-12-07 22:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0930"
down_revision = "0910"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "directory_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("first_country", sa.String(2), nullable=False),
        sa.Column("first_key", sa.String(400), nullable=False),
        sa.Column("second_country", sa.String(2), nullable=False),
        sa.Column("second_key", sa.String(400), nullable=False),
        sa.Column("decision", sa.String(8), nullable=False),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "decision IN ('merge', 'apart')", name=op.f("ck_directory_decisions_decision")
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_directory_decisions_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_decisions")),
    )
    op.create_index(
        "uq_directory_decisions_pair",
        "directory_decisions",
        ["first_country", "first_key", "second_country", "second_key"],
        unique=True,
    )
    op.create_index(op.f("ix_directory_decisions_letter_id"), "directory_decisions", ["letter_id"])


def downgrade() -> None:
    op.drop_index("uq_directory_decisions_pair", table_name="directory_decisions")
    op.drop_index(op.f("ix_directory_decisions_letter_id"), table_name="directory_decisions")
    op.drop_table("directory_decisions")
