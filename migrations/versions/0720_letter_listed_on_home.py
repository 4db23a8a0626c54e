"""A letter's place on the home page: organisers choose which open letters are listed there.

Revision ID: 0720
Revises: 0660
Create Date: 2026-12-02 03:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0720"
down_revision = "0660"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch rebuild of letters on SQLite would cascade to its children.
    op.add_column(
        "letters",
        sa.Column("listed_on_home", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("letters", "listed_on_home")
