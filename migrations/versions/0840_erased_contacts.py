"""Erased contacts, by a keyed hash of their address: a re-import never brings them back.

Revision ID: 0840
Revises: 0700
Create Date: 2026-12-07 19:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0840"
down_revision = "0850"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erased_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("email_key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_erased_contacts_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erased_contacts")),
        sa.UniqueConstraint(
            "letter_id", "email_key", name=op.f("uq_erased_contacts_letter_id_email_key")
        ),
    )


def downgrade() -> None:
    op.drop_table("erased_contacts")
