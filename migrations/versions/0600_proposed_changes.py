"""Changes a signatory asks for on an approved entry wait here for the organisers.

Revision ID: 0600
Revises: 0680
Create Date: 2026-12-01 22:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0600"
down_revision = "0680"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "proposed_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sign_on_id", sa.Integer(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sign_on_id"],
            ["sign_ons.id"],
            name=op.f("fk_proposed_changes_sign_on_id_sign_ons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposed_changes")),
        sa.UniqueConstraint("sign_on_id", name=op.f("uq_proposed_changes_sign_on_id")),
    )


def downgrade() -> None:
    op.drop_table("proposed_changes")
