"""The language a sign-on was made in: its emails go out in it.

Revision ID: 0680
Revises: 0500
Create Date: 2026-12-01 22:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0680"
down_revision = "0500"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch rebuild of sign_ons on SQLite would cascade to its children.
    op.add_column(
        "sign_ons", sa.Column("language", sa.String(8), nullable=False, server_default="en")
    )


def downgrade() -> None:
    op.drop_column("sign_ons", "language")
