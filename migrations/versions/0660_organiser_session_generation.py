"""Organiser sessions that sign-out ends on the server: a generation per organiser.

Each session cookie carries the generation it was started in; signing out moves the
organiser to the next one, so every cookie copied before no longer opens anything.

Revision ID: 0660
Revises: 0610
Create Date: 2026-12-01 22:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0660"
down_revision = "0610"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organisers") as batch:
        batch.add_column(
            sa.Column("session_generation", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("organisers") as batch:
        batch.drop_column("session_generation")
