"""Uploaded tables waiting for an organiser's confirmation (importing sign-ons).

Revision ID: 0630
Revises: 0620
Create Date: 2026-12-01 22:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0630"
down_revision = "0620"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_uploads",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("organiser_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("sheets", sa.JSON(), nullable=False),
        sa.Column("sheet", sa.String(200), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=True),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("default_country", sa.String(2), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name="fk_import_uploads_letter_id_letters",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organiser_id"],
            ["organisers.id"],
            name="fk_import_uploads_organiser_id_organisers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_import_uploads"),
    )
    op.create_index("ix_import_uploads_organiser_id", "import_uploads", ["organiser_id"])


def downgrade() -> None:
    op.drop_index("ix_import_uploads_organiser_id", table_name="import_uploads")
    op.drop_table("import_uploads")
